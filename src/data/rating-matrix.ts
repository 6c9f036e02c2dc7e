/**
 * Compressed sparse rows (CSR) of a ratings set, by user or by item: the structure neighbourhood models,
 * negative samplers and top-K exclusion lists share. Memory: 4 bytes per row plus 8 per rating.
 */
import type { Ratings } from "./ratings";

/** A sparse matrix in CSR form: row r holds columns `cols[offsets[r] .. offsets[r+1])`, ascending, with values. */
export interface SparseRows {
  /** Number of rows (users for `byUser`, items for `byItem`). */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row start offsets, shape [rows + 1]. */
  readonly offsets: Int32Array;
  /** Column index of each entry, ascending within a row, shape [nnz]. */
  readonly indices: Int32Array;
  /** Value of each entry (the rating), shape [nnz]. */
  readonly values: Float32Array;
}

/**
 * CSR of the entries (rowOf[k], colOf[k], vals[k]): each row's columns ascending, entries with the same (row,
 * column) in input order. Two stable counting sorts, by column then by row (O(nnz + rows + cols), no comparison
 * sort).
 */
function buildRows(rows: number, cols: number, rowOf: Int32Array, colOf: Int32Array, vals: Float32Array): SparseRows {
  const n = rowOf.length;
  // Entries in column order (stable: input order within a column).
  const colFill = new Int32Array(cols + 1);
  for (let k = 0; k < n; k++) colFill[colOf[k] + 1]++;
  for (let c = 0; c < cols; c++) colFill[c + 1] += colFill[c];
  const byColumn = new Int32Array(n);
  for (let k = 0; k < n; k++) byColumn[colFill[colOf[k]]++] = k;
  // Scattered into rows in that order: each row's columns come out ascending, ties in input order.
  const offsets = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) offsets[rowOf[k] + 1]++;
  for (let r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, rows);
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    const k = byColumn[t];
    const at = fill[rowOf[k]]++;
    indices[at] = colOf[k];
    values[at] = vals[k];
  }
  return { rows, cols, offsets, indices, values };
}

/** Ratings grouped by user: row u lists the items u rated (ascending) with the ratings. */
export function ratingsByUser(r: Ratings): SparseRows {
  return buildRows(r.numUsers, r.numItems, r.users, r.items, r.values);
}

/** Ratings grouped by item: row i lists the users who rated i (ascending) with the ratings. */
export function ratingsByItem(r: Ratings): SparseRows {
  return buildRows(r.numItems, r.numUsers, r.items, r.users, r.values);
}

/** Position of column `col` in row `row`, or -1 (binary search). */
export function findInRow(m: SparseRows, row: number, col: number): number {
  let lo = m.offsets[row];
  let hi = m.offsets[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = m.indices[mid];
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Number of entries in row `row`. */
export function rowLength(m: SparseRows, row: number): number {
  return m.offsets[row + 1] - m.offsets[row];
}
