/**
 * Descriptive statistics for the data-exploration notebook: the rating distribution, the long tail of
 * activity per user and per item, and a dense block of the user x item matrix for a picture of its sparsity.
 */
import type { Ratings } from "./ratings";

/** Number of ratings at each distinct value, ascending by value. */
export function ratingDistribution(r: Ratings): { values: number[]; counts: number[] } {
  const byValue = new Map<number, number>();
  for (let k = 0; k < r.size; k++) byValue.set(r.values[k], (byValue.get(r.values[k]) ?? 0) + 1);
  const values = [...byValue.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => byValue.get(v)!) };
}

/** Ratings per user (or item), sorted in decreasing order; entities without ratings are left out. */
export function activityCounts(r: Ratings, by: "user" | "item"): Int32Array {
  const n = by === "user" ? r.numUsers : r.numItems;
  const ids = by === "user" ? r.users : r.items;
  const counts = new Int32Array(n);
  for (let k = 0; k < r.size; k++) counts[ids[k]]++;
  return counts.filter((c) => c > 0).sort().reverse();
}

/** Share of all ratings (0-1) given by (or to) the most active `fraction` of users (or items). */
export function shareOfTop(sortedCounts: Int32Array, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`shareOfTop: fraction must be in (0, 1], got ${fraction}`);
  const top = Math.max(1, Math.round(sortedCounts.length * fraction));
  let total = 0;
  let head = 0;
  for (let k = 0; k < sortedCounts.length; k++) {
    total += sortedCounts[k];
    if (k < top) head += sortedCounts[k];
  }
  return total ? head / total : 0;
}

/**
 * The ratings of the `users` most active users on the `items` most rated items, as rows of a matrix
 * (shape [users][items], NaN where there is no rating), with the raw ids of rows and columns.
 */
export function densestBlock(r: Ratings, users: number, items: number): { matrix: number[][]; userIds: string[]; itemIds: string[] } {
  const top = (n: number, ids: Int32Array, take: number): number[] => {
    const counts = new Int32Array(n);
    for (let k = 0; k < r.size; k++) counts[ids[k]]++;
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b).slice(0, take);
  };
  const rows = top(r.numUsers, r.users, users);
  const cols = top(r.numItems, r.items, items);
  const rowAt = new Map(rows.map((u, k) => [u, k]));
  const colAt = new Map(cols.map((i, k) => [i, k]));
  const matrix = rows.map(() => new Array<number>(cols.length).fill(NaN));
  for (let k = 0; k < r.size; k++) {
    const a = rowAt.get(r.users[k]);
    const b = colAt.get(r.items[k]);
    if (a !== undefined && b !== undefined) matrix[a][b] = r.values[k];
  }
  return { matrix, userIds: rows.map((u) => r.userIds[u]), itemIds: cols.map((i) => r.itemIds[i]) };
}
