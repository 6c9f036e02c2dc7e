/**
 * writeFileAtomic under failure: a write that dies half-way, or a rename that fails, leaves the old file intact
 * and no temporary file behind; temporary files of a killed writer are removed and git-ignored.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { type AtomicWriteFs, nodeAtomicWriteFs, writeFileAtomic } from "../../src/report/atomic-write";

const OLD = "old content: every byte of it must survive\n".repeat(50);
const NEW = "new content that never fully reaches the disk\n".repeat(50);

function setup(): { dir: string; dest: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
  const dest = path.join(dir, "results.json");
  fs.writeFileSync(dest, OLD);
  return { dir, dest };
}

/** node's fs, with some calls replaced. */
function faultyFs(overrides: Partial<AtomicWriteFs>): AtomicWriteFs {
  return { ...nodeAtomicWriteFs, ...overrides };
}

const ioError = (what: string): Error => Object.assign(new Error(`EIO: injected failure in ${what}`), { code: "EIO" });

test("a write that fails half-way leaves the old file intact and removes its temporary file", () => {
  const { dir, dest } = setup();
  let calls = 0;
  const io = faultyFs({
    writeSync: (fd, buffer, offset, length) => {
      calls += 1;
      if (calls > 1) throw ioError("write");
      return fs.writeSync(fd, buffer, offset, Math.min(length, 100)); // a short write, then the disk fails
    },
  });
  assert.throws(() => writeFileAtomic(dest, NEW, io), /EIO: injected failure in write/);
  assert.equal(calls, 2, "the write was cut after its first 100 bytes");
  assert.equal(fs.readFileSync(dest, "utf8"), OLD);
  assert.deepEqual(fs.readdirSync(dir), ["results.json"]);
});

test("a rename that fails leaves the old file intact and removes the temporary file", () => {
  const { dir, dest } = setup();
  const io = faultyFs({ renameSync: () => { throw ioError("rename"); } });
  assert.throws(() => writeFileAtomic(dest, NEW, io), /injected failure in rename/);
  assert.equal(fs.readFileSync(dest, "utf8"), OLD);
  assert.deepEqual(fs.readdirSync(dir), ["results.json"]);
});

test("a successful write replaces the content whole", () => {
  const { dir, dest } = setup();
  writeFileAtomic(dest, NEW);
  assert.equal(fs.readFileSync(dest, "utf8"), NEW);
  assert.deepEqual(fs.readdirSync(dir), ["results.json"]);
});

test("temporary files of a writer that was killed are removed by the next write; a live writer's are kept", () => {
  const { dir, dest } = setup();
  const dead = spawnSync(process.execPath, ["-e", ""]).pid;
  assert.ok(dead && dead !== process.pid);
  const orphan = path.join(dir, `.results.json.${dead}.3.tmp`);
  const live = path.join(dir, `.results.json.${process.ppid}.1.tmp`);
  const other = path.join(dir, `.other.json.${dead}.1.tmp`);
  for (const f of [orphan, live, other]) fs.writeFileSync(f, "partial");
  writeFileAtomic(dest, NEW);
  assert.deepEqual(fs.readdirSync(dir).sort(), [`.other.json.${dead}.1.tmp`, `.results.json.${process.ppid}.1.tmp`, "results.json"]);
});

test("git ignores the temporary files", () => {
  const root = path.resolve(__dirname, "..", "..");
  for (const rel of ["results/.README.md.1234.1.tmp", "reports/.x.html.99.2.tmp", "data/.ratings.csv.5.7.tmp"]) {
    const out = execFileSync("git", ["check-ignore", "--no-index", rel], { cwd: root, encoding: "utf8" });
    assert.equal(out.trim(), rel);
  }
});
