/**
 * Streaming line reader: reads a file in fixed-size blocks (never the whole file as one string), decodes
 * UTF-8 or Latin-1, strips a UTF-8 byte-order mark and the `\r` of `\r\n`, and hands out lines with 1-based
 * line numbers. A final line without a newline is still delivered; a trailing newline adds no empty line.
 */
import * as fs from "fs";
import { DataFormatError } from "./data-format-error";

/** Text encodings of the supported data files (ml-100k's u.item and ml-1m's movies.dat are Latin-1). */
export type LineEncoding = "utf8" | "latin1";

/** Options of the line readers. */
export interface ReadLinesOptions {
  /** Text encoding of the file; default "utf8". */
  encoding?: LineEncoding;
  /** Block size in bytes read at a time; default 1 MiB. */
  chunkSize?: number;
}

/** Called once per line: `line` without its line terminator, `lineNumber` 1-based. */
export type LineCallback = (line: string, lineNumber: number) => void;

/** One line as yielded by `readLines`. */
export interface Line {
  /** The line's text without its terminator. */
  readonly text: string;
  /** 1-based line number. */
  readonly lineNumber: number;
}

const DEFAULT_CHUNK = 1 << 20;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Splits a byte stream into lines; bytes after the last newline are carried over to the next block. */
class LineSplitter {
  private carry: Buffer | null = null;
  private lineNumber = 0;
  private atStart = true;

  constructor(private readonly encoding: LineEncoding, private readonly onLine: LineCallback) {}

  /** Feeds the block `buf[0, length)`; `buf` may be reused by the caller afterwards. */
  push(buf: Buffer, length: number): void {
    const lastNewline = buf.lastIndexOf(NEWLINE, length - 1);
    if (lastNewline < 0) {
      const rest = Buffer.from(buf.subarray(0, length));
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : rest;
      return;
    }
    const head = buf.subarray(0, lastNewline + 1);
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so decoding up to it is safe.
    const text = this.carry ? Buffer.concat([this.carry, head]).toString(this.encoding) : head.toString(this.encoding);
    this.carry = lastNewline + 1 < length ? Buffer.from(buf.subarray(lastNewline + 1, length)) : null;
    this.emit(text, true);
  }

  /** Delivers the last line if the file did not end with a newline; returns the number of lines. */
  end(): number {
    if (this.carry && this.carry.length > 0) this.emit(this.carry.toString(this.encoding), false);
    this.carry = null;
    return this.lineNumber;
  }

  private emit(text: string, endsWithNewline: boolean): void {
    let start = 0;
    if (this.atStart) {
      this.atStart = false;
      if (this.encoding === "utf8" && text.charCodeAt(0) === 0xfeff) start = 1;
    }
    const onLine = this.onLine;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
      onLine(text.slice(start, end), ++this.lineNumber);
      start = nl + 1;
    }
    if (!endsWithNewline && start < text.length) {
      let end = text.length;
      if (text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
      onLine(text.slice(start, end), ++this.lineNumber);
    }
  }
}

function checkOptions(path: string, options: ReadLinesOptions | undefined): { encoding: LineEncoding; chunkSize: number } {
  const encoding = options?.encoding ?? "utf8";
  if (encoding !== "utf8" && encoding !== "latin1") {
    throw new Error(`readLines(${path}): unsupported encoding "${String(encoding)}" (use "utf8" or "latin1")`);
  }
  const chunkSize = options?.chunkSize ?? DEFAULT_CHUNK;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) {
    throw new RangeError(`readLines(${path}): chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return { encoding, chunkSize };
}

function rethrowOpenError(path: string, err: unknown): never {
  const code = (err as { code?: string } | null)?.code;
  if (code === "ENOENT") throw new DataFormatError(path, undefined, "file not found");
  if (code === "EISDIR") throw new DataFormatError(path, undefined, "is a directory, expected a file");
  throw err;
}

/** Calls `onLine` for every line of `path`, reading it block by block with fs.readSync; returns the line count. */
export function forEachLineSync(path: string, onLine: LineCallback, options?: ReadLinesOptions): number {
  const { encoding, chunkSize } = checkOptions(path, options);
  let fd: number;
  try {
    fd = fs.openSync(path, "r");
  } catch (err) {
    rethrowOpenError(path, err);
  }
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    const splitter = new LineSplitter(encoding, onLine);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      splitter.push(buf, n);
    }
    return splitter.end();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Yields the blocks of `path` in order, each a view of one reused buffer of `chunkSize` bytes that is valid until
 * the next block is requested; closes the file when the file ends, on an error, or when the consumer stops early.
 */
async function* readBlocks(path: string, chunkSize: number): AsyncGenerator<Buffer, void, undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, "r");
  } catch (err) {
    rethrowOpenError(path, err);
  }
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, chunkSize, null);
      if (bytesRead === 0) break;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` synchronously for every line of `path`, reading blocks asynchronously (fs.promises);
 * resolves to the line count. The fastest way to stream a large file without blocking between blocks.
 */
export async function forEachLine(path: string, onLine: LineCallback, options?: ReadLinesOptions): Promise<number> {
  const { encoding, chunkSize } = checkOptions(path, options);
  const splitter = new LineSplitter(encoding, onLine);
  for await (const block of readBlocks(path, chunkSize)) splitter.push(block, block.length);
  return splitter.end();
}

/** Async iterator over the lines of `path` (`for await (const { text, lineNumber } of readLines(p))`). */
export async function* readLines(path: string, options?: ReadLinesOptions): AsyncGenerator<Line, void, undefined> {
  const { encoding, chunkSize } = checkOptions(path, options);
  let pending: Line[] = [];
  const splitter = new LineSplitter(encoding, (text, lineNumber) => {
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
