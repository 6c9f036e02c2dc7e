import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { downloadDataset, downloadFile, sha256File, DATASET_SOURCES, type FetchLike } from "../../src/data/download-dataset";
import { tempDirWith } from "./tmp-files";

const hasZip = spawnSync("zip", ["-v"], { stdio: "ignore" }).error === undefined;

/** A fetch stub that serves `bytes` in small chunks and records the URLs asked for. */
function serving(bytes: Buffer, calls: string[] = []): FetchLike {
  return async (url: string) => {
    calls.push(url);
    return {
      ok: true,
      status: 200,
      statusText: "OK",
      body: (async function* () {
        for (let k = 0; k < bytes.length; k += 100) yield bytes.subarray(k, k + 100);
      })(),
    };
  };
}

/** A zip archive like GroupLens's: one top folder `ml-100k/` holding u.data. */
function makeZip(): Buffer {
  const src = tempDirWith({ "ml-100k/u.data": "1\t2\t3\t4\n", "ml-100k/README": "readme\n" });
  const zip = path.join(src, "ml-100k.zip");
  const run = spawnSync("zip", ["-q", "-r", zip, "ml-100k"], { cwd: src });
  assert.equal(run.status, 0);
  return fs.readFileSync(zip);
}

const sha = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
const quiet = (): void => {};
/** Pins of makeZip's stand-in files, injected in place of ml-100k's published digests. */
const standInPins = { files: { "u.data": { sha256: sha(Buffer.from("1\t2\t3\t4\n")), required: true }, README: { sha256: sha(Buffer.from("readme\n")) } } };
const stampDir = tempDirWith();

test("sha256File hashes a local file", async () => {
  const dir = tempDirWith({ "abc.txt": "abc" });
  assert.equal(await sha256File(path.join(dir, "abc.txt")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(DATASET_SOURCES["ml-latest-small"].sha256, "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436");
});

test("no network: a clear message naming the host, the URL and the folder", async () => {
  const cache = tempDirWith();
  const offline: FetchLike = async () => {
    throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("getaddrinfo ENOTFOUND files.grouplens.org"), { code: "ENOTFOUND" }) });
  };
  await assert.rejects(downloadDataset("ml-100k", { cacheDir: cache, fetch: offline, log: quiet }), (e: Error) => {
    assert.match(e.message, /^could not reach files\.grouplens\.org: no network\? Download https:\/\/files\.grouplens\.org\/datasets\/movielens\/ml-100k\.zip by hand and unpack it into /);
    assert.ok(e.message.includes(path.join(cache, "ml-100k")));
    assert.match(e.message, /ENOTFOUND/);
    return true;
  });
  assert.deepEqual(fs.readdirSync(cache), [], "nothing may be left behind");
});

test("no network, for real: a refused connection on 127.0.0.1", async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const cache = tempDirWith();
  await assert.rejects(
    downloadDataset("ml-1m", { cacheDir: cache, url: `http://127.0.0.1:${port}/ml-1m.zip`, log: quiet }),
    new RegExp(`could not reach 127\\.0\\.0\\.1:${port}: no network\\? Download http://127\\.0\\.0\\.1:${port}/ml-1m\\.zip by hand`),
  );
  assert.deepEqual(fs.readdirSync(cache), []);
});

test("HTTP errors and hash mismatches leave no file", async () => {
  const cache = tempDirWith();
  const notFound: FetchLike = async () => ({ ok: false, status: 404, statusText: "Not Found", body: null });
  await assert.rejects(downloadDataset("ml-100k", { cacheDir: cache, fetch: notFound, log: quiet }), /ml-100k\.zip: HTTP 404 Not Found\. Download .* by hand/);
  const bytes = Buffer.from("not really a zip");
  await assert.rejects(
    downloadFile("https://example.org/x.zip", path.join(cache, "x.zip"), { fetch: serving(bytes), sha256: "0".repeat(64) }),
    new RegExp(`sha256 mismatch: expected 0{64}, got ${sha(bytes)}; the download was deleted`),
  );
  assert.deepEqual(fs.readdirSync(cache), []);
  const hex = await downloadFile("https://example.org/x.zip", path.join(cache, "x.zip"), { fetch: serving(bytes), sha256: sha(bytes) });
  assert.equal(hex, sha(bytes));
  assert.deepEqual(fs.readdirSync(cache), ["x.zip"]);
  assert.deepEqual(fs.readFileSync(path.join(cache, "x.zip")), bytes);
});

test("download, verify, unpack into cache/<name>, then reuse without fetching", { skip: hasZip ? false : "zip is not installed" }, async () => {
  const zip = makeZip();
  const cache = tempDirWith();
  const calls: string[] = [];
  const messages: string[] = [];
  const pinned = { pins: standInPins, stampDir };
  const dir = await downloadDataset("ml-100k", { cacheDir: cache, fetch: serving(zip, calls), log: (m) => messages.push(m), ...pinned });
  assert.equal(dir, path.join(cache, "ml-100k"));
  assert.equal(fs.readFileSync(path.join(dir, "u.data"), "utf8"), "1\t2\t3\t4\n");
  assert.deepEqual(fs.readdirSync(cache).sort(), ["ml-100k", "ml-100k.zip"]);
  assert.ok(messages.some((m) => m.includes(`sha256 of ml-100k.zip: ${sha(zip)}`)), "the computed hash is printed when none is known");
  assert.equal(calls.length, 1);
  // Already unpacked: no fetch at all.
  await downloadDataset("ml-100k", { cacheDir: cache, fetch: serving(zip, calls), log: quiet, ...pinned });
  assert.equal(calls.length, 1);
  // Archive present (e.g. downloaded by hand) but not unpacked: unpack without fetching.
  fs.rmSync(dir, { recursive: true });
  await downloadDataset("ml-100k", { cacheDir: cache, fetch: serving(zip, calls), log: quiet, sha256: sha(zip), ...pinned });
  assert.equal(calls.length, 1);
  assert.ok(fs.existsSync(path.join(dir, "u.data")));
  // A wrong expected hash refuses the download.
  const other = tempDirWith();
  await assert.rejects(downloadDataset("ml-100k", { cacheDir: other, fetch: serving(zip), log: quiet, sha256: "f".repeat(64) }), /sha256 mismatch/);
  assert.deepEqual(fs.readdirSync(other), []);
});

test("a missing unzip program is reported with how to install it", { skip: hasZip ? false : "zip is not installed" }, async () => {
  const cache = tempDirWith();
  await assert.rejects(
    downloadDataset("ml-100k", { cacheDir: cache, fetch: serving(makeZip()), log: quiet, unzipCommand: "no-such-unzip-program" }),
    /"no-such-unzip-program" is not installed, so .*ml-100k\.zip cannot be unpacked\. Install it \(Debian\/Ubuntu: sudo apt-get install unzip/,
  );
});

test("an archive without the expected file is rejected", { skip: hasZip ? false : "zip is not installed" }, async () => {
  const cache = tempDirWith();
  await assert.rejects(downloadDataset("ml-1m", { cacheDir: cache, fetch: serving(makeZip()), log: quiet }), /ml-1m\.zip holds no ratings\.dat; is it the right archive\?/);
  assert.ok(!fs.existsSync(path.join(cache, "ml-1m")));
});
