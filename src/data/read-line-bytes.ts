/**
 * Byte-level line scanner for very large ASCII files (LibimSeTi's 17.4M-line ratings.dat): hands each line to
 * the callback as a byte range of a reused buffer, so no string is created per line. Same line rules as
 * read-lines.ts: 1-based numbers, `\r\n` accepted, CR-only line endings read, a UTF-8 byte-order mark skipped, a
 * last line without newline kept, `.gz` decompressed; a UTF-16 file or a NUL byte is a DataFormatError.
 */
import { openInput } from "./input-source";
import { checkFirstBlock, countByte, nulByteError } from "./text-decoding";

/**
 * Called per line with the bytes `buf[start, end)` (terminator excluded) and the 1-based line number.
 * `buf` is reused: copy what must outlive the call (e.g. `buf.toString("latin1", start, end)`).
 */
export type ByteLineCallback = (buf: Buffer, start: number, end: number, lineNumber: number) => void;

/** Options of forEachLineBytes. */
export interface ByteLineOptions {
  /** Block size in bytes; default 4 MiB. Longer lines are handled by growing the buffer. */
  chunkSize?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Calls `onLine` for every line of `path`, reading blocks asynchronously; resolves to the number of lines. */
export async function forEachLineBytes(path: string, onLine: ByteLineCallback, options: ByteLineOptions = {}): Promise<number> {
  const chunkSize = options.chunkSize ?? 1 << 22;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) throw new RangeError(`forEachLineBytes: bad chunkSize ${chunkSize}`);
  const source = await openInput(path);
  try {
    let buf = Buffer.allocUnsafe(chunkSize);
    let carry = 0; // bytes of an unfinished line kept at the start of buf
    let lineNumber = 0;
    let first = true;
    let offset = 0; // file offset of buf[0]
    let nlByte = -1; // LF, or CR for CR-only files; -1 until the first line break
    for (;;) {
      if (buf.length - carry < chunkSize / 2) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const bytesRead = await source.read(buf, carry, buf.length - carry);
      const total = carry + bytesRead;
      const eof = bytesRead === 0;
      const view = buf.subarray(0, total);
      const nul = view.indexOf(0, carry);
      if (nul >= 0) {
        throw nulByteError(path, lineNumber + 1 + countByte(view, nlByte < 0 ? NEWLINE : nlByte, 0, nul), offset + nul, view, 0, total);
      }
      let start = 0;
      if (first) {
        // Decide about a byte-order mark once 3 bytes are in (or the file or first line is shorter).
        if (total >= 3 || eof || view.indexOf(NEWLINE) >= 0) {
          first = false;
          checkFirstBlock(path, "utf8", view, total);
          if (total >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) start = 3;
        } else {
          carry = total;
          continue;
        }
      }
      if (nlByte < 0) {
        if (view.indexOf(NEWLINE, start) >= 0) nlByte = NEWLINE;
        else {
          const cr = view.indexOf(CARRIAGE_RETURN, start);
          if (cr >= 0 && (cr < total - 1 || eof)) nlByte = CARRIAGE_RETURN;
        }
      }
      if (nlByte === NEWLINE) {
        let nl = view.indexOf(NEWLINE, start);
        while (nl >= 0) {
          const end = nl > start && view[nl - 1] === CARRIAGE_RETURN ? nl - 1 : nl;
          onLine(view, start, end, ++lineNumber);
          start = nl + 1;
          nl = view.indexOf(NEWLINE, start);
        }
      } else if (nlByte === CARRIAGE_RETURN) {
        let nl = view.indexOf(CARRIAGE_RETURN, start);
        while (nl >= 0) {
          onLine(view, start, nl, ++lineNumber);
          start = nl + 1;
          nl = view.indexOf(CARRIAGE_RETURN, start);
        }
      }
      if (eof) {
        if (start < total) {
          const end = view[total - 1] === CARRIAGE_RETURN ? total - 1 : total;
          onLine(view, start, end, ++lineNumber);
        }
        return lineNumber;
      }
      carry = total - start;
      offset += start;
      if (carry > 0 && start > 0) buf.copy(buf, 0, start, total);
    }
  } finally {
    await source.close();
  }
}
