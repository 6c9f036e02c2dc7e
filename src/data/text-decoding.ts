/**
 * Strict text decoding for the loaders: the supported encodings, a UTF-8 validator that finds the first
 * invalid byte (so that invalid input is an error naming its byte offset, never silently replaced by U+FFFD),
 * checks for UTF-16 text and NUL bytes, and short escaped excerpts of bytes for error messages.
 */
import { DataFormatError } from "./data-format-error";

/** Text encodings the loaders read: UTF-8 (default, strict), Latin-1 (ISO-8859-1) and UTF-16 little-endian. */
export type TextEncoding = "utf8" | "latin1" | "utf16le";

/** The supported encodings, for messages. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = ["utf8", "latin1", "utf16le"];

/** Returns `encoding` (default "utf8") or throws a RangeError naming `where` and the option. */
export function checkEncoding(where: string, encoding: string | undefined): TextEncoding {
  const e = encoding ?? "utf8";
  if ((TEXT_ENCODINGS as readonly string[]).indexOf(e) < 0) {
    throw new RangeError(`${where}: option \`encoding\` must be one of ${TEXT_ENCODINGS.map((t) => `"${t}"`).join(", ")}, got ${JSON.stringify(encoding)}`);
  }
  return e as TextEncoding;
}

/** Index of the first byte of `b[start, end)` that does not begin a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= end) return i; // cut off by the end of the data
    const c1 = b[i + 1];
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const ck = b[i + k];
      if (ck < 0x80 || ck > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Up to `max` bytes of `b` from `at`, as hex (`c3 28 41`), for messages that must not print binary garbage. */
export function hexExcerpt(b: Uint8Array, at: number, end: number, max = 4): string {
  const out: string[] = [];
  for (let k = at; k < Math.min(end, at + max); k++) out.push(b[k].toString(16).padStart(2, "0"));
  return out.join(" ");
}

/** Number of `byte` values in `b[start, end)`. */
export function countByte(b: Uint8Array, byte: number, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) if (b[k] === byte) n++;
  return n;
}

/**
 * Checks the first block of a file (`b[0, length)`) against `encoding`: a UTF-16 byte-order mark or NUL bytes
 * in a file not read as UTF-16, or a "UTF-16" file with neither, are DataFormatErrors suggesting the right option.
 */
export function checkFirstBlock(file: string, encoding: TextEncoding, b: Uint8Array, length: number): void {
  const bomLE = length >= 2 && b[0] === 0xff && b[1] === 0xfe;
  const bomBE = length >= 2 && b[0] === 0xfe && b[1] === 0xff;
  if (bomBE) throw new DataFormatError(file, undefined, "is UTF-16 big-endian text (byte-order mark fe ff), which is not supported; convert it to UTF-8");
  if (encoding === "utf16le") {
    const probe = Math.min(length, 4096);
    if (length > 0 && !bomLE && countByte(b, 0, 0, probe) === 0) {
      throw new DataFormatError(file, undefined, 'was read with encoding: "utf16le" but has no UTF-16 byte-order mark and no NUL bytes; it is probably UTF-8 (the default) or Latin-1 (encoding: "latin1")');
    }
    return;
  }
  if (bomLE) throw new DataFormatError(file, undefined, 'is UTF-16 little-endian text (byte-order mark ff fe); pass encoding: "utf16le"');
}

/** The DataFormatError for a NUL byte at `pos` (file offset `offset`, on line `line`), guessing UTF-16 from the bytes around. */
export function nulByteError(file: string, line: number, offset: number, b: Uint8Array, start: number, end: number): DataFormatError {
  const probe = Math.min(end, start + 4096);
  const nuls = countByte(b, 0, start, probe);
  const looksUtf16 = nuls * 4 >= probe - start && probe - start >= 2;
  const hint = looksUtf16 ? 'it looks like UTF-16 text: pass encoding: "utf16le"' : "is it a binary file?";
  return new DataFormatError(file, line, `NUL byte at byte offset ${offset}; ${hint}`);
}
