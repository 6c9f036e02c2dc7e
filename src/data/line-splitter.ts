/**
 * Splits a stream of byte blocks into decoded lines with 1-based numbers, for the line readers (read-lines.ts):
 * strict UTF-8 (an invalid byte is a DataFormatError naming file, line and byte offset), Latin-1 or UTF-16LE;
 * LF, CRLF or CR-only line ends; a byte-order mark skipped; NUL bytes refused in 8-bit text.
 */
import { TextDecoder } from "util";
import { DataFormatError } from "./data-format-error";
import { checkFirstBlock, countByte, firstInvalidUtf8, hexExcerpt, nulByteError, type TextEncoding } from "./text-decoding";

/** Called once per line: `line` without its line terminator, `lineNumber` 1-based. */
export type LineCallback = (line: string, lineNumber: number) => void;

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Splits a byte stream into lines; bytes after the last newline are carried over to the next block. The
 * newline is LF (CRLF accepted), or CR when the first line break of the file is a CR not followed by LF.
 */
export class LineSplitter {
  private carry: Buffer | null = null;
  private carryOffset = 0;
  private offset = 0;
  private lineNumber = 0;
  private atStart = true;
  private nl = -1;
  private textCarry = "";
  private head: Buffer | null = Buffer.alloc(0); // the first bytes, until 4 are in for checkFirstBlock; then null
  private readonly decoder: TextDecoder | null;

  constructor(private readonly file: string, private readonly encoding: TextEncoding, private readonly onLine: LineCallback) {
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

