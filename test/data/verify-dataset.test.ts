/**
 * Every registered data set is verified before use: for each, small stand-in files with injected pins pass; a
 * tampered extracted file, a tampered downloaded archive and a tampered cached archive are detected before use,
 * with the file and both digests named. The real pins are checked against ../shared/data where it exists.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { datasetCandidates, loadDataset, type DatasetName } from "../../src/data/dataset-registry";
import { DATASET_PINS, type DatasetPins, type FilePin } from "../../src/data/dataset-pins";
import { downloadDataset, type FetchLike } from "../../src/data/download-dataset";
import { fileDigest, verifyDatasetFiles } from "../../src/data/verify-dataset";
import { literally, tempDirWith } from "./tmp-files";

const hasZip = spawnSync("zip", ["-v"], { stdio: "ignore" }).error === undefined;
const sha256 = (b: string | Buffer): string => createHash("sha256").update(b).digest("hex");
const gitBlob = (b: string): string => createHash("sha1").update(`blob ${Buffer.byteLength(b)}\0${b}`).digest("hex");
const quiet = (): void => {};
const stampDir = tempDirWith();
const GENRES = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];

/** Stand-in files of each data set (loadable by its loader) and which digest kind each pin uses. */
const standIns: Record<DatasetName, { files: Record<string, string>; blob?: string[]; counts?: DatasetPins["counts"]; tamper: string }> = {
  "ml-latest-small": {
    files: {
      "ratings.csv": "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n2,10,3.5,964982931\n2,20,5.0,964982400\n",
      "movies.csv": "movieId,title,genres\n10,A (1995),Comedy\n20,B (1996),Drama\n",
    },
    tamper: "ratings.csv",
  },
  "ml-100k": {
    files: {
      "u.data": "1\t10\t4\t881250949\n2\t10\t3\t891717742\n2\t20\t5\t878887116\n",
      "u.item": "10|A (1995)|01-Jan-1995||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n20|B (1996)|01-Jan-1996||http://y|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n",
      "u.user": "1|24|M|technician|85711\n2|53|F|other|94043\n",
      "u.genre": GENRES.map((g, k) => `${g}|${k}`).join("\n") + "\n",
    },
    tamper: "u.data",
  },
  "ml-1m": {
    files: {
      "ratings.dat": "1::10::4::978300760\n2::10::3::978302109\n2::20::5::978301968\n",
      "movies.dat": "10::A (1995)::Comedy\n20::B (1996)::Drama\n",
      "users.dat": "1::F::1::10::48067\n2::M::56::16::70072\n",
    },
    blob: ["ratings.dat"], // the published ratings.dat is pinned by its git blob id
    tamper: "ratings.dat",
  },
  libimseti: {
    files: { "ratings.dat": "1,10,4\r\n2,10,3\r\n2,20,9\r\n", "gender.dat": "1,M\n2,F\n10,F\n20,M\n" },
    counts: { ratings: 3, users: 2, items: 2 },
    tamper: "ratings.dat",
  },
};

function pinsOf(name: DatasetName): DatasetPins {
  const s = standIns[name];
  const files: Record<string, FilePin> = {};
  for (const [rel, text] of Object.entries(s.files)) {
    files[rel] = s.blob?.includes(rel) ? { gitBlobSha1: gitBlob(text), required: true } : { sha256: sha256(text), required: true };
  }
  return { files, ...(s.counts ? { counts: s.counts } : {}) };
}

/** A zip of `files` under a top folder `top/` (as GroupLens's archives). */
function zipOf(top: string, files: Record<string, string>): Buffer {
  const src = tempDirWith(Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(top, rel), text])));
  const zip = path.join(src, "a.zip");
  assert.equal(spawnSync("zip", ["-q", "-r", zip, top], { cwd: src }).status, 0);
  return fs.readFileSync(zip);
}

