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

/** Parses a numeric field strictly (surrounding spaces allowed; empty, NaN or infinite text is an error). */
export function parseNumberField(text: string, what: string, file: string, lineNumber: number): number {
  const t = text.trim();
  const v = t.length === 0 ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new DataFormatError(file, lineNumber, `${what} ${quoteField(text)} is not a number`);
  return v;
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
