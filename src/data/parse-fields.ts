/**
 * Field-level parsing shared by the loaders: splitting a line on a delimiter (with CSV double quotes), strict
 * number parsing, and the error messages for wrong field counts, all as DataFormatErrors naming file and line.
 */
import { DataFormatError, quoteField } from "./data-format-error";

/** Human-readable form of a delimiter for messages: `','`, `'::'`, `'\t' (tab)`. */
export function describeDelimiter(delimiter: string): string {
  if (delimiter === "\t") return "'\\t' (tab)";
  if (delimiter === " ") return "' ' (space)";
  return `'${delimiter}'`;
}

/**
 * Message for a line with the wrong number of fields, e.g. "expected 4 fields separated by ',' but found 1; is
 * the delimiter right?" (the hint appears when the line did not split at all); `context` goes after the delimiter.
 */
export function fieldCountMessage(expected: number | string, delimiter: string, found: number, context = ""): string {
  const hint = found === 1 ? "; is the delimiter right?" : "";
  const where = context ? ` ${context}` : "";
  return `expected ${expected} fields separated by ${describeDelimiter(delimiter)}${where} but found ${found}${hint}`;
}

/**
 * Splits `line` on `delimiter`. With a one-character delimiter, fields may be enclosed in double quotes
 * (CSV style, `""` is an escaped quote); a quoted field must end on the same line.
 */
export function splitFields(line: string, delimiter: string, file: string, lineNumber: number): string[] {
  if (delimiter.length !== 1 || line.indexOf('"') < 0) return line.split(delimiter);
  const fields: string[] = [];
  let k = 0;
  const n = line.length;
  for (;;) {
    if (k < n && line.charCodeAt(k) === 34) {
      let value = "";
      let j = k + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          throw new DataFormatError(file, lineNumber, "unterminated quoted field (fields spanning several lines are not supported)");
        }
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      if (k < n && line[k] !== delimiter) {
        throw new DataFormatError(file, lineNumber, `unexpected text after the closing quote of field ${fields.length + 1}`);
      }
      fields.push(value);
    } else {
      const d = line.indexOf(delimiter, k);
      const end = d < 0 ? n : d;
      fields.push(line.slice(k, end));
      k = end;
    }
    if (k >= n) break;
    k++; // skip the delimiter
    if (k === n) {
      fields.push("");
      break;
    }
  }
  return fields;
}

/** A plain decimal number: optional sign, digits with an optional decimal point (no hex, exponent, Infinity). */
const PLAIN_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/**
 * Parses a numeric field strictly: a plain decimal number (surrounding spaces allowed); empty text, NaN,
 * Infinity, hexadecimal (`0x4`), binary/octal prefixes and exponents (`4e0`) are errors naming file and line.
 */
export function parseNumberField(text: string, what: string, file: string, lineNumber: number): number {
  const t = text.trim();
  if (PLAIN_DECIMAL.test(t)) return Number(t);
  const v = t.length === 0 ? NaN : Number(t);
  if (Number.isNaN(v)) throw new DataFormatError(file, lineNumber, `${what} ${quoteField(text)} is not a number`);
  throw new DataFormatError(file, lineNumber, `${what} ${quoteField(text)} is not a plain decimal number (digits with an optional sign and decimal point; no hexadecimal, exponent or Infinity)`);
}

/** How raw ids are compared: "string" (exact text, the default for the user's own files) or "integer" (canonical whole numbers). */
export type IdType = "string" | "integer";

/** A canonical whole-number id: digits only, no sign, no leading zeros unless the id is "0". */
const CANONICAL_INTEGER = /^(?:0|[1-9][0-9]*)$/;

/**
 * Checks one id field and returns it trimmed: never empty; with `idType` "integer", a canonical whole number
 * (so `17` and `017` can never silently be one id or two). With a multi-character `delimiter` (`::`), an id
 * starting or ending with one of its characters (`:10` from `1:::10`) is an error: a field was split wrongly.
 */
export function parseIdField(text: string, what: string, idType: IdType, file: string, lineNumber: number, delimiter = ""): string {
  const t = text.trim();
  if (t.length === 0) throw new DataFormatError(file, lineNumber, `${what} is empty`);
  if (delimiter.length > 1) {
    const edge = delimiter.indexOf(t[0]) >= 0 ? t[0] : delimiter.indexOf(t[t.length - 1]) >= 0 ? t[t.length - 1] : "";
    if (edge !== "") {
      throw new DataFormatError(file, lineNumber, `${what} ${quoteField(text)} starts or ends with '${edge}'; is there an extra or missing '${edge}' around the ${describeDelimiter(delimiter)} delimiter?`);
    }
  }
  if (idType === "integer" && !CANONICAL_INTEGER.test(t)) {
    throw new DataFormatError(file, lineNumber, `${what} ${quoteField(text)} is not an integer id (digits only, no sign, no leading zeros unless the id is 0)`);
  }
  return t;
}

/** Parses a Unix timestamp field in seconds; fractional seconds are kept. */
export function parseTimestampField(text: string, file: string, lineNumber: number): number {
  return parseNumberField(text, "timestamp", file, lineNumber);
}

/** Parses a rating field (range checks against the scale are the RatingsBuilder's job). */
export function parseRatingField(text: string, file: string, lineNumber: number): number {
  return parseNumberField(text, "rating", file, lineNumber);
}

/** True for an empty or whitespace-only line, which loaders skip. */
export function isBlank(line: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
