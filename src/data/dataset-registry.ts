/**
 * Loads a data set by name from its default folder: the committed `data/ml-latest-small`, the development copy
 * in `<repo>/../shared/data/<name>`, or the download cache `data/cache/<name>` (see download-dataset.ts); or the
 * reader's own data from a path to a delimited file or to a `.json` data-set descriptor (see load-own-data.ts).
 */
import * as path from "path";
import { repoRoot } from "../repo-root";
import { isDirectory } from "./input-files";
import { loadLibimseti, type LibimsetiOptions } from "./load-libimseti";
import { loadMovielens100k, type Movielens100kOptions } from "./load-movielens-100k";
import { loadMovielens1m, type Movielens1mOptions } from "./load-movielens-1m";
import { loadMovielensLatestSmall, type MovielensLatestSmallOptions } from "./load-movielens-latest-small";
import { findOwnDataFile, loadOwnDataset } from "./load-own-data";
import type { Ratings } from "./ratings";
import { DATASET_PINS, type DatasetPins } from "./dataset-pins";
import { verifyDatasetCounts, verifyDatasetFiles } from "./verify-dataset";

/** Names loadDataset accepts. */
export type DatasetName = "ml-latest-small" | "ml-100k" | "ml-1m" | "libimseti";

/** All names loadDataset accepts. */
export const DATASET_NAMES: readonly DatasetName[] = ["ml-latest-small", "ml-100k", "ml-1m", "libimseti"];

/**
 * Options of loadDataset: the folder (for a path: the folder it is relative to), verification, a receiver of the
 * one-line notes about own data (default console.log), `feedback: "explicit"` when the caller predicts ratings
 * (implicit counts are then an error naming DATASET), plus the options of the data set's loader.
 */
export type LoadDatasetOptions = {
  dir?: string;
  /**
   * Check the folder against the data set's pins (file digests, published counts; dataset-pins.ts) before use.
   * Default: true for the default folders, false for a folder given as `dir` (a subset or a stand-in of one's own).
   */
  verify?: boolean;
  /** Pins to check instead of DATASET_PINS (tests use stand-in files). */
  pins?: DatasetPins;
  /** Stamp folder of verified folders; default data/cache/.verified (see verify-dataset.ts). */
  stampDir?: string;
  /** Receives the one-line notes about own data (how a file was read, fallbacks); default console.log. */
  log?: (line: string) => void;
  /** "explicit" when the caller predicts ratings: implicit counts are then an error naming DATASET. */
  feedback?: "explicit";
} & MovielensLatestSmallOptions & Movielens100kOptions & Movielens1mOptions & LibimsetiOptions;

/** Folders searched for `name`, in order: committed data (ml-latest-small), ../shared/data (not libimseti), the cache. */
export function datasetCandidates(name: DatasetName | "ml-1m-loo"): string[] {
  const root = repoRoot();
  const cache = path.join(root, "data", "cache", name);
  const shared = path.join(root, "..", "shared", "data", name);
  if (name === "ml-latest-small") return [path.join(root, "data", name), shared, cache];
  if (name === "libimseti") return [cache];
  return [shared, cache];
}

/** The folder loadDataset reads for `name` (`dir` if given), or an error naming every folder searched. */
export function datasetDir(name: DatasetName | "ml-1m-loo", dir?: string): string {
  if (dir !== undefined) return path.resolve(dir);
  const candidates = datasetCandidates(name);
  const found = candidates.find(isDirectory);
  if (found) return found;
  const hint = name === "ml-1m-loo" ? "" : ` Run downloadDataset("${name}") (src/data/download-dataset.ts) or pass the folder as option \`dir\`.`;
  throw new Error(`${name} not found; looked in ${candidates.join(", ")}.${hint}`);
}

/**
 * Loads data set `name` with its loader, from `options.dir` or the default folder (see datasetDir), after checking
 * the folder's files against the data set's pins (and the loaded ratings against its published counts) when
 * `options.verify` (see LoadDatasetOptions) is on. Any other `name` is a path (absolute, or relative to
 * `options.dir`, else to the cwd, else to the repository root) of a delimited file or a `.json` data-set descriptor:
 * `loadOwnDataset` (load-own-data.ts).
 */
export async function loadDataset(name: DatasetName | string, options: LoadDatasetOptions = {}): Promise<Ratings> {
  const known = name as DatasetName;
  if (!DATASET_NAMES.includes(known)) return loadOwnData(String(name), options);
  const dir = datasetDir(known, options.dir);
  const verify = options.verify ?? options.dir === undefined;
  const pins = options.pins ?? DATASET_PINS[known];
  if (verify) await verifyDatasetFiles(known, dir, pins, { stampDir: options.stampDir });
  const ratings = await loadFrom(known, dir, options);
  if (verify && pins.counts) verifyDatasetCounts(known, dir, ratings, pins.counts);
  return ratings;
}

function loadFrom(name: DatasetName, dir: string, options: LoadDatasetOptions): Promise<Ratings> {
  switch (name) {
    case "ml-latest-small":
      return loadMovielensLatestSmall(dir, options);
    case "ml-100k":
      return loadMovielens100k(dir, options);
    case "ml-1m":
      return loadMovielens1m(dir, options);
    case "libimseti":
      return loadLibimseti(dir, options);
  }
}

/** A path given as DATASET: a delimited file or a `.json` descriptor (load-own-data.ts), or an error naming both rules. */
async function loadOwnData(name: string, options: LoadDatasetOptions): Promise<Ratings> {
  const file = findOwnDataFile(name, options.dir);
  if (file === undefined) {
    const where = options.dir !== undefined ? `in ${path.resolve(options.dir)}` : `in ${Array.from(new Set([process.cwd(), repoRoot()])).join(" or ")}`;
    throw new Error(
      `loadDataset: "${name}" is neither a known data set (${DATASET_NAMES.join(", ")}) nor a file (looked ${where}); ` +
        `give a registered name, a path to a delimited ratings file or a path to a .json data-set descriptor (README, "Your own data")`,
    );
  }
  const r = await loadOwnDataset(file, { log: options.log });
  if (options.feedback === "explicit" && r.implicitCounts) {
    throw new Error(
      `loadDataset: ${file} holds implicit counts (plays, clicks), but this predicts explicit ratings, which an RMSE of counts ` +
        `would not measure; set DATASET to a ratings file or descriptor ("rating" column), or use counts in the ranking, logistic-mf or negative-sampling notebooks`,
    );
  }
  return r;
}
