/**
 * What the candidate generator's user tower reads about each user (Covington et al. 2016, section 3.3): the
 * bag of items in the training history, the most recent ones (when the data has timestamps), the age of each
 * training example, and the user's categorical side features (demographics). Built once per fit, on typed arrays.
 */
import type { CategoricalFeature, FeatureTable } from "../../data/features";
import type { Ratings } from "../../data/ratings";

/** Seconds per year, the unit of the example-age feature. */
export const SECONDS_PER_YEAR = 365.25 * 86400;

/** The training history of every user, as the tower reads it. */
export interface UserHistories {
  readonly numUsers: number;
  readonly numItems: number;
  /** CSR offsets into `items`, shape [numUsers + 1]; each user's distinct items, ascending. */
  readonly offsets: Int32Array;
  /** Item indices, shape [distinct pairs]. */
  readonly items: Int32Array;
  /** Latest timestamp (seconds) of each pair of `items`, or null without timestamps. */
  readonly times: Float64Array | null;
  /** Latest timestamp of the whole training set (seconds; 0 without timestamps): "now" for the example age. */
  readonly now: number;
  /** Per user, its `recent` most recent items (ties: lower item first), -1 padded; shape [numUsers, recent]. */
  readonly recentItems: Int32Array;
  /** Width of a row of `recentItems` (0 without timestamps). */
  readonly recent: number;
  /** Training interactions per item (distinct users), shape [numItems]. */
  readonly itemCounts: Float64Array;
}

/**
 * The distinct items of each user of `train` (a repeated pair counts once, keeping its latest time) and, when
 * `train` has timestamps and `recent` > 0, each user's `recent` + 1 most recent items (one spare, so that a
 * training example can drop its target and still see `recent` items).
 */
export function buildUserHistories(train: Ratings, recent: number): UserHistories {
  const { numUsers, numItems } = train;
  const ts = train.timestamps;
  const order = Array.from({ length: train.size }, (_, k) => k);
  order.sort((a, b) => train.users[a] - train.users[b] || train.items[a] - train.items[b]);
  const offsets = new Int32Array(numUsers + 1);
  const items = new Int32Array(train.size);
  const times = ts ? new Float64Array(train.size) : null;
  const itemCounts = new Float64Array(numItems);
  let w = 0;
  let now = 0;
  for (let r = 0; r < order.length; r++) {
    const k = order[r];
    const u = train.users[k];
    const i = train.items[k];
    if (w > 0 && r > 0 && train.users[order[r - 1]] === u && items[w - 1] === i) {
      if (times) times[w - 1] = Math.max(times[w - 1], ts![k]);
    } else {
      items[w] = i;
      if (times) times[w] = ts![k];
      offsets[u + 1]++;
      itemCounts[i]++;
      w++;
    }
    if (ts && ts[k] > now) now = ts[k];
  }
  for (let u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];
  const width = times && recent > 0 ? recent + 1 : 0;
  const recentItems = new Int32Array(numUsers * width).fill(-1);
  if (times && width > 0) {
    for (let u = 0; u < numUsers; u++) {
      const idx: number[] = [];
      for (let a = offsets[u]; a < offsets[u + 1]; a++) idx.push(a);
      idx.sort((a, b) => times[b] - times[a] || items[a] - items[b]);
      for (let m = 0; m < Math.min(width, idx.length); m++) recentItems[u * width + m] = items[idx[m]];
    }
  }
  return {
    numUsers, numItems, offsets, items: items.slice(0, w), times: times ? times.slice(0, w) : null, now,
    recentItems, recent: width > 0 ? recent : 0, itemCounts,
  };
}

/**
 * The first `recent` of user u's most recent items other than `exclude` (-1: exclude none), written to `out` at
 * `at` with weight 1/count each in `weights` (0 and item 0 on padding).
 */
export function recentBag(h: UserHistories, u: number, exclude: number, out: Int32Array, weights: Float32Array, at: number): void {
  const width = h.recent + 1;
  let n = 0;
  for (let m = 0; m < width && n < h.recent; m++) {
    const i = h.recentItems[u * width + m];
    if (i < 0) break;
    if (i === exclude) continue;
    out[at + n] = i;
    n++;
  }
  for (let m = 0; m < h.recent; m++) {
    if (m >= n) out[at + m] = 0;
    weights[at + m] = m < n ? 1 / n : 0;
  }
}

/** The categorical columns of a user feature table (numeric and multi-hot columns are not used by the tower). */
export function categoricalColumns(table: FeatureTable | undefined, numUsers: number, owner: string): CategoricalFeature[] {
  if (!table) return [];
  if (table.rows !== numUsers) throw new RangeError(`${owner}: the user features have ${table.rows} rows but the training data has ${numUsers} users`);
  return table.columns.filter((c): c is CategoricalFeature => c.kind === "categorical");
}
