/**
 * Generic loader for a delimited ratings file with a column mapping (by 0-based index or by header name):
 * the user's own data, and the core that the MovieLens loaders reuse. Every data line must have the same number
 * of fields; blank lines are skipped; anything else malformed is a DataFormatError naming file and line.
 * Ids are exact strings (trimmed) unless `idType: "integer"`; repeated (user, item) pairs follow `duplicates`.
 */
import * as path from "path";
import { DataFormatError, quoteField } from "./data-format-error";
import { requireInputFile } from "./input-files";
import type { RatingScale, Ratings } from "./ratings";
import type { DuplicatePolicy, ValueKind } from "./duplicate-rows";
import { RatingsBuilder } from "./ratings-builder";
import { forEachLine, type LineEncoding } from "./read-lines";
import { describeDelimiter, fieldCountMessage, isBlank, parseIdField, parseRatingField, parseTimestampField, splitFields, type IdType } from "./parse-fields";

/** A column given by 0-based index or by header name (names need `header: true`). */
export type ColumnRef = number | string;

/** Where user, item, rating and (optionally) timestamp are in each line. */
export interface DelimitedColumns {
  /** User id column. */
  user: ColumnRef;
  /** Item id column. */
  item: ColumnRef;
  /** Rating column (a number on the declared scale). */
  rating: ColumnRef;
  /** Timestamp column, seconds since the Unix epoch. */
  timestamp?: ColumnRef;
}

/** How to read one delimited ratings file. */
export interface DelimitedFileOptions {
  /** Path of the file. */
  file: string;
  /** Field delimiter, one or more characters ("," "\t" "::"); default ",". One-character delimiters allow CSV quotes. */
  delimiter?: string;
  /** Whether the first non-blank line is a header (column names). */
  header: boolean;
  /** Column mapping. */
  columns: DelimitedColumns;
  /** Text encoding: "utf8" (default; invalid bytes are an error naming line and byte offset), "latin1" or "utf16le". `.gz` files are decompressed. */
  encoding?: LineEncoding;
  /** Ids as exact strings ("string", default: `17` and `017` are two users) or canonical whole numbers ("integer": `017` is an error). */
  idType?: IdType;
  /** If true, the timestamp column may be absent from the whole file (the first data line decides); default false. */
  timestampOptional?: boolean;
  /** Allowed numbers of fields per line (e.g. [3, 4] for ml-1m); default: any, as long as all lines agree. */
  fieldCounts?: readonly number[];
}

/** Options of loadDelimited: a DelimitedFileOptions plus the scale and the data set name. */
export interface LoadDelimitedOptions extends DelimitedFileOptions {
  /** Declared rating scale; ratings outside it are errors. */
  scale: RatingScale;
  /** Data set name; default the file name without extension. */
  name?: string;
  /** Repeated (user, item) pairs: "error" (default, naming both lines), "first", "last", "mean", or "sum" (counts only). */
  duplicates?: DuplicatePolicy;
  /** Whether the values are explicit ratings (default) or counts (which allows duplicates: "sum"). */
  values?: ValueKind;
}

interface Resolved {
  user: number;
  item: number;
  rating: number;
  timestamp: number; // -1: none
}

function resolveColumns(cols: DelimitedColumns, header: string[] | null, file: string, line: number, delimiter: string): Resolved {
  const pick = (ref: ColumnRef | undefined, role: string): number => {
    if (ref === undefined) return -1;
    if (typeof ref === "number") {
      if (!(Number.isInteger(ref) && ref >= 0)) throw new RangeError(`loadDelimited: column ${role} must be a 0-based index, got ${ref}`);
      return ref;
    }
    if (!header) throw new RangeError(`loadDelimited(${file}): column ${role} is given by name ("${ref}") but header is false`);
    const k = header.indexOf(ref);
    if (k < 0) {
      const hint = header.length === 1 ? `; the header did not split on ${describeDelimiter(delimiter)}: is the delimiter right?` : "";
      throw new DataFormatError(file, line, `column "${ref}" (${role}) not found in the header; columns are ${header.map((h) => quoteField(h, 40)).join(", ")}${hint}`);
    }
    return k;
  };
  return {
    user: pick(cols.user, "user"),
    item: pick(cols.item, "item"),
    rating: pick(cols.rating, "rating"),
    timestamp: pick(cols.timestamp, "timestamp"),
  };
}

/** Reads `options.file` into `builder` (whose `file` is set to it); resolves to the number of ratings added. */
export async function readDelimitedInto(builder: RatingsBuilder, options: DelimitedFileOptions): Promise<number> {
  const file = options.file;
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length === 0) throw new RangeError(`loadDelimited(${file}): the delimiter must not be empty`);
  builder.file = file;
  const before = builder.size;
  let cols: Resolved | null = options.header ? null : resolveColumns(options.columns, null, file, 0, delimiter);
  const idType = options.idType ?? "string";
  let fieldCount = -1;
  let countSource = "";
  let withTimestamp = false;
  let headerLine = 0;
  const allowed = options.fieldCounts;

  await forEachLine(
    file,
    (line, ln) => {
      if (line.length === 0 || isBlank(line)) return;
      const f = splitFields(line, delimiter, file, ln);
      if (cols === null) {
        const names = f.map((s) => s.trim());
        cols = resolveColumns(options.columns, names, file, ln, delimiter);
        headerLine = ln;
        fieldCount = f.length;
        countSource = "(as in the header)";
        withTimestamp = cols.timestamp >= 0;
        return;
      }
      const c: Resolved = cols;
      if (fieldCount < 0) {
        const required = Math.max(c.user, c.item, c.rating, options.timestampOptional ? -1 : c.timestamp) + 1;
        if (f.length < required || (allowed && allowed.indexOf(f.length) < 0)) {
          const expected = allowed ? allowed.join(" or ") : required === f.length ? String(required) : `at least ${required}`;
          throw new DataFormatError(file, ln, fieldCountMessage(expected, delimiter, f.length));
        }
        fieldCount = f.length;
        countSource = `(as on line ${ln})`;
        withTimestamp = c.timestamp >= 0 && c.timestamp < f.length;
      } else if (f.length !== fieldCount) {
        throw new DataFormatError(file, ln, fieldCountMessage(fieldCount, delimiter, f.length, countSource));
      }
      const user = parseIdField(f[c.user], "user id", idType, file, ln, delimiter);
      const item = parseIdField(f[c.item], "item id", idType, file, ln, delimiter);
      const rating = parseRatingField(f[c.rating], file, ln);
      const ts = withTimestamp ? parseTimestampField(f[c.timestamp], file, ln) : undefined;
      builder.add(user, item, rating, ts, ln);
    },
    { encoding: options.encoding },
  );

  const added = builder.size - before;
  if (added === 0) {
    if (options.header && headerLine > 0) throw new DataFormatError(file, undefined, "has a header but no ratings");
    throw new DataFormatError(file, undefined, "file is empty (no ratings)");
  }
  return added;
}

/** Loads a user's own delimited ratings file into a Ratings (dense indices in first-appearance order). */
export async function loadDelimited(options: LoadDelimitedOptions): Promise<Ratings> {
  const file = options.file;
  requireInputFile(file, "loadDelimited", "file");
  const name = options.name ?? path.basename(file).replace(/\.gz$/i, "").replace(/\.[^.]*$/, "");
  const builder = new RatingsBuilder({ name, scale: options.scale, file, duplicates: options.duplicates, values: options.values });
  await readDelimitedInto(builder, options);
  return builder.build();
}
