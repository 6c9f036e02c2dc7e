/**
 * Sums over co-rated entries for every pair of rows of a sparse matrix: the one pass all of Surprise's
 * similarities share (Hug 2020, `surprise/similarities.pyx`). For user-based similarity the rows are users and
 * co-rated entries are items both rated; the pairs are enumerated through the other side's rows (for each item,
 * all pairs of its raters), so the work is sum over items of (raters choose 2), never users x users x items.
 * The pass runs on WebAssembly (co-rating-wasm.ts), bit for bit the same as `forEachCoRatingRowJs`.
 */
import type { SparseRows } from "../../data/rating-matrix";
import { forEachCoRatingRowWasm } from "./co-rating-wasm";

/**
 * Per-partner sums for one row a, indexed by the partner row b (valid for b > a only). Each array has shape
 * [rows]; `sumA`/`sumB` are null unless linear sums were requested. Units: ratings, ratings squared.
 */
export interface CoRatingMoments {
  /** Number of co-rated entries |I_ab|. */
  readonly count: Float64Array;
  /** Σ r_a · r_b over co-rated entries. */
  readonly sumAB: Float64Array;
  /** Σ r_a² over co-rated entries. */
  readonly sumAA: Float64Array;
  /** Σ r_b² over co-rated entries. */
  readonly sumBB: Float64Array;
  /** Σ r_a over co-rated entries (Pearson only). */
  readonly sumA: Float64Array | null;
  /** Σ r_b over co-rated entries (Pearson only). */
  readonly sumB: Float64Array | null;
}

/**
 * Calls `visit(a, moments)` for each row a of `rows` in ascending order, with the co-rating sums of a against
 * every later row b (a < b < rows.rows); the arrays are reused, so read them inside `visit`. `columns` must be
 * the transpose of `rows` (e.g. `ratingsByUser` and `ratingsByItem` of one ratings set); `linear` adds Σ r_a
 * and Σ r_b. Time O(Σ_y n_y² / 2) over the columns y with n_y entries; memory O(rows).
 */
export function forEachCoRatingRow(
  rows: SparseRows,
  columns: SparseRows,
  linear: boolean,
  visit: (a: number, moments: CoRatingMoments) => void,
): void {
  checkTranspose(rows, columns);
  forEachCoRatingRowWasm(rows, columns, linear, visit);
}

function checkTranspose(rows: SparseRows, columns: SparseRows): void {
  if (rows.rows !== columns.cols || rows.cols !== columns.rows || rows.indices.length !== columns.indices.length) {
    throw new RangeError("forEachCoRatingRow: columns must be the transpose of rows");
  }
}

/** `forEachCoRatingRow` in plain JavaScript: the reference the WebAssembly pass (co-rating-wasm.ts) is tested against. */
export function forEachCoRatingRowJs(
  rows: SparseRows,
  columns: SparseRows,
  linear: boolean,
  visit: (a: number, moments: CoRatingMoments) => void,
): void {
  checkTranspose(rows, columns);
  const n = rows.rows;
  const count = new Float64Array(n);
  const sumAB = new Float64Array(n);
  const sumAA = new Float64Array(n);
  const sumBB = new Float64Array(n);
  const sumA = linear ? new Float64Array(n) : null;
  const sumB = linear ? new Float64Array(n) : null;
  const moments: CoRatingMoments = { count, sumAB, sumAA, sumBB, sumA, sumB };
  // cursor[y]: position of the current row a inside column y. Columns list rows ascending and rows are
  // visited ascending, so every entry after the cursor belongs to a later row b > a.
  const cursor = columns.offsets.slice(0, columns.rows);
  const { offsets: rowStart, indices: rowCols, values: rowVals } = rows;
  const { offsets: colStart, indices: colRows, values: colVals } = columns;
  for (let a = 0; a < n; a++) {
    for (const arr of [count, sumAB, sumAA, sumBB]) arr.fill(0, a + 1);
    if (sumA && sumB) {
      sumA.fill(0, a + 1);
      sumB.fill(0, a + 1);
    }
    for (let p = rowStart[a]; p < rowStart[a + 1]; p++) {
      const y = rowCols[p];
      const ra = rowVals[p];
      const at = cursor[y]++;
      if (colRows[at] !== a) throw new RangeError("forEachCoRatingRow: columns must be the transpose of rows");
      const end = colStart[y + 1];
      // Two copies of the inner loop on purpose: moving Σ r_a and Σ r_b into a second pass over the same
      // entries gave identical sums but made the Pearson pass 35-50% slower (ml-100k, user- and item-based).
      if (sumA && sumB) {
        for (let q = at + 1; q < end; q++) {
          const b = colRows[q];
          const rb = colVals[q];
          count[b] += 1;
          sumAB[b] += ra * rb;
          sumAA[b] += ra * ra;
          sumBB[b] += rb * rb;
          sumA[b] += ra;
          sumB[b] += rb;
        }
      } else {
        for (let q = at + 1; q < end; q++) {
          const b = colRows[q];
          const rb = colVals[q];
          count[b] += 1;
          sumAB[b] += ra * rb;
          sumAA[b] += ra * ra;
          sumBB[b] += rb * rb;
        }
      }
    }
    visit(a, moments);
  }
}
