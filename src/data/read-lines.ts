/**
 * Streaming line reader: reads a file in fixed-size blocks (never the whole file as one string), decodes it
 * strictly (UTF-8 by default: an invalid byte is a DataFormatError naming file, line and byte offset; Latin-1;
 * UTF-16LE), strips a byte-order mark and the `\r` of `\r\n`, reads CR-only line endings, decompresses `.gz`
 * files, and hands out lines with 1-based line numbers. A final line without a newline is still delivered; a
 * trailing newline adds no empty line.
 */
import * as fs from "fs";
import { TextDecoder } from "util";
import { DataFormatError } from "./data-format-error";
import { openInput, readInputSync, isGzipName, compressedContentError, rethrowInputError } from "./input-source";
import { checkEncoding, checkFirstBlock, countByte, firstInvalidUtf8, hexExcerpt, nulByteError, type TextEncoding } from "./text-decoding";

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

/**
 * Splits a byte stream into lines; bytes after the last newline are carried over to the next block. The
 * newline is LF (CRLF accepted), or CR when the first line break of the file is a CR not followed by LF.
 */
class LineSplitter {
  private carry: Buffer | null = null;
  private carryOffset = 0;
  private offset = 0;
  private lineNumber = 0;
  private atStart = true;
  private nl = -1;
  private textCarry = "";
  private head: Buffer | null = Buffer.alloc(0); // the first bytes, until 4 are in for checkFirstBlock; then null
  private readonly decoder: TextDecoder | null;

  constructor(private readonly file: string, private readonly encoding: LineEncoding, private readonly onLine: LineCallback) {
    this.decoder = encoding === "utf16le" ? new TextDecoder("utf-16le", { fatal: true }) : null;
  }

  /** Feeds the block `buf[0, length)`; `buf` may be reused by the caller afterwards. */
  push(buf: Buffer, length: number): void {
    if (length === 0) return;
    if (this.head !== null) {
      // Hold the first bytes back until a byte-order mark can be recognised.
      this.head = Buffer.concat([this.head, buf.subarray(0, length)]);
      if (this.head.length >= 4) this.releaseHead();
      return;
    }
    this.pushChecked(buf, length);
  }

  private releaseHead(): void {
    const head = this.head!;
    this.head = null;
    checkFirstBlock(this.file, this.encoding, head, head.length);
    this.pushChecked(head, head.length);
  }

  private pushChecked(buf: Buffer, length: number): void {
    if (length === 0) return;
    const view = buf.subarray(0, length);
    const blockOffset = this.offset;
    this.offset += length;
    if (this.decoder) {
      this.textCarry = this.emit(this.textCarry + this.decodeUtf16(view, true), false);
      return;
    }
    const nul = view.indexOf(0);
    if (nul >= 0) {
      const line = this.lineNumber + 1 + countByte(view, this.nl < 0 ? NEWLINE : this.nl, 0, nul);
      throw nulByteError(this.file, line, blockOffset + nul, view, 0, length);
    }
    if (this.nl < 0) {
      if (view.indexOf(NEWLINE) >= 0) this.nl = NEWLINE;
      else {
        const cr = view.indexOf(CARRIAGE_RETURN);
        if (cr >= 0 && cr < length - 1) this.nl = CARRIAGE_RETURN;
      }
    }
    const lastNewline = this.nl < 0 ? -1 : view.lastIndexOf(this.nl);
    if (lastNewline < 0) {
      const rest = Buffer.from(view);
      if (!this.carry) this.carryOffset = blockOffset;
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : rest;
      return;
    }
    const head = view.subarray(0, lastNewline + 1);
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so decoding up to it is safe.
    const bytes = this.carry ? Buffer.concat([this.carry, head]) : head;
    const start = this.carry ? this.carryOffset : blockOffset;
    const text = this.decode(bytes, start);
    this.carry = lastNewline + 1 < length ? Buffer.from(view.subarray(lastNewline + 1)) : null;
    this.carryOffset = blockOffset + lastNewline + 1;
    this.emit(text, false);
  }

  /** Delivers the last line if the file did not end with a newline; returns the number of lines. */
  end(): number {
    if (this.head !== null) this.releaseHead();
    if (this.decoder) {
      this.emit(this.textCarry + this.decodeUtf16(new Uint8Array(0), false), true);
      this.textCarry = "";
    } else if (this.carry && this.carry.length > 0) {
      this.emit(this.decode(this.carry, this.carryOffset), true);
    }
    this.carry = null;
    return this.lineNumber;
  }

  /** Decodes UTF-8 (strictly) or Latin-1 bytes that start at file offset `start`. */
  private decode(bytes: Buffer, start: number): string {
    if (this.encoding === "latin1") return bytes.toString("latin1");
    const text = bytes.toString("utf8");
    // Buffer decoding replaces every invalid sequence with U+FFFD; only then look for the culprit byte.
    if (text.indexOf("\uFFFD") >= 0) {
      const bad = firstInvalidUtf8(bytes, 0, bytes.length);
      if (bad >= 0) {
        const line = this.lineNumber + 1 + countByte(bytes, this.nl < 0 ? NEWLINE : this.nl, 0, bad);
        throw new DataFormatError(
          this.file,
          line,
          `invalid UTF-8 at byte offset ${start + bad} (bytes ${hexExcerpt(bytes, bad, bytes.length)}); if the file is Latin-1 (ISO-8859-1), pass encoding: "latin1"`,
        );
      }
    }
    return text;
  }

  private decodeUtf16(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch (err) {
      throw new DataFormatError(this.file, this.lineNumber + 1, "invalid UTF-16LE (an unpaired surrogate, or an odd number of bytes at the end)", { cause: err });
    }
  }

  /** Delivers the complete lines of `text`; returns the unfinished rest (none when `final`). */
  private emit(text: string, final: boolean): string {
    let start = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (this.encoding === "utf8" && text.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (this.nl < 0) {
      if (text.indexOf("\n") >= 0) this.nl = NEWLINE;
      else {
        const cr = text.indexOf("\r");
        if (cr >= 0 && (cr < text.length - 1 || final)) this.nl = CARRIAGE_RETURN;
      }
    }
    const onLine = this.onLine;
    if (this.nl >= 0) {
      const sep = this.nl === NEWLINE ? "\n" : "\r";
      const stripCr = this.nl === NEWLINE;
      for (;;) {
        const nl = text.indexOf(sep, start);
        if (nl < 0) break;
        let end = nl;
        if (stripCr && end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
        onLine(text.slice(start, end), ++this.lineNumber);
        start = nl + 1;
      }
    }
    if (!final) return text.slice(start);
    if (start < text.length) {
      let end = text.length;
      if (text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
      onLine(text.slice(start, end), ++this.lineNumber);
    }
    return "";
  }
}

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
