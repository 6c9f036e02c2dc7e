/**
 * The data-set descriptor: a small JSON file that tells `loadDataset` how to read the reader's own ratings or
 * interaction file (path, delimiter, header, which column is the user, item, rating or count and timestamp, the
 * rating scale, long or wide layout, side-feature files). Validation errors name the descriptor file and field.
 *
 * ```json
 * { "path": "plays.tsv", "delimiter": "\t", "header": true,
 *   "columns": { "user": "user_id", "item": "artist", "count": "plays" },
 *   "confidence": { "kind": "log", "alpha": 1, "epsilon": 1 } }
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { DataFormatError } from "./data-format-error";
import type { ConfidenceConfig } from "./implicit-confidence";
import type { RatingScale } from "./ratings";
import type { ColumnRef } from "./load-delimited";
import { sideFeaturesSpec, type SideFeaturesSpec } from "./side-features";
import { DescriptorReader } from "./descriptor-fields";

/** Text encodings of the input files (contract C3; passed through to the loader). */
export type DescriptorEncoding = "utf8" | "latin1" | "utf16le";

/** What to do with a repeated (user, item) pair (contract C3; passed through to the loader). */
export type DuplicatesPolicy = "error" | "first" | "last" | "mean" | "sum";

/** Column roles; `rating` or `count` (not both) except in the wide layout, where only `user` applies. */
export interface DescriptorColumns {
  /** User id column (wide layout: default 0). */
  user: ColumnRef;
  /** Item id column (long layout). */
  item?: ColumnRef;
  /** Explicit rating column (long layout). */
  rating?: ColumnRef;
  /** Implicit count column (plays, clicks; long layout): the data are implicit feedback. */
  count?: ColumnRef;
  /** Timestamp column, seconds since the Unix epoch. */
  timestamp?: ColumnRef;
}

/** A validated descriptor with its paths resolved. */
export interface DatasetDescriptor {
  /** The descriptor file (or the data file itself when the descriptor was sniffed), named in errors. */
  readonly source: string;
  /** Data set name (kebab-case; default from the data file's name). */
  readonly name: string;
  /** Absolute path of the data file. */
  readonly path: string;
  /** Field delimiter; default ",". */
  readonly delimiter: string;
  /** Whether the first non-blank line holds column names; default true. */
  readonly header: boolean;
  /** "long": one (user, item, value) per line; "wide": one line per user, one column per item. Default "long". */
  readonly layout: "long" | "wide";
  /** Column roles. */
  readonly columns: DescriptorColumns;
  /** Declared scale; absent: inferred from the values (explicit) or their range (counts). */
  readonly scale?: RatingScale;
  /** Wide layout: the value that means "not rated" (empty cells always do). */
  readonly missing?: number;
  /** "explicit" (ratings) or "implicit" (counts); default implicit when `columns.count` is given. */
  readonly feedback: "explicit" | "implicit";
  /** Implicit data: default confidence of a count (`{ kind: "linear" | "log", alpha, epsilon }` in the JSON). */
  readonly confidence?: ConfidenceConfig;
  /** Text encoding, passed to the loader. */
  readonly encoding?: DescriptorEncoding;
  /** Repeated pairs policy, passed to the loader. */
  readonly duplicates?: DuplicatesPolicy;
  /** Per-user side features. */
  readonly userFeatures?: SideFeaturesSpec;
  /** Per-item side features. */
  readonly itemFeatures?: SideFeaturesSpec;
}

/** Kebab-case name from a file name: "My Plays.tsv" -> "my-plays". */
export function datasetNameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.gz$/i, "").replace(/\.[^.]*$/, "");
  const slug = base.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+|-+$/g, "");
  return slug || "own-data";
}

/** Validates a parsed descriptor object `json` read from `source` (paths relative to its folder). */
export function parseDatasetDescriptor(json: unknown, source: string): DatasetDescriptor {
  const r = new DescriptorReader(json, source);
  const dir = path.dirname(path.resolve(source));
  const file = path.resolve(dir, r.string("path", true)!);
  const layout = r.oneOf("layout", ["long", "wide"] as const) ?? "long";
  const columns = r.columns(layout);
  const feedback = r.oneOf("feedback", ["explicit", "implicit"] as const) ?? (columns.count !== undefined ? "implicit" : "explicit");
  if (feedback === "explicit" && columns.count !== undefined) r.fail("feedback", `is "explicit" but columns.count is given (counts are implicit feedback)`);
  const missing = r.number("missing");
  if (missing !== undefined && layout !== "wide") r.fail("missing", `applies to "layout": "wide" only`);
  const confidence = r.confidence("confidence");
  if (confidence !== undefined && feedback !== "implicit") r.fail("confidence", `applies to implicit feedback only (a "count" column or "feedback": "implicit")`);
  const name = r.string("name") ?? datasetNameFromFile(file);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) r.fail("name", `must be kebab-case (lower-case letters, digits, ".", "_", "-"), got ${JSON.stringify(name)}`);
  const descriptor: DatasetDescriptor = {
    source,
    name,
    path: file,
    delimiter: r.string("delimiter") ?? ",",
    header: r.boolean("header") ?? true,
    layout,
    columns,
    scale: r.scale("scale"),
    missing,
    feedback,
    confidence,
    encoding: r.oneOf("encoding", ["utf8", "latin1", "utf16le"] as const),
    duplicates: r.oneOf("duplicates", ["error", "first", "last", "mean", "sum"] as const),
    userFeatures: sideFeaturesSpec(r, "userFeatures", dir),
    itemFeatures: sideFeaturesSpec(r, "itemFeatures", dir),
  };
  if (descriptor.delimiter.length === 0) r.fail("delimiter", "must not be empty");
  if (!descriptor.header) {
    const named = Object.entries(columns).find(([, v]) => typeof v === "string");
    if (named) r.fail(`columns.${named[0]}`, `is a header name (${JSON.stringify(named[1])}) but "header" is false: give its 0-based position`);
  }
  r.rejectUnknown();
  return descriptor;
}

/** Reads and validates the descriptor file `file`; errors name the file (and the field). */
export function readDatasetDescriptor(file: string): DatasetDescriptor {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new DataFormatError(file, undefined, "data-set descriptor not found");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataFormatError(file, undefined, `data-set descriptor is not valid JSON: ${(e as Error).message}`);
  }
  return parseDatasetDescriptor(json, file);
}

/** An example descriptor (JSON text) for messages, for a data file `dataFile` with the given column names. */
export function exampleDescriptor(dataFile: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ path: path.basename(dataFile), ...fields });
}
