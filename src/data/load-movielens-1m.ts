/**
 * Loader for MovieLens 1M ("ml-1m": 1,000,209 ratings by 6,040 users, 1-5 stars) in its `::` format:
 * ratings (3 or 4 fields, timestamp optional but the same on every line), users.dat demographics, and
 * movies.dat (Latin-1) genres. Without ratings.dat it falls back to the timestamp-free derived file.
 */
import * as path from "path";
import { DataFormatError } from "./data-format-error";
import { AGE_GROUPS, alignSideRows, categoricalColumn, featureTable, multiHotColumn } from "./feature-columns";
import type { FeatureTable } from "./features";
import { isFile, requireDirectory, requireFile } from "./input-files";
import { readDelimitedInto } from "./load-delimited";
import { MOVIELENS_STAR_SCALE } from "./load-movielens-100k";
import type { LoaderInputOptions } from "./loader-options";
import type { SideRowsReport } from "./load-report";
import { parseIdField } from "./parse-fields";
import type { Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { forEachRecord, requireNewId, requireOneOf } from "./read-records";

/** Ratings file used when the folder has no ratings.dat: `UserID::MovieID::Rating`, all 1,000,177 resolvable rows. */
export const ML_1M_DERIVED_RATINGS = "derived/ratings_user_movie_rating.dat";

/** users.dat age codes, in the order of AGE_GROUPS ("1" = "Under 18", ..., "56" = "56+"). */
export const ML_1M_AGE_CODES: readonly string[] = ["1", "18", "25", "35", "45", "50", "56"];

/** users.dat occupation names by code 0..20 (from the ml-1m README); the "occupation" feature's categories. */
export const ML_1M_OCCUPATIONS: readonly string[] = [
  "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
  "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
  "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
  "unemployed", "writer",
];

/** Options of loadMovielens1m. */
export interface Movielens1mOptions extends LoaderInputOptions {
  /** Ratings file inside the folder; default "ratings.dat", or ML_1M_DERIVED_RATINGS when ratings.dat is absent. */
  ratingsFile?: string;
  /** Read users.dat for user features (gender, age-group, occupation); default true. */
  userFeatures?: boolean;
  /** Read movies.dat for the "genres" item feature; default true. */
  itemFeatures?: boolean;
}

/** The ratings file loadMovielens1m would read in `dir` (explicit option, ratings.dat, else the derived file). */
export function resolveMl1mRatingsFile(dir: string, ratingsFile?: string): string {
  const loader = "loadMovielens1m";
  if (ratingsFile !== undefined) return requireFile(dir, ratingsFile, loader, "ratingsFile");
  const original = path.join(dir, "ratings.dat");
  const derived = path.join(dir, ML_1M_DERIVED_RATINGS);
  for (const candidate of [original, original + ".gz", derived, derived + ".gz"]) if (isFile(candidate)) return candidate;
  throw new DataFormatError(original, undefined, `file not found, and neither is ${derived} (${loader} expects ratings.dat, or the derived file, in the folder given by option \`dir\`; or name the file with option \`ratingsFile\`)`);
}

/** This environment's stand-in for ml-1m's ratings.dat: its verbatim first 487,650 lines (users 1-2998, with timestamps). */
export const ML_1M_RATINGS_PREFIX = "ratings.first487650lines.dat";

/**
 * The file of ml-1m's rating timestamps in `dir`: ratings.dat (every rating), else its verbatim prefix
 * ML_1M_RATINGS_PREFIX (users 1-2998); null when neither is there (the derived file has no timestamps).
 */
export function resolveMl1mTimestampsFile(dir: string): string | null {
  for (const name of ["ratings.dat", ML_1M_RATINGS_PREFIX]) if (isFile(path.join(dir, name))) return path.join(dir, name);
  return null;
}

interface UserRow {
  gender: string;
  ageGroup: string;
  occupation: string;
}

/**
 * Loads ml-1m from folder `dir`. Dense indices follow first appearance in the ratings file. User features
 * "gender" (M/F), "age-group" (the README's 7 groups), "occupation" (21 names, code = raw code); item "genres".
 */
export async function loadMovielens1m(dir: string, options: Movielens1mOptions = {}): Promise<Ratings> {
  const loader = "loadMovielens1m";
  requireDirectory(dir, loader);
  const ratingsFile = resolveMl1mRatingsFile(dir, options.ratingsFile);
  const withUsers = options.userFeatures ?? true;
  const withItems = options.itemFeatures ?? true;
  const userFile = withUsers ? requireFile(dir, "users.dat", loader) : "";
  const movieFile = withItems ? requireFile(dir, "movies.dat", loader) : "";

  const builder = new RatingsBuilder({ name: "ml-1m", scale: MOVIELENS_STAR_SCALE, file: ratingsFile, initialCapacity: 1 << 20, duplicates: options.duplicates });
  await readDelimitedInto(builder, {
    file: ratingsFile,
    delimiter: "::",
    header: false,
    columns: { user: 0, item: 1, rating: 2, timestamp: 3 },
    timestampOptional: true,
    fieldCounts: [3, 4],
    encoding: options.encoding,
    idType: "integer",
  });
  const sideRows = { missing: options.missingFeatures, unmatched: options.unmatchedFeatureRows };
  let userFeatureRows: SideRowsReport[] | undefined;
  let itemFeatureRows: SideRowsReport[] | undefined;

  let userFeatures: FeatureTable | undefined;
  if (withUsers) {
    const byId = new Map<string, UserRow>();
    const lines = new Map<string, number>();
    await forEachRecord(userFile, { delimiter: "::", fields: 5 }, (f, line) => {
      const id = parseIdField(f[0], "user id", "integer", userFile, line, "::");
      requireNewId(byId, id, "user id", userFile, line);
      lines.set(id, line);
      const gender = requireOneOf(f[1].trim(), ["M", "F"], "gender", userFile, line);
      const age = requireOneOf(f[2].trim(), ML_1M_AGE_CODES, "age code", userFile, line);
      const occupation = f[3].trim();
      const code = /^[0-9]+$/.test(occupation) ? Number(occupation) : NaN;
      if (!(code >= 0 && code < ML_1M_OCCUPATIONS.length)) {
        throw new DataFormatError(userFile, line, `occupation ${JSON.stringify(occupation)} is not a code from 0 to ${ML_1M_OCCUPATIONS.length - 1}`);
      }
      byId.set(id, { gender, ageGroup: AGE_GROUPS[ML_1M_AGE_CODES.indexOf(age)][0], occupation: ML_1M_OCCUPATIONS[code] });
    });
    const aligned = alignSideRows(builder.users.ids, byId, { file: userFile, what: "user", lines, ...sideRows });
    userFeatureRows = [aligned.report];
    const rows = aligned.rows;
    userFeatures = featureTable(builder.users.size, [
      categoricalColumn("gender", rows.map((r) => r?.gender), ["M", "F"]),
      categoricalColumn("age-group", rows.map((r) => r?.ageGroup), AGE_GROUPS.map((g) => g[0])),
      categoricalColumn("occupation", rows.map((r) => r?.occupation), ML_1M_OCCUPATIONS),
    ]);
  }

  let itemFeatures: FeatureTable | undefined;
  if (withItems) {
    const byId = new Map<string, string[]>();
    const lines = new Map<string, number>();
    const labels = new Set<string>();
    await forEachRecord(movieFile, { delimiter: "::", fields: 3, encoding: "latin1" }, (f, line) => {
      const id = parseIdField(f[0], "movie id", "integer", movieFile, line, "::");
      requireNewId(byId, id, "movie id", movieFile, line);
      lines.set(id, line);
      const g = f[2].trim();
      const list = g === "" ? [] : g.split("|");
      list.forEach((l) => labels.add(l));
      byId.set(id, list);
    });
    const aligned = alignSideRows(builder.items.ids, byId, { file: movieFile, what: "item", lines, ...sideRows });
    itemFeatureRows = [aligned.report];
    itemFeatures = featureTable(builder.items.size, [multiHotColumn("genres", aligned.rows, Array.from(labels).sort())]);
  }
  return builder.build({ userFeatures, itemFeatures, userFeatureRows, itemFeatureRows });
}