function serving(bytes: Buffer, calls: string[] = []): FetchLike {
  return async (url: string) => {
    calls.push(url);
    return { ok: true, status: 200, statusText: "OK", body: (async function* () { yield bytes; })() };
  };
}

/** The tampered version of a stand-in: one rating changed (same length, so only the content differs). */
function tampered(name: DatasetName): Record<string, string> {
  const s = standIns[name];
  const text = s.files[s.tamper];
  return { ...s.files, [s.tamper]: text.replace(/,4\r?\n|::4::|\t4\t|,4\.0,/, (m) => m.replace("4", "2")) };
}

test("git blob ids are SHA-1 of 'blob <size>\\0' + content (known answer: git hash-object of 'hello\\n')", async () => {
  const dir = tempDirWith({ "h.txt": "hello\n" });
  assert.deepEqual(await fileDigest(path.join(dir, "h.txt"), { gitBlobSha1: "x" }), ["git blob sha1", "ce013625030ba8dba906f756967f9e9ca394464a"]);
  assert.equal(DATASET_PINS["ml-1m"].files["ratings.dat"].gitBlobSha1, "77a7c4b150f588c23bb9e1f068aa996c0b413695");
  assert.deepEqual(DATASET_PINS.libimseti.counts, { ratings: 17359346, users: 135359, items: 168791 });
});

for (const name of Object.keys(standIns) as DatasetName[]) {
  const s = standIns[name];
  const pins = pinsOf(name);

  test(`${name}: stand-in files with their pins load; a tampered file is refused before use, naming the file and both digests`, async () => {
    const dir = tempDirWith(s.files);
    const r = await loadDataset(name, { dir, verify: true, pins, stampDir });
    assert.equal(r.size, 3);
    const bad = tempDirWith(tampered(name));
    const file = path.join(bad, s.tamper);
    const kind = s.blob?.includes(s.tamper) ? "git blob sha1" : "sha256";
    const expected = pins.files[s.tamper].sha256 ?? pins.files[s.tamper].gitBlobSha1!;
    const actual = (await fileDigest(file, pins.files[s.tamper]))[1];
    assert.notEqual(actual, expected);
    await assert.rejects(loadDataset(name, { dir: bad, verify: true, pins, stampDir }), literally(`${name}: ${file} has ${kind} ${actual}, but the published file has ${expected}`));
    // A required file that is missing is named too.
    fs.rmSync(path.join(dir, s.tamper));
    await assert.rejects(loadDataset(name, { dir, verify: true, pins, stampDir }), literally(`${name}: ${path.join(dir, s.tamper)} is missing`));
  });

  test(`${name}: downloadDataset verifies the unpacked files; tampered downloaded or cached archives and unpacked files are caught`, { skip: hasZip ? false : "zip is not installed" }, async () => {
    const good = zipOf(name, s.files);
    const bad = zipOf(name, tampered(name));
    // ml-latest-small's archive hash is known (DATASET_SOURCES): inject the stand-in archive's, which catches a
    // tampered archive even before unpacking; the other archives are judged by their unpacked files.
    const archiveHash = name === "ml-latest-small";
    const options = { log: quiet, pins, stampDir, ...(archiveHash ? { sha256: sha256(good) } : {}) };
    const caught = archiveHash ? /sha256 mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}/ : new RegExp(`the downloaded archive does not hold the published files.*${s.tamper} has .* but the published file has`);
    // A tampered download: an error naming the file and both digests, and no unpacked folder left to use.
    const cache1 = tempDirWith();
    await assert.rejects(downloadDataset(name, { ...options, cacheDir: cache1, fetch: serving(bad) }), caught);
    assert.ok(!fs.existsSync(path.join(cache1, name)));
    // A tampered archive in the cache (no archive hash known): not reused blindly; downloaded again and verified.
    const cache2 = tempDirWith({ [`${name}.zip`]: bad });
    const calls: string[] = [];
    const messages: string[] = [];
    const dir = await downloadDataset(name, { ...options, cacheDir: cache2, fetch: serving(good, calls), log: (m) => messages.push(m) });
    assert.equal(calls.length, 1, "the tampered cached archive was replaced by a download");
    const noted = archiveHash ? `${name}.zip: sha256 ${sha256(bad)} does not match ${sha256(good)}` : `${s.tamper} has`;
    assert.ok(messages.some((m) => m.includes(noted) && m.includes("downloading again")), messages.join("\n"));
    assert.equal(fs.readFileSync(path.join(dir, s.tamper), "utf8"), s.files[s.tamper]);
    // A correct cached archive is reused without a download.
    fs.rmSync(dir, { recursive: true });
    await downloadDataset(name, { ...options, cacheDir: cache2, fetch: serving(good, calls) });
    assert.equal(calls.length, 1);
    // An unpacked file changed afterwards: caught on the next use (and by loadDataset on that folder).
    fs.writeFileSync(path.join(dir, s.tamper), tampered(name)[s.tamper]);
    await assert.rejects(downloadDataset(name, { ...options, cacheDir: cache2, fetch: serving(good, calls) }), new RegExp(`${s.tamper} has .* but the published file has`));
    await assert.rejects(loadDataset(name, { dir, verify: true, pins, stampDir }), /but the published file has/);
  });
}

