/**
 * Release years of movies, aligned with a data set's item index: the item feature behind the freshness prior
 * (Covington et al. 2016, §3.3: users prefer fresh content). Read from the MovieLens movie files: ml-1m's
 * `movies.dat` (`MovieID::Title (YYYY)::Genres`, Latin-1), ml-100k's `u.item` (`id|title|release date|...`,
 * Latin-1) and ml-latest-small's `movies.csv` (`movieId,title,genres` with a header, titles may be quoted).
 * A title without a trailing "(YYYY)" (ml-latest-small has a few) leaves the year unknown (NaN, counted in
 * `missing`); ml-100k falls back to its release-date field.
 */
import * as path from "node:path";
import { DataFormatError, quoteField } from "./data-format-error";
import { requireFile } from "./input-files";
import { parseIdField } from "./parse-fields";
import { forEachCsvRecord } from "./read-csv-records";
import { forEachRecord, requireNewId } from "./read-records";

/** Release years by dense item index, and how many items got one. */
export interface ReleaseYears {
  /** Year of release per dense item index, shape [itemIds.length]; NaN where unknown. */
  readonly years: Float64Array;
  /** Items of the index that have a year. */
  readonly matched: number;
  /** The file read. */
  readonly file: string;
}

/** The four-digit year in parentheses at the end of a MovieLens title ("Toy Story (1995)"), or NaN. */
export function releaseYearOfTitle(title: string): number {
  const m = /\((\d{4})\)\s*$/.exec(title);
  return m ? Number(m[1]) : NaN;
}

/** Data sets whose movie files carry release years. */
export type ReleaseYearSource = "ml-1m" | "ml-100k" | "ml-latest-small";

/** Where data set `name`'s release years come from: ml-1m-loo from ml-1m's movies.dat; null for data sets without them. */
export function releaseYearSourceOf(name: string): ReleaseYearSource | null {
  if (name === "ml-1m-loo" || name === "ml-1m") return "ml-1m";
  return name === "ml-100k" || name === "ml-latest-small" ? name : null;
}

/** The movie file of `source` in `dir`: movies.dat, u.item or movies.csv. */
function movieFile(source: ReleaseYearSource, dir: string): string {
  const name = source === "ml-1m" ? "movies.dat" : source === "ml-100k" ? "u.item" : "movies.csv";
  return requireFile(dir, name, "loadMovieReleaseYears");
}

/**
 * Reads the movie file of `source` in folder `dir` and returns the release year of every item of `itemIds` (the
 * data set's raw MovieIDs). A malformed line or a repeated id is a DataFormatError naming the file and line;
 * movies of the file that the index lacks are ignored.
 */
export async function loadMovieReleaseYears(source: ReleaseYearSource, dir: string, itemIds: readonly string[]): Promise<ReleaseYears> {
  const file = movieFile(source, dir);
  const byId = new Map<string, number>();
  const add = (rawId: string, year: number, line: number): void => {
    const id = parseIdField(rawId, "movie id", "integer", file, line);
    requireNewId(byId, id, "movie id", file, line);
    byId.set(id, year);
  };
  if (source === "ml-1m") {
    await forEachRecord(file, { delimiter: "::", fields: 3, encoding: "latin1" }, (f, line) => add(f[0], releaseYearOfTitle(f[1]), line));
  } else if (source === "ml-100k") {
    await forEachRecord(file, { delimiter: "|", fields: 24, encoding: "latin1" }, (f, line) => {
      const fromDate = /(\d{4})\s*$/.exec(f[2]);
      const y = releaseYearOfTitle(f[1]);
      add(f[0], Number.isFinite(y) ? y : fromDate ? Number(fromDate[1]) : NaN, line);
    });
  } else {
    let idCol = -1;
    let titleCol = -1;
    await forEachCsvRecord(file, (f, line) => {
      if (idCol < 0) {
        idCol = f.indexOf("movieId");
        titleCol = f.indexOf("title");
        if (idCol < 0 || titleCol < 0) throw new DataFormatError(file, line, `expected a header with columns "movieId" and "title", got ${quoteField(f.join(","))}`);
        return;
      }
      if (f.length <= Math.max(idCol, titleCol)) throw new DataFormatError(file, line, `expected at least ${Math.max(idCol, titleCol) + 1} fields separated by ',' but found ${f.length}`);
      add(f[idCol], releaseYearOfTitle(f[titleCol]), line);
    });
  }
  const years = new Float64Array(itemIds.length).fill(NaN);
  let matched = 0;
  for (let i = 0; i < itemIds.length; i++) {
    const y = byId.get(itemIds[i]);
    if (y !== undefined && Number.isFinite(y)) {
      years[i] = y;
      matched++;
    }
  }
  return { years, matched, file: path.resolve(file) };
}
