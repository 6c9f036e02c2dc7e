/**
 * Loader for MovieLens 100K ("ml-100k": 100,000 ratings, 943 users, 1,682 movies, 1-5 stars, timestamps):
 * u.data (tab-separated), user features from u.user, genre flags from u.item (Latin-1) labelled by u.genre.
 */
import * as path from "path";
import { ageGroupOf, AGE_GROUPS, alignSideRows, categoricalColumn, featureTable, multiHotColumn, numericColumn } from "./feature-columns";
import type { Feature, FeatureTable } from "./features";
import { isFile, requireDirectory, requireFile } from "./input-files";
import { readDelimitedInto } from "./load-delimited";
import type { RatingScale, Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { forEachRecord, parseIntegerField, requireNewId, requireOneOf } from "./read-records";
import { DataFormatError } from "./data-format-error";
import { isBlank, parseIdField } from "./parse-fields";
import type { LoaderInputOptions } from "./loader-options";
import type { SideRowsReport } from "./load-report";
import { forEachLine } from "./read-lines";

/** Rating scale of ml-100k and ml-1m: 1 to 5 whole stars. */
export const MOVIELENS_STAR_SCALE: RatingScale = { min: 1, max: 5, step: 1 };

/** Options of loadMovielens100k. */
export interface Movielens100kOptions extends LoaderInputOptions {
  /** Ratings file inside the folder; default "u.data" (e.g. "u1.base" for the first predefined split). */
  ratingsFile?: string;
  /** Read u.user for user features (gender, age, age-group, occupation); default true. */
  userFeatures?: boolean;
  /** Read u.item and u.genre for the "genres" item feature; default true. */
  itemFeatures?: boolean;
}

interface UserRow {
  age: number;
  gender: string;
  occupation: string;
}

/**
 * Loads ml-100k from folder `dir`. Dense indices follow first appearance in the ratings file; user features
 * "gender" (M/F), "age" (years, numeric), "age-group" (ml-1m's groups), "occupation"; item feature "genres".
 */
export async function loadMovielens100k(dir: string, options: Movielens100kOptions = {}): Promise<Ratings> {
  const loader = "loadMovielens100k";
  requireDirectory(dir, loader);
  const ratingsFile = requireFile(dir, options.ratingsFile ?? "u.data", loader, options.ratingsFile ? "ratingsFile" : undefined);
  const withUsers = options.userFeatures ?? true;
  const withItems = options.itemFeatures ?? true;
  const userFile = withUsers ? requireFile(dir, "u.user", loader) : "";
  const itemFile = withItems ? requireFile(dir, "u.item", loader) : "";
  const genreFile = withItems ? requireFile(dir, "u.genre", loader) : "";

  const builder = new RatingsBuilder({ name: "ml-100k", scale: MOVIELENS_STAR_SCALE, file: ratingsFile, timestamps: true, duplicates: options.duplicates });
  await readDelimitedInto(builder, {
    file: ratingsFile,
    delimiter: "\t",
    header: false,
    columns: { user: 0, item: 1, rating: 2, timestamp: 3 },
    fieldCounts: [4],
    encoding: options.encoding,
    idType: "integer",
  });
  const sideRows = { missing: options.missingFeatures, unmatched: options.unmatchedFeatureRows };
  let userFeatureRows: SideRowsReport[] | undefined;
  let itemFeatureRows: SideRowsReport[] | undefined;

  let userFeatures: FeatureTable | undefined;
  if (withUsers) {
    const occupationFile = ["u.occupation", "u.occupation.gz"].map((n) => path.join(dir, n)).find(isFile);
    const occupations = occupationFile !== undefined ? await readLabelList(occupationFile) : undefined;
    const byId = new Map<string, UserRow>();
    const lines = new Map<string, number>();
    await forEachRecord(userFile, { delimiter: "|", fields: 5 }, (f, line) => {
      const id = parseIdField(f[0], "user id", "integer", userFile, line);
      requireNewId(byId, id, "user id", userFile, line);
      lines.set(id, line);
      const age = parseIntegerField(f[1], "age", userFile, line);
      const gender = requireOneOf(f[2].trim(), ["M", "F"], "gender", userFile, line);
      const occupation = f[3].trim();
      if (occupations) requireOneOf(occupation, occupations, "occupation (see u.occupation)", userFile, line);
      byId.set(id, { age, gender, occupation });
    });
    const aligned = alignSideRows(builder.users.ids, byId, { file: userFile, what: "user", lines, ...sideRows });
    userFeatureRows = [aligned.report];
    const rows = aligned.rows;
    const columns: Feature[] = [
      categoricalColumn("gender", rows.map((r) => r?.gender), ["M", "F"]),
      numericColumn("age", rows.map((r) => (r ? r.age : NaN))),
      categoricalColumn("age-group", rows.map((r) => (r ? ageGroupOf(r.age) : undefined)), AGE_GROUPS.map((g) => g[0])),
      categoricalColumn("occupation", rows.map((r) => r?.occupation), occupations),
    ];
    userFeatures = featureTable(builder.users.size, columns);
  }

  let itemFeatures: FeatureTable | undefined;
  if (withItems) {
    const genres = await readLabelList(genreFile);
    const byId = new Map<string, string[]>();
    const lines = new Map<string, number>();
    await forEachRecord(itemFile, { delimiter: "|", fields: 5 + genres.length, encoding: "latin1" }, (f, line) => {
      const id = parseIdField(f[0], "movie id", "integer", itemFile, line);
      requireNewId(byId, id, "movie id", itemFile, line);
      lines.set(id, line);
      const list: string[] = [];
      for (let g = 0; g < genres.length; g++) {
        const flag = f[5 + g].trim();
        if (flag === "1") list.push(genres[g]);
        else if (flag !== "0") throw new DataFormatError(itemFile, line, `genre flag ${g + 1} (${genres[g]}) is ${JSON.stringify(flag)}, expected 0 or 1`);
      }
      byId.set(id, list);
    });
    const aligned = alignSideRows(builder.items.ids, byId, { file: itemFile, what: "item", lines, ...sideRows });
    itemFeatureRows = [aligned.report];
    itemFeatures = featureTable(builder.items.size, [multiHotColumn("genres", aligned.rows, genres)]);
  }
  return builder.build({ userFeatures, itemFeatures, userFeatureRows, itemFeatureRows });
}

/**
 * Reads a label list such as u.genre (`name|index`, indices 0..n-1) or u.occupation (one name per line);
 * returns the labels in index order.
 */
export async function readLabelList(file: string): Promise<string[]> {
  const labels: string[] = [];
  await forEachLine(file, (line, ln) => {
    if (isBlank(line)) return;
    const bar = line.lastIndexOf("|");
    if (bar < 0) {
      labels.push(line.trim());
      return;
    }
    const index = parseIntegerField(line.slice(bar + 1), "index", file, ln);
    if (index !== labels.length) throw new DataFormatError(file, ln, `index ${index} out of order, expected ${labels.length}`);
    labels.push(line.slice(0, bar).trim());
  });
  if (labels.length === 0) throw new DataFormatError(file, undefined, "file is empty (no labels)");
  return labels;
}
