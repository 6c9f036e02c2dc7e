/**
 * Release years of movies from a MovieLens `movies.dat` (`MovieID::Title (YYYY)::Genres`, Latin-1), aligned with
 * a data set's item index: the item feature behind the freshness prior (Covington et al. 2016, §3.3: users
 * prefer fresh content).
 */
import { DataFormatError, quoteField } from "./data-format-error";
import { parseIdField } from "./parse-fields";
import { forEachRecord, requireNewId } from "./read-records";

/** Release years by dense item index, and how many items got one. */
export interface ReleaseYears {
  /** Year of release per dense item index, shape [itemIds.length]; NaN where movies.dat has no such movie. */
  readonly years: Float64Array;
  /** Items of the index that have a year. */
  readonly matched: number;
}

/** The four-digit year in parentheses at the end of a MovieLens title ("Toy Story (1995)"), or NaN. */
export function releaseYearOfTitle(title: string): number {
  const m = /\((\d{4})\)\s*$/.exec(title);
  return m ? Number(m[1]) : NaN;
}

/**
 * Reads `moviesFile` and returns the release year of every item of `itemIds` (raw MovieIDs, the data set's
 * `itemIds`). A line without three `::` fields, a repeated MovieID or a title without a trailing "(YYYY)" is a
 * DataFormatError naming the file and line; movies of the file that the index lacks are ignored.
 */
export async function loadMovieReleaseYears(moviesFile: string, itemIds: readonly string[]): Promise<ReleaseYears> {
  const byId = new Map<string, number>();
  await forEachRecord(moviesFile, { delimiter: "::", fields: 3, encoding: "latin1" }, (f, line) => {
    const id = parseIdField(f[0], "movie id", "integer", moviesFile, line, "::");
    requireNewId(byId, id, "movie id", moviesFile, line);
    const year = releaseYearOfTitle(f[1]);
    if (!Number.isFinite(year)) throw new DataFormatError(moviesFile, line, `title ${quoteField(f[1])} does not end with a release year "(YYYY)"`);
    byId.set(id, year);
  });
  const years = new Float64Array(itemIds.length).fill(NaN);
  let matched = 0;
  for (let i = 0; i < itemIds.length; i++) {
    const y = byId.get(itemIds[i]);
    if (y !== undefined) {
      years[i] = y;
      matched++;
    }
  }
  return { years, matched };
}