test("libimseti: loaded ratings are checked against the published counts", async () => {
  const s = standIns.libimseti;
  const pins: DatasetPins = { files: {}, counts: { ratings: 3, users: 2, items: 2 } };
  const dir = tempDirWith(s.files);
  assert.equal((await loadDataset("libimseti", { dir, verify: true, pins })).size, 3);
  const extra = tempDirWith({ ...s.files, "ratings.dat": s.files["ratings.dat"] + "3,20,5\r\n", "gender.dat": s.files["gender.dat"] + "3,F\n" });
  await assert.rejects(loadDataset("libimseti", { dir: extra, verify: true, pins }), literally(`libimseti: the files in ${extra} hold 4 ratings, but the published data set has 3`));
  const noGender = { files: {}, counts: { ratings: 3, users: 3, items: 2 } };
  await assert.rejects(loadDataset("libimseti", { dir, verify: true, pins: noGender }), /hold 2 rating users, but the published data set has 3/);
});

test("verification is cheap after the first time: a stamp keyed by size and modification time", async () => {
  const s = standIns["ml-100k"];
  const pins = pinsOf("ml-100k");
  const dir = tempDirWith(s.files);
  const stamps = tempDirWith();
  await verifyDatasetFiles("ml-100k", dir, pins, { stampDir: stamps });
  assert.equal(fs.readdirSync(stamps).length, 1);
  // Same size, same modification time, same inode: trusted from the stamp without hashing (the documented limit).
  const file = path.join(dir, "u.data");
  const t = 1700000000;
  fs.utimesSync(file, t, t);
  await verifyDatasetFiles("ml-100k", dir, pins, { stampDir: stamps });
  fs.writeFileSync(file, tampered("ml-100k")["u.data"]);
  fs.utimesSync(file, t, t);
  await verifyDatasetFiles("ml-100k", dir, pins, { stampDir: stamps });
  // Any change of size or time is hashed again.
  fs.utimesSync(file, t, t + 5);
  await assert.rejects(verifyDatasetFiles("ml-100k", dir, pins, { stampDir: stamps }), /u\.data has sha256 .* but the published file has/);
});

for (const name of ["ml-latest-small", "ml-100k", "ml-1m"] as const) {
  const dir = datasetCandidates(name).find((d) => fs.existsSync(d));
  test(`${name}: the real files match the pinned digests`, { skip: dir ? false : `${name} is not on this machine` }, async () => {
    await verifyDatasetFiles(name, dir!, DATASET_PINS[name], { stampDir: tempDirWith() });
  });
}
