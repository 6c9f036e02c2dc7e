/**
 * Loader for MovieLens "ml-latest-small" (100,836 ratings by 610 users on 9,724 movies, 0.5-5 stars in half
 * steps, with timestamps): ratings.csv, and movies.csv genres as a multi-hot item feature "genres".
 */
import { DataFormatError, quoteField } from "./data-format-error";
import { alignSideRows, featureTable, multiHotColumn } from "./feature-columns";
import { requireDirectory, requireFile } from "./input-files";
import { readDelimitedInto } from "./load-delimited";
import type { RatingScale, Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { forEachCsvRecord } from "./read-csv-records";
import type { LoaderInputOptions } from "./loader-options";
import { parseIdField } from "./parse-fields";

/** Rating scale of ml-latest-small: 0.5 to 5 stars in steps of 0.5. */
export const ML_LATEST_SMALL_SCALE: RatingScale = { min: 0.5, max: 5, step: 0.5 };

/** The genre value that movies.csv uses for "no genre"; such movies get an all-zero genres row. */
const NO_GENRES = "(no genres listed)";

/** Options of loadMovielensLatestSmall. */
export interface MovielensLatestSmallOptions extends LoaderInputOptions {
  /** Ratings file inside the folder; default "ratings.csv" (header userId,movieId,rating,timestamp). */
  ratingsFile?: string;
  /** Read movies.csv for the "genres" item feature; default true. */
  itemFeatures?: boolean;
}

/**
 * Loads ml-latest-small from folder `dir` (containing ratings.csv and movies.csv). Dense indices follow the
 * first appearance in ratings.csv; item feature "genres" (multi-hot, labels sorted) from movies.csv.
 */
export async function loadMovielensLatestSmall(dir: string, options: MovielensLatestSmallOptions = {}): Promise<Ratings> {
  const loader = "loadMovielensLatestSmall";
  requireDirectory(dir, loader);
  const ratingsFile = requireFile(dir, options.ratingsFile ?? "ratings.csv", loader, options.ratingsFile ? "ratingsFile" : undefined);
  const withItems = options.itemFeatures ?? true;
  const moviesFile = withItems ? requireFile(dir, "movies.csv", loader) : "";

  const builder = new RatingsBuilder({ name: "ml-latest-small", scale: ML_LATEST_SMALL_SCALE, file: ratingsFile, timestamps: true, duplicates: options.duplicates });
  await readDelimitedInto(builder, {
    file: ratingsFile,
    delimiter: ",",
    header: true,
    columns: { user: "userId", item: "movieId", rating: "rating", timestamp: "timestamp" },
    encoding: options.encoding,
    idType: "integer",
  });
  if (!withItems) return builder.build();

  const lines = new Map<string, number>();
  const genresById = await readMovieGenres(moviesFile, lines);
  const aligned = alignSideRows(builder.items.ids, genresById, {
    file: moviesFile,
    what: "item",
    lines,
    missing: options.missingFeatures,
    unmatched: options.unmatchedFeatureRows,
  });
  const labels = new Set<string>();
  genresById.forEach((g) => g.forEach((l) => labels.add(l)));
  const genres = multiHotColumn("genres", aligned.rows, Array.from(labels).sort());
  return builder.build({ itemFeatures: featureTable(builder.items.size, [genres]), itemFeatureRows: [aligned.report] });
}

/** Reads movies.csv (movieId,title,genres; titles may be quoted) into movieId -> genre list; `lines` gets each id's line. */
export async function readMovieGenres(file: string, lines?: Map<string, number>): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>();
  let header = true;
  let idCol = 0;
  let genresCol = 2;
  let width = 3;
  await forEachCsvRecord(file, (fields, line) => {
    if (header) {
      header = false;
      idCol = fields.indexOf("movieId");
      genresCol = fields.indexOf("genres");
      width = fields.length;
      if (idCol < 0 || genresCol < 0) {
        const hint = fields.length === 1 ? "; the header did not split on ',': is the delimiter right?" : "";
        throw new DataFormatError(file, line, `expected a header with columns "movieId" and "genres", got ${quoteField(fields.join(","))}${hint}`);
      }
      return;
    }
    if (fields.length !== width) {
      throw new DataFormatError(file, line, `expected ${width} fields separated by ',' (as in the header) but found ${fields.length}`);
    }
    const id = parseIdField(fields[idCol], "movieId", "integer", file, line);
    if (byId.has(id)) throw new DataFormatError(file, line, `movieId ${id} appears twice`);
    lines?.set(id, line);
    const g = fields[genresCol].trim();
    byId.set(id, g === "" || g === NO_GENRES ? [] : g.split("|"));
  });
  if (header) throw new DataFormatError(file, undefined, "file is empty");
  return byId;
}
