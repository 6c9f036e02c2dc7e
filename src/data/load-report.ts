/**
 * What a loader did beyond reading rows: repeated (user, item) pairs merged under the duplicate policy, and
 * side-feature rows that matched no rating or rated users/items without one. Attached to the loaded Ratings
 * object (not to splits or selections of it) and read with `loadReport(ratings)`.
 */
import type { DuplicatePolicy } from "./duplicate-rows";
import type { Ratings } from "./ratings";

/** How the rows of one side-feature file lined up with the rated users or items. */
export interface SideRowsReport {
  /** The side-feature file. */
  readonly file: string;
  /** Rated users (or items) without a row in the file: their features are missing (-1 / NaN / all zero). */
  readonly missing: number;
  /** Rows of the file whose id matches no rated user (or item): ignored. */
  readonly unmatched: number;
}

/** The load report of one Ratings. */
export interface LoadReport {
  /** The duplicate policy applied. */
  readonly duplicates: DuplicatePolicy;
  /** Rows dropped by merging them into an earlier row with the same (user, item) pair; 0 under "error". */
  readonly duplicatesMerged: number;
  /** Alignment of the user side-feature file(s), when read. */
  readonly userFeatureRows?: readonly SideRowsReport[];
  /** Alignment of the item side-feature file(s), when read. */
  readonly itemFeatureRows?: readonly SideRowsReport[];
}

const reports = new WeakMap<object, LoadReport>();

/** Records `report` for `ratings` (called by the loaders); returns `ratings`. */
export function attachLoadReport(ratings: Ratings, report: LoadReport): Ratings {
  reports.set(ratings, report);
  return ratings;
}

/** The load report of a Ratings returned by a loader, or undefined (built by hand, or a split/selection of one). */
export function loadReport(ratings: Ratings): LoadReport | undefined {
  return reports.get(ratings);
}

/** One line for a notebook: e.g. "duplicates: error, 0 merged; u.user: 0 missing, 0 unmatched". */
export function describeLoadReport(report: LoadReport): string {
  const parts = [`duplicates: ${report.duplicates}, ${report.duplicatesMerged} merged`];
  for (const s of [...(report.userFeatureRows ?? []), ...(report.itemFeatureRows ?? [])]) {
    parts.push(`${s.file}: ${s.missing} missing, ${s.unmatched} unmatched`);
  }
  return parts.join("; ");
}
