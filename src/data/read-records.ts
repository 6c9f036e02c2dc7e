/**
 * Reads small delimited side files (users.dat, u.item, gender.dat, ...) record by record with an exact field
 * count, skipping blank lines, with the loaders' standard DataFormatErrors (wrong field count, empty file).
 */
import { DataFormatError } from "./data-format-error";
import { fieldCountMessage, isBlank, splitFields } from "./parse-fields";
import { forEachLine, type LineEncoding } from "./read-lines";

/** Options of forEachRecord. */
export interface RecordOptions {
  /** Field delimiter ("|", "::", ","); never treated as CSV quoting unless `quotes` is true. */
  delimiter: string;
  /** Required number of fields per record. */
  fields: number;
  /** Text encoding; default "utf8". */
  encoding?: LineEncoding;
  /** Allow CSV double quotes around fields (one-character delimiters only); default false. */
  quotes?: boolean;
}

/** Called per non-blank line with its fields and 1-based line number. */
export type RecordCallback = (fields: string[], line: number) => void;

/** Calls `onRecord` for every non-blank line of `file`; resolves to the record count; an empty file is an error. */
export async function forEachRecord(file: string, options: RecordOptions, onRecord: RecordCallback): Promise<number> {
  const { delimiter, fields: expected } = options;
  let count = 0;
  await forEachLine(
    file,
    (line, ln) => {
      if (line.length === 0 || isBlank(line)) return;
      const f = options.quotes ? splitFields(line, delimiter, file, ln) : line.split(delimiter);
      if (f.length !== expected) throw new DataFormatError(file, ln, fieldCountMessage(expected, delimiter, f.length));
      count++;
      onRecord(f, ln);
    },
    { encoding: options.encoding },
  );
  if (count === 0) throw new DataFormatError(file, undefined, "file is empty (no records)");
  return count;
}

/** Parses a whole-number field written in plain decimal digits (e.g. an age or an index; no `0x`, exponent or point); a DataFormatError naming `what` otherwise. */
export function parseIntegerField(text: string, what: string, file: string, line: number): number {
  const t = text.trim();
  const v = /^[+-]?[0-9]+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(v)) throw new DataFormatError(file, line, `${what} ${JSON.stringify(text)} is not a whole number`);
  return v;
}

/** Requires `value` to be one of `allowed`; a DataFormatError naming `what` and the allowed values otherwise. */
export function requireOneOf(value: string, allowed: readonly string[], what: string, file: string, line: number): string {
  if (allowed.indexOf(value) < 0) {
    throw new DataFormatError(file, line, `${what} ${JSON.stringify(value)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value;
}

/** Requires that `id` was not seen before in this side file (duplicates would make features ambiguous). */
export function requireNewId(seen: ReadonlyMap<string, unknown>, id: string, what: string, file: string, line: number): void {
  if (id.length === 0) throw new DataFormatError(file, line, `${what} is empty`);
  if (seen.has(id)) throw new DataFormatError(file, line, `${what} ${id} appears twice`);
}
