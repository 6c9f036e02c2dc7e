/**
 * Streaming line reader: reads a file in fixed-size blocks (never the whole file as one string), decodes it
 * strictly (UTF-8 by default: an invalid byte is a DataFormatError naming file, line and byte offset; Latin-1;
 * UTF-16LE), strips a byte-order mark and the `\r` of `\r\n`, reads CR-only line endings, decompresses `.gz`
 * files, and hands out lines with 1-based line numbers. A final line without a newline is still delivered; a
 * trailing newline adds no empty line.
 */
import * as fs from "fs";
import { DataFormatError } from "./data-format-error";
import { openInput, readInputSync, isGzipName, compressedContentError, rethrowInputError } from "./input-source";
import { LineSplitter, type LineCallback as SplitterCallback } from "./line-splitter";
import { checkEncoding, type TextEncoding } from "./text-decoding";

/** Text encodings of the data files (ml-100k's u.item and ml-1m's movies.dat are Latin-1); same as TextEncoding. */
export type LineEncoding = TextEncoding;

/** Options of the line readers. */
export interface ReadLinesOptions {
  /** Text encoding of the file; default "utf8" (strict: invalid bytes are an error). */
  encoding?: LineEncoding;
  /** Block size in bytes read at a time; default 1 MiB. */
  chunkSize?: number;
}

/** Called once per line: `line` without its line terminator, `lineNumber` 1-based. */
export type LineCallback = SplitterCallback;

/** One line as yielded by `readLines`. */
export interface Line {
  /** The line's text without its terminator. */
  readonly text: string;
  /** 1-based line number. */
  readonly lineNumber: number;
}

const DEFAULT_CHUNK = 1 << 20;

function checkOptions(path: string, options: ReadLinesOptions | undefined): { encoding: LineEncoding; chunkSize: number } {
  const encoding = checkEncoding(`readLines(${path})`, options?.encoding);
  const chunkSize = options?.chunkSize ?? DEFAULT_CHUNK;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) {
    throw new RangeError(`readLines(${path}): chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return { encoding, chunkSize };
}

/** Calls `onLine` for every line of `path`, reading it block by block with fs.readSync; returns the line count. */
export function forEachLineSync(path: string, onLine: LineCallback, options?: ReadLinesOptions): number {
  const { encoding, chunkSize } = checkOptions(path, options);
  const splitter = new LineSplitter(path, encoding, onLine);
  if (isGzipName(path)) {
    const all = readInputSync(path);
    splitter.push(all, all.length);
    return splitter.end();
  }
  let fd: number;
  try {
    if (fs.statSync(path).isDirectory()) throw new DataFormatError(path, undefined, "is a directory, not a file");
    fd = fs.openSync(path, "r");
  } catch (err) {
    rethrowInputError(path, err);
  }
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    let first = true;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      if (first) {
        first = false;
        const bad = compressedContentError(path, buf, n);
        if (bad) throw bad;
      }
      splitter.push(buf, n);
    }
    return splitter.end();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Yields the blocks of `path` in order (decompressed for `.gz`), each a view of one reused buffer of
 * `chunkSize` bytes that is valid until the next block is requested; closes the file when the file ends, on an
 * error, or when the consumer stops early.
 */
async function* readBlocks(path: string, chunkSize: number): AsyncGenerator<Buffer, void, undefined> {
  const source = await openInput(path);
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const bytesRead = await source.read(buf, 0, chunkSize);
      if (bytesRead === 0) break;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await source.close();
  }
}

/**
 * Calls `onLine` synchronously for every line of `path`, reading blocks asynchronously (fs.promises);
 * resolves to the line count. The fastest way to stream a large file without blocking between blocks.
 */
export async function forEachLine(path: string, onLine: LineCallback, options?: ReadLinesOptions): Promise<number> {
  const { encoding, chunkSize } = checkOptions(path, options);
  const splitter = new LineSplitter(path, encoding, onLine);
  for await (const block of readBlocks(path, chunkSize)) splitter.push(block, block.length);
  return splitter.end();
}

/** Async iterator over the lines of `path` (`for await (const { text, lineNumber } of readLines(p))`). */
export async function* readLines(path: string, options?: ReadLinesOptions): AsyncGenerator<Line, void, undefined> {
  const { encoding, chunkSize } = checkOptions(path, options);
  let pending: Line[] = [];
  const splitter = new LineSplitter(path, encoding, (text, lineNumber) => {
    pending.push({ text, lineNumber });
  });
  for await (const block of readBlocks(path, chunkSize)) {
    splitter.push(block, block.length);
    const batch = pending;
    pending = [];
    for (const line of batch) yield line;
  }
  splitter.end();
  for (const line of pending) yield line;
}
