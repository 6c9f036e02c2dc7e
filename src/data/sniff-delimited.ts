/**
 * Reads the first lines of a delimited file given without a descriptor and guesses how to load it: the delimiter
 * (tab, "::", ";" or ","), whether the first line is a header, and the column roles from header names (user, item,
 * rating or count, timestamp). Without a header, 3 or 4 numeric-looking columns are read as MovieLens does
 * (user, item, rating[, timestamp]). Anything else is an error that lists what was found and shows the descriptor
 * to write.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { DataFormatError } from "./data-format-error";
import { datasetNameFromFile, exampleDescriptor, type DatasetDescriptor, type DescriptorColumns } from "./dataset-descriptor";
import { describeDelimiter, isBlank, splitFields } from "./parse-fields";

/** Delimiters tried, in order of preference. */
export const SNIFFED_DELIMITERS: readonly string[] = ["\t", "::", ";", ","];

/** Header names (lower case, without "_", "-", " ") recognised for each role. */
export const ROLE_NAMES: Readonly<Record<"user" | "item" | "rating" | "count" | "timestamp", readonly string[]>> = {
  user: ["user", "userid", "users", "uid", "customer", "customerid", "member", "memberid", "profile", "profileid"],
  item: ["item", "itemid", "items", "iid", "movie", "movieid", "product", "productid", "artist", "artistid", "track", "trackid", "song", "songid", "book", "bookid", "isbn"],
  rating: ["rating", "ratings", "score", "stars", "value"],
  count: ["count", "counts", "plays", "playcount", "clicks", "views", "listens", "weight"],
  timestamp: ["timestamp", "ts", "time", "unixtime", "epoch"],
};

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 50;

/** The first non-blank lines of `file` (at most 50, from its first 64 KiB; .gz is decompressed). */
export function sampleLines(file: string): string[] {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    throw new DataFormatError(file, undefined, "file not found");
  }
  const buf = Buffer.alloc(SAMPLE_BYTES);
  const n = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
  fs.closeSync(fd);
  let bytes = buf.subarray(0, n);
  if (file.endsWith(".gz")) bytes = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const lines = bytes.toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
  if (n === SAMPLE_BYTES || file.endsWith(".gz")) lines.pop(); // possibly cut
  return lines.filter((l) => !isBlank(l)).slice(0, SAMPLE_LINES);
}

function isNumber(s: string): boolean {
  const t = s.trim();
  return t.length > 0 && Number.isFinite(Number(t));
}

function roleOf(name: string): keyof typeof ROLE_NAMES | undefined {
  const key = name.toLowerCase().replace(/[\s_\-]/g, "");
  for (const role of Object.keys(ROLE_NAMES) as (keyof typeof ROLE_NAMES)[]) if (ROLE_NAMES[role].includes(key)) return role;
  return undefined;
}

function pickDelimiter(lines: string[], file: string): string | undefined {
  for (const d of SNIFFED_DELIMITERS) {
    const counts = lines.map((l, k) => splitFields(l, d, file, k + 1).length);
    if (counts[0] >= 2 && counts.every((c) => c === counts[0])) return d;
  }
  return undefined;
}

/** Guesses a descriptor for the delimited file `file` (see the module comment); throws a DataFormatError naming what it found. */
export function sniffDescriptor(file: string): DatasetDescriptor {
  const lines = sampleLines(file);
  if (lines.length === 0) throw new DataFormatError(file, undefined, "file is empty (no ratings)");
  const delimiter = pickDelimiter(lines, file);
  const template = (fields: Record<string, unknown>) =>
    `write a data-set descriptor next to it (e.g. ${datasetNameFromFile(file)}.json) and pass its path as DATASET: ${exampleDescriptor(file, fields)}`;
  if (delimiter === undefined) {
    throw new DataFormatError(file, undefined, `cannot tell the delimiter: no one of tab, "::", ";", "," splits the first ${lines.length} lines into the same number (>= 2) of fields; ${template({ delimiter: "|", header: true, columns: { user: 0, item: 1, rating: 2 } })}`);
  }
  const rows = lines.map((l, k) => splitFields(l, delimiter, file, k + 1).map((x) => x.trim()));
  const first = rows[0];
  const width = first.length;
  const numericBelow = first.map((_, c) => rows.length > 1 && rows.slice(1).every((r) => isNumber(r[c])));
  const named = first.map(roleOf);
  const header = named.some((r) => r !== undefined) || first.some((v, c) => !isNumber(v) && numericBelow[c]);
  const shown = `delimiter ${describeDelimiter(delimiter)}, ${width} columns, ${header ? `header ${JSON.stringify(first)}` : `no header (first line ${JSON.stringify(first)})`}`;
  let columns: DescriptorColumns | undefined;
  if (header) {
    const find = (role: keyof typeof ROLE_NAMES) => {
      const k = named.indexOf(role);
      return k < 0 ? undefined : first[k];
    };
    const user = find("user");
    const item = find("item");
    const rating = find("rating");
    const count = find("count");
    if (user !== undefined && item !== undefined && (rating !== undefined) !== (count !== undefined)) {
      columns = { user, item, rating, count, timestamp: find("timestamp") };
    } else if (user !== undefined && item === undefined && rating === undefined && count === undefined && width > 3) {
      throw new DataFormatError(file, undefined, `found ${shown}: this looks like the wide layout (one line per user, one column per item); ${template({ delimiter: delimiter, header: true, layout: "wide", columns: { user: user }, missing: 99, scale: { min: 1, max: 5 } })}`);
    }
  } else if ((width === 3 || width === 4) && rows.every((r) => r.slice(2).every(isNumber))) {
    columns = { user: 0, item: 1, rating: 2, timestamp: width === 4 ? 3 : undefined };
  }
  if (columns === undefined) {
    const guess = header ? { user: first[0], item: first[1], rating: first[2] ?? 2 } : { user: 0, item: 1, rating: 2 };
    throw new DataFormatError(file, undefined, `found ${shown}, but cannot tell which columns hold the user, the item and the rating or count (recognised header names: user/userId/user_id, item/itemId/movieId/artist/..., rating/score, count/plays, timestamp/ts/time); ${template({ delimiter: delimiter, header: header, columns: guess })}`);
  }
  const implicit = columns.count !== undefined;
  return {
    source: file,
    name: datasetNameFromFile(file),
    path: file,
    delimiter,
    header,
    layout: "long",
    columns,
    feedback: implicit ? "implicit" : "explicit",
  };
}

/** One line saying how a sniffed file is read, e.g. `plays.tsv: tab-delimited, header, user="user" item="artist" count="plays"`. */
export function describeSniffed(d: DatasetDescriptor): string {
  const roles = Object.entries(d.columns).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  return `read ${d.path} with delimiter ${describeDelimiter(d.delimiter)}, ${d.header ? "a header" : "no header"}, columns ${roles} (a data-set descriptor sets these explicitly)`;
}
