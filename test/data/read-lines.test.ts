import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { forEachLine, forEachLineSync, readLines, type ReadLinesOptions } from "../../src/data/read-lines";
import { forEachLineBytes } from "../../src/data/read-line-bytes";
import { DataFormatError } from "../../src/data/data-format-error";
import { latin1, tempDirWith } from "./tmp-files";
import { linesFromAllReaders } from "./all-line-readers";

const collectAll = linesFromAllReaders;

async function bytesLines(file: string, chunkSize?: number): Promise<string[]> {
  const out: string[] = [];
  await forEachLineBytes(file, (buf, s, e, n) => out.push(`${n}:${buf.toString("utf8", s, e)}`), { chunkSize });
  return out;
}

test("lines with \\r\\n, a blank line and no final newline, all readers agree", async () => {
  const dir = tempDirWith({ "a.txt": "one\r\ntwo\n\nthree\r\nfour" });
  const file = path.join(dir, "a.txt");
  const expected = ["1:one", "2:two", "3:", "4:three", "5:four"];
  for (const lines of await collectAll(file)) assert.deepEqual(lines, expected);
  for (const lines of await collectAll(file, { chunkSize: 3 })) assert.deepEqual(lines, expected);
  assert.deepEqual(await bytesLines(file), expected);
  assert.deepEqual(await bytesLines(file, 2), expected);
});

test("a trailing newline adds no empty line; an empty file has no lines", async () => {
  const dir = tempDirWith({ "a.txt": "x\ny\n", "empty.txt": "" });
  assert.deepEqual((await collectAll(path.join(dir, "a.txt")))[0], ["1:x", "2:y"]);
  assert.equal(forEachLineSync(path.join(dir, "empty.txt"), () => assert.fail("no line expected")), 0);
  assert.deepEqual(await bytesLines(path.join(dir, "empty.txt")), []);
});

test("UTF-8 characters split across block boundaries and a BOM are decoded correctly", async () => {
  const text = "\ufeffid,title\n1,Amélie (2001) ★\n2,Ça ira\n";
  const dir = tempDirWith({ "u.csv": text });
  const file = path.join(dir, "u.csv");
  const expected = ["1:id,title", "2:1,Amélie (2001) ★", "3:2,Ça ira"];
  for (const chunkSize of [1, 2, 3, 5, 7, 1 << 20]) {
    for (const lines of await collectAll(file, { chunkSize })) assert.deepEqual(lines, expected, `chunkSize ${chunkSize}`);
  }
  assert.deepEqual(await bytesLines(file, 1), expected);
});

test("Latin-1 files decode with encoding latin1", async () => {
  const dir = tempDirWith({ "m.dat": latin1("1::Café (1999)::Comedy\n2::Señor::Drama\n") });
  const [a] = await collectAll(path.join(dir, "m.dat"), { encoding: "latin1" });
  assert.deepEqual(a, ["1:1::Café (1999)::Comedy", "2:2::Señor::Drama"]);
});

test("a long line spanning many blocks stays whole", async () => {
  const long = "x".repeat(10000);
  const dir = tempDirWith({ "l.txt": `a\n${long}\nb\n` });
  const file = path.join(dir, "l.txt");
  for (const lines of await collectAll(file, { chunkSize: 64 })) assert.deepEqual(lines, ["1:a", `2:${long}`, "3:b"]);
  assert.deepEqual(await bytesLines(file, 64), ["1:a", `2:${long}`, "3:b"]);
});

test("a missing file is a DataFormatError naming the path", async () => {
  const missing = path.join(tempDirWith(), "nope.dat");
  await assert.rejects(forEachLine(missing, () => {}), (e: unknown) => e instanceof DataFormatError && e.message === `${missing}: file not found`);
  assert.throws(() => forEachLineSync(missing, () => {}), /nope\.dat: file not found/);
  await assert.rejects(forEachLineBytes(missing, () => {}), /nope\.dat: file not found/);
  await assert.rejects(async () => {
    for await (const _ of readLines(missing)) void _;
  }, /nope\.dat: file not found/);
});

test("an unsupported encoding is rejected", () => {
  const dir = tempDirWith({ "a.txt": "x\n" });
  assert.throws(() => forEachLineSync(path.join(dir, "a.txt"), () => {}, { encoding: "ascii" as "utf8" }), /option `encoding` must be one of "utf8", "latin1", "utf16le", got "ascii"/);
});

/** Whether this process holds a descriptor open on `file` (Linux /proc; null where there is none). */
function holdsOpen(file: string): boolean | null {
  if (!fs.existsSync("/proc/self/fd")) return null;
  const target = fs.realpathSync(file);
  return fs.readdirSync("/proc/self/fd").some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false;
    }
  });
}

test("the async readers close the file when the consumer stops early or onLine throws", { skip: holdsOpen(".") === null }, async () => {
  const dir = tempDirWith({ "a.txt": "one\ntwo\nthree\n" });
  const file = path.join(dir, "a.txt");
  for await (const { text } of readLines(file, { chunkSize: 4 })) {
    assert.equal(text, "one");
    assert.equal(holdsOpen(file), true, "open while reading");
    break;
  }
  assert.equal(holdsOpen(file), false, "closed after break");
  await assert.rejects(forEachLine(file, (line) => { if (line === "two") throw new Error("stop at two"); }, { chunkSize: 4 }), /stop at two/);
  assert.equal(holdsOpen(file), false, "closed after onLine threw");
});
