/** Strict decoding, CR-only lines, UTF-16 and .gz at the level of the line readers, across every block size. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import * as zlib from "zlib";
import { forEachLine, forEachLineSync } from "../../src/data/read-lines";
import { forEachLineBytes } from "../../src/data/read-line-bytes";
import { DataFormatError } from "../../src/data/data-format-error";
import { firstInvalidUtf8 } from "../../src/data/text-decoding";
import { tempDirWith } from "./tmp-files";
import { linesFromAllReaders } from "./all-line-readers";

const allReaders = linesFromAllReaders;

async function byteReader(file: string, chunkSize: number): Promise<string[]> {
  const out: string[] = [];
  await forEachLineBytes(file, (buf, s, e, n) => out.push(`${n}:${buf.toString("utf8", s, e)}`), { chunkSize });
  return out;
}

const TEXT_LINES = ["a,b", "", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "last"];

test("CR-only, LF and CRLF files give the same lines with every block size, in every reader", async () => {
  const expected = TEXT_LINES.map((l, k) => `${k + 1}:${l}`);
  for (const sep of ["\n", "\r\n", "\r"]) {
    const dir = tempDirWith({ "t.txt": TEXT_LINES.join(sep) + sep, "t.txt.gz": zlib.gzipSync(Buffer.from(TEXT_LINES.join(sep))) });
    for (const chunkSize of [1, 2, 3, 5, 7, 64]) {
      for (const name of ["t.txt", "t.txt.gz"]) {
        const got = await allReaders(path.join(dir, name), { chunkSize });
        for (const g of got) assert.deepEqual(g, expected, `${JSON.stringify(sep)} ${name} chunk ${chunkSize}`);
      }
      assert.deepEqual(await byteReader(path.join(dir, "t.txt"), chunkSize), expected, `bytes ${JSON.stringify(sep)} chunk ${chunkSize}`);
    }
  }
});

test("UTF-16LE files decode across block boundaries (surrogate pairs included)", async () => {
  const expected = TEXT_LINES.map((l, k) => `${k + 1}:${l}`);
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT_LINES.join("\r\n"), "utf16le")]);
  const dir = tempDirWith({ "t.txt": bytes });
  for (const chunkSize of [1, 3, 4, 64]) {
    for (const g of await allReaders(path.join(dir, "t.txt"), { chunkSize, encoding: "utf16le" })) assert.deepEqual(g, expected, `chunk ${chunkSize}`);
  }
});

test("an invalid UTF-8 byte is reported at the same line and offset whatever the block size", async () => {
  const bytes = Buffer.concat([Buffer.from("ok\n\u00e9t\u00e9\nab"), Buffer.from([0xe9]), Buffer.from("c\nz\n")]);
  const dir = tempDirWith({ "t.txt": bytes });
  const file = path.join(dir, "t.txt");
  for (const chunkSize of [1, 2, 5, 64]) {
    assert.throws(
      () => forEachLineSync(file, () => {}, { chunkSize }),
      (e: unknown) => e instanceof DataFormatError && e.line === 3 && e.detail.startsWith("invalid UTF-8 at byte offset 11 (bytes e9 63 0a"),
      `chunk ${chunkSize}`,
    );
  }
  const lines: string[] = [];
  await forEachLine(file, (l) => lines.push(l), { encoding: "latin1" });
  assert.deepEqual(lines, ["ok", "\u00c3\u00a9t\u00c3\u00a9", "ab\u00e9c", "z"]);
});

test("a literal U+FFFD in valid UTF-8 is kept, not mistaken for a decoding error", async () => {
  const dir = tempDirWith({ "t.txt": "a\ufffdb\n" });
  const lines: string[] = [];
  await forEachLine(path.join(dir, "t.txt"), (l) => lines.push(l));
  assert.deepEqual(lines, ["a\ufffdb"]);
});

test("firstInvalidUtf8: overlong forms, surrogates, code points above U+10FFFF and cut sequences", () => {
  const at = (...b: number[]): number => firstInvalidUtf8(Uint8Array.from(b), 0, b.length);
  assert.equal(at(0x41, 0xc3, 0xa9), -1);
  assert.equal(at(0xf0, 0x9f, 0x98, 0x80), -1);
  assert.equal(at(0x41, 0xc0, 0x80), 1); // overlong NUL
  assert.equal(at(0xe0, 0x80, 0x80), 0); // overlong 3-byte
  assert.equal(at(0xed, 0xa0, 0x80), 0); // UTF-16 surrogate
  assert.equal(at(0xf4, 0x90, 0x80, 0x80), 0); // above U+10FFFF
  assert.equal(at(0x41, 0x42, 0xe2, 0x82), 2); // cut at the end
  assert.equal(at(0x80), 0); // lone continuation byte
});
