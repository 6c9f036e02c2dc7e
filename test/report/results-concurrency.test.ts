/**
 * Concurrent writers of one results folder: twenty child processes record into the same `<notebook>.json` at the
 * same moment; every entry must survive and README.md must list them all. Also the lock file's stale-lock rules.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { withFileLock } from "../../src/report/file-lock";
import { readAllResults, RESULTS_LOCK } from "../../src/report/results-store";

const CHILDREN = 20;

function startChild(dir: string, go: string, i: number): { ready: Promise<void>; done: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "record-result-child.ts"), dir, go, String(i)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { ready, done, stderr: () => err };
}

test("twenty concurrent recordResult calls from separate processes keep all twenty entries and a valid README", { timeout: 180_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "results-concurrent-"));
  const go = path.join(dir, "..", `${path.basename(dir)}.go`);
  const children = Array.from({ length: CHILDREN }, (_, i) => startChild(dir, go, i));
  await Promise.all(children.map((c) => c.ready));
  fs.writeFileSync(go, "");
  const codes = await Promise.all(children.map((c) => c.done));
  fs.rmSync(go);
  codes.forEach((code, i) => assert.equal(code, 0, children[i].stderr()));
  const files = readAllResults(dir);
  assert.equal(files.length, 1);
  const names = Object.values(files[0].entries).map((e) => e.dataset.name);
  const expected = Array.from({ length: CHILDREN }, (_, i) => `ds-${String(i).padStart(2, "0")}`);
  assert.deepEqual(names, expected);
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
  const headings = readme.split("\n").filter((l) => l.startsWith("### MF: ds-"));
  assert.deepEqual(headings, expected.map((n) => `### MF: ${n}, random 80/20 split`));
  assert.match(readme, /\|Biased MF\|0\.9190\|/, "child 19's row is rendered");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["README.md", "matrix-factorization.json"], "no lock or temporary file left");
});

test("a lock left by a process that is gone is broken; a live holder's lock times out with an error naming it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  const lock = path.join(dir, RESULTS_LOCK);
  const dead = spawnSync(process.execPath, ["-e", ""]).pid;
  fs.writeFileSync(lock, JSON.stringify({ pid: dead, host: os.hostname(), acquired: Date.now() }));
  assert.equal(withFileLock(lock, () => 42), 42);
  assert.equal(fs.existsSync(lock), false, "released");
  fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), acquired: Date.now() }));
  assert.throws(() => withFileLock(lock, () => 1, { timeoutMs: 50 }), new RegExp(`could not lock .*\\.results\\.lock within 0\\.05 s: held by process ${process.ppid}`));
  assert.equal(withFileLock(lock, () => "old", { staleMs: -1 }), "old", "a lock older than staleMs is broken even if its process lives");
});

test("the lock is released when the guarded section throws", () => {
  const lock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lock-")), "x.lock");
  assert.throws(() => withFileLock(lock, () => { throw new Error("inside"); }), /inside/);
  assert.equal(fs.existsSync(lock), false);
});
