/**
 * `forEachCoRatingRow` on WebAssembly (knn-kernels.wat): the same sums, bit for bit, as the JavaScript pass
 * (`forEachCoRatingRowJs`), whose terms it adds in the same order. Both CSR matrices are copied into the kernel's
 * memory once; the moments handed to `visit` are views of that memory.
 */
import { knnKernels } from "../../backend/wasm/knn-kernels";
import type { SparseRows } from "../../data/rating-matrix";
import type { CoRatingMoments } from "./co-rating-moments";

/** Rounds a byte count up to a multiple of 16. */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** See `forEachCoRatingRow` (co-rating-moments.ts); the caller has checked that `columns` is `rows`' transpose in shape. */
export function forEachCoRatingRowWasm(rows: SparseRows, columns: SparseRows, linear: boolean, visit: (a: number, moments: CoRatingMoments) => void): void {
  const n = rows.rows;
  const nnz = rows.indices.length;
  let end = 0;
  const take = (bytes: number): number => {
    const at = end;
    end = align16(end + bytes);
    return at;
  };
  const at = {
    rowStart: take(4 * (n + 1)), rowCols: take(4 * nnz), rowVals: take(4 * nnz),
    colStart: take(4 * (columns.rows + 1)), colRows: take(4 * nnz), colVals: take(4 * nnz), cursor: take(4 * columns.rows),
    count: take(8 * n), sumAB: take(8 * n), sumAA: take(8 * n), sumBB: take(8 * n), sumA: take(linear ? 8 * n : 0), sumB: take(linear ? 8 * n : 0),
  };
  const { kernels, memory } = knnKernels(end);
  const m = memory.buffer;
  new Int32Array(m, at.rowStart, n + 1).set(rows.offsets);
  new Int32Array(m, at.rowCols, nnz).set(rows.indices);
  new Float32Array(m, at.rowVals, nnz).set(rows.values);
  new Int32Array(m, at.colStart, columns.rows + 1).set(columns.offsets);
  new Int32Array(m, at.colRows, nnz).set(columns.indices);
  new Float32Array(m, at.colVals, nnz).set(columns.values);
  new Int32Array(m, at.cursor, columns.rows).set(columns.offsets.subarray(0, columns.rows));
  const moments: CoRatingMoments = {
    count: new Float64Array(m, at.count, n), sumAB: new Float64Array(m, at.sumAB, n), sumAA: new Float64Array(m, at.sumAA, n),
    sumBB: new Float64Array(m, at.sumBB, n), sumA: linear ? new Float64Array(m, at.sumA, n) : null, sumB: linear ? new Float64Array(m, at.sumB, n) : null,
  };
  for (let a = 0; a < n; a++) {
    const bad = kernels.co_rating_row(
      a, n, at.rowStart, at.rowCols, at.rowVals, at.colStart, at.colRows, at.colVals, at.cursor,
      at.count, at.sumAB, at.sumAA, at.sumBB, at.sumA, at.sumB, linear ? 1 : 0,
    );
    if (bad) throw new RangeError("forEachCoRatingRow: columns must be the transpose of rows");
    visit(a, moments);
  }
}
