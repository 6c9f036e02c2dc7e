/**
 * The reader's own data: finds the file `loadDataset` was given (a `.json` data-set descriptor or a delimited
 * file, whose layout is then sniffed), loads it in the long or wide layout, infers the scale when none is
 * declared, marks count data as implicit (`Ratings.implicitCounts`) and attaches side features.
 */
import * as path from "path";
import { repoRoot } from "../repo-root";
import { readDatasetDescriptor, type DatasetDescriptor } from "./dataset-descriptor";
import { DataFormatError } from "./data-format-error";
import { IMPLICIT_COUNT_SCALE } from "./implicit-interactions";
import { isFile } from "./input-files";
import { loadDelimited, type LoadDelimitedOptions } from "./load-delimited";
import { loadWide } from "./load-wide";
import type { RatingScale, Ratings } from "./ratings";
import type { LineEncoding } from "./read-lines";
import { loadSideFeatures } from "./side-features";
import { describeSniffed, sniffDescriptor } from "./sniff-delimited";

/** Options of loadOwnDataset. */
export interface OwnDataOptions {
  /** Folder a relative path is resolved in; default: the current folder, then the repository root. */
  dir?: string;
  /** Receives the one-line notes (how a sniffed file is read, an inferred scale); default console.log. */
  log?: (line: string) => void;
}

/** Scale used while reading when none is declared (every finite value passes; the real scale is inferred after). */
const OPEN_SCALE: RatingScale = { min: -Number.MAX_VALUE / 2, max: Number.MAX_VALUE / 2 };

/** The file `nameOrPath` names, looked up in `dir`, else the cwd then the repository root; undefined if none exists. */
export function findOwnDataFile(nameOrPath: string, dir?: string): string | undefined {
  const candidates = path.isAbsolute(nameOrPath)
    ? [nameOrPath]
    : dir !== undefined
      ? [path.resolve(dir, nameOrPath)]
      : [path.resolve(nameOrPath), path.resolve(repoRoot(), nameOrPath)];
  return candidates.find(isFile);
}

/** The descriptor of file `file`: read from it when it ends in `.json`, else sniffed from the data. */
export function ownDataDescriptor(file: string): DatasetDescriptor {
  return /\.json$/i.test(file) ? readDatasetDescriptor(file) : sniffDescriptor(file);
}

/** Smallest scale holding `values`: [min, max], with step 1 (or 0.5) when every value is a whole (or half) number. */
export function inferScale(values: Float32Array): RatingScale {
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  let half = true;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && !Number.isInteger(v)) whole = false;
    if (half && !Number.isInteger(2 * v)) half = false;
  }
  const step = whole ? 1 : half ? 0.5 : undefined;
  return step === undefined ? { min: lo, max: hi } : { min: lo, max: hi, step };
}

/** Loads the data set described by `d` (see the module comment). */
export async function loadFromDescriptor(d: DatasetDescriptor, log: (line: string) => void = console.log): Promise<Ratings> {
  if (!isFile(d.path)) throw new DataFormatError(d.source, undefined, `field "path": data file ${d.path} not found`);
  const implicit = d.feedback === "implicit";
  const readScale = d.scale ?? (implicit ? IMPLICIT_COUNT_SCALE : OPEN_SCALE);
  const encoding = d.encoding as LineEncoding | undefined;
  let r: Ratings;
  if (d.layout === "wide") {
    r = await loadWide({ file: d.path, name: d.name, delimiter: d.delimiter, header: d.header, user: d.columns.user, missing: d.missing, scale: readScale, encoding });
  } else {
    const c = d.columns;
    // `duplicates` is passed through to loadDelimited (contract C3); counts repeat in a log by nature (one line per
    // play), so for implicit data the default is to sum them, and for ratings the loaders' default (an error).
    const duplicates = d.duplicates ?? (implicit ? "sum" : undefined);
    const options: LoadDelimitedOptions = {
      file: d.path, name: d.name, delimiter: d.delimiter, header: d.header, scale: readScale, encoding,
      columns: { user: c.user, item: c.item!, rating: (c.rating ?? c.count)!, timestamp: c.timestamp },
      ...(implicit ? { values: "counts" as const } : {}),
      ...(duplicates !== undefined ? { duplicates: duplicates } : {}),
    };
    r = await loadDelimited(options);
  }
  let scale = d.scale;
  if (scale === undefined) {
    scale = inferScale(r.values);
    if (implicit) scale = { min: scale.min, max: scale.max };
    else log(`${r.name}: no rating scale declared; using the values' range ${scale.min} to ${scale.max}${scale.step ? ` (step ${scale.step})` : ""} (set "scale" in a data-set descriptor to declare it)`);
  }
  if (implicit) {
    for (let k = 0; k < r.size; k++) {
      if (!(r.values[k] >= 0)) throw new DataFormatError(d.path, undefined, `count ${r.values[k]} of user ${r.userIds[r.users[k]]}, item ${r.itemIds[r.items[k]]} is negative; counts must be >= 0`);
    }
  }
  const enc = encoding;
  const userFeatures = d.userFeatures ? await loadSideFeatures(d.userFeatures, r.userIds, "user", enc) : r.userFeatures;
  const itemFeatures = d.itemFeatures ? await loadSideFeatures(d.itemFeatures, r.itemIds, "item", enc) : r.itemFeatures;
  return {
    ...r,
    scale,
    ...(userFeatures ? { userFeatures } : {}),
    ...(itemFeatures ? { itemFeatures } : {}),
    ...(implicit ? { implicitCounts: d.confidence ? { confidence: d.confidence } : {} } : {}),
  };
}

/** Loads the reader's own data set at `nameOrPath` (a descriptor `.json` or a delimited file); see the module comment. */
export async function loadOwnDataset(nameOrPath: string, options: OwnDataOptions = {}): Promise<Ratings> {
  const file = findOwnDataFile(nameOrPath, options.dir);
  if (file === undefined) throw new DataFormatError(nameOrPath, undefined, "file not found");
  const log = options.log ?? console.log;
  const d = ownDataDescriptor(file);
  if (d.source === d.path) log(describeSniffed(d));
  return loadFromDescriptor(d, log);
}
