/**
 * The one ratings type shared by every loader, split and model: parallel typed arrays over dense 0-based
 * user and item indices, with maps back to the raw ids of the source file.
 */
import type { FeatureTable } from "./features";
import type { ConfidenceConfig } from "./implicit-confidence";

/**
 * Marks `Ratings` whose values are counts of implicit feedback (plays, clicks), not ratings: `toImplicit` then
 * sums the values per pair (countFrom "values") and weights them with `confidence` unless told otherwise.
 */
export interface ImplicitCounts {
  /** Default confidence function of these counts; absent: binary (every interaction weighs 1). */
  readonly confidence?: ConfidenceConfig;
}

/** Declared rating scale of a data set (e.g. 0.5-5 in steps of 0.5 for ml-latest-small, 1-10 for LibimSeTi). */
export interface RatingScale {
  /** Smallest allowed rating. */
  min: number;
  /** Largest allowed rating. */
  max: number;
  /** Spacing of allowed values, if the scale is discrete (e.g. 1 or 0.5). */
  step?: number;
}

/**
 * A set of (user, item, rating[, timestamp]) triples, length `size`, stored column-wise in typed arrays.
 * Splits share the index space (`numUsers`, `numItems`, `userIds`, `itemIds`, features) with their parent,
 * so a user may have an index but no ratings in a training split.
 */
export interface Ratings {
  /** Data set name, e.g. "ml-latest-small". */
  readonly name: string;
  /**
   * Identity of the id index (index-identity.ts): the same for a load and every split or selection of it, a new
   * one for every independent load. Ratings with different indexIds must never be mixed.
   */
  readonly indexId: string;
  /** Dense user index per rating, in [0, numUsers). Shape [size]. */
  readonly users: Int32Array;
  /** Dense item index per rating, in [0, numItems). Shape [size]. */
  readonly items: Int32Array;
  /** Rating values on `scale`. Shape [size]. */
  readonly values: Float32Array;
  /** Seconds since the Unix epoch per rating, when the source has them. Shape [size]. */
  readonly timestamps?: Float64Array;
  /** Raw user id (as written in the source) for each dense user index. Length numUsers. */
  readonly userIds: readonly string[];
  /** Raw item id for each dense item index. Length numItems. */
  readonly itemIds: readonly string[];
  /** Number of users in the index space. */
  readonly numUsers: number;
  /** Number of items in the index space. */
  readonly numItems: number;
  /** Number of ratings. */
  readonly size: number;
  /** Declared rating scale. */
  readonly scale: RatingScale;
  /** Optional per-user side features (rows indexed by dense user index). */
  readonly userFeatures?: FeatureTable;
  /** Optional per-item side features (rows indexed by dense item index). */
  readonly itemFeatures?: FeatureTable;
  /** Present when the values are implicit counts (a data-set descriptor's `count` column); see ImplicitCounts. */
  readonly implicitCounts?: ImplicitCounts;
}

/** Returns the ratings at `rows` (indices into `r`), sharing `r`'s index space, ids and features. */
export function selectRatings(r: Ratings, rows: ArrayLike<number>, name: string = r.name): Ratings {
  const n = rows.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const values = new Float32Array(n);
  const timestamps = r.timestamps ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    if (!(i >= 0 && i < r.size)) throw new RangeError(`selectRatings: row ${i} outside [0, ${r.size})`);
    users[k] = r.users[i];
    items[k] = r.items[i];
    values[k] = r.values[i];
    if (timestamps) timestamps[k] = r.timestamps![i];
  }
  return { ...r, name, users, items, values, timestamps, size: n };
}

/** Mean of all rating values (the global-mean predictor); NaN for an empty set. */
export function meanRating(r: Ratings): number {
  let s = 0;
  for (let i = 0; i < r.size; i++) s += r.values[i];
  return r.size === 0 ? NaN : s / r.size;
}
