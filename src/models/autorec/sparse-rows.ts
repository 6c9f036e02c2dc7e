/**
 * The partially observed vectors AutoRec reconstructs, as the project's compressed sparse rows (rating-matrix.ts):
 * for I-AutoRec one row per item holding (user, rating) for its observed ratings only; for U-AutoRec one row per
 * user holding (item, rating).
 */
import { ratingsByItem, ratingsByUser, type SparseRows } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { AutoRecVariant } from "./autorec-config";

/** The rows of `r` for `variant`: item rows over users for "item" (ratingsByItem), user rows over items for "user". */
export function autoRecRows(r: Ratings, variant: AutoRecVariant): SparseRows {
  return variant === "item" ? ratingsByItem(r) : ratingsByUser(r);
}

/** 1 for the columns of `m` with at least one entry (their output unit is trained), else 0. Shape [m.cols]. */
export function columnsSeen(m: SparseRows): Uint8Array {
  const seen = new Uint8Array(m.cols);
  for (let q = 0; q < m.indices.length; q++) seen[m.indices[q]] = 1;
  return seen;
}

/** Indices of the rows with at least one entry, ascending. */
export function nonEmptyRows(m: SparseRows): Int32Array {
  const out: number[] = [];
  for (let row = 0; row < m.rows; row++) if (m.offsets[row + 1] > m.offsets[row]) out.push(row);
  return Int32Array.from(out);
}
