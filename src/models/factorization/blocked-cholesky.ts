/**
 * Blocked, in-place Cholesky factorisation A = L Lᵀ of a dense symmetric positive-definite n x n matrix in a
 * row-major Float64Array (the right-looking block algorithm of Golub and Van Loan, "Matrix Computations", 4th ed.,
 * section 4.2.9, LAPACK's dpotrf): for each block column, factor the diagonal block, solve the panel below it,
 * and subtract the panel's outer product from the trailing lower triangle with the cache-blocked gemmNT. About
 * n³/6 multiply-adds. For the large systems of EASE (n = 3,706 items on ml-1m); cholesky.ts keeps the small ALS
 * solves.
 */
import { gemmNT, type GemmNT } from "./dense-gemm-nt";

/** Block width of the factorisation (columns per panel). */
export const CHOLESKY_BLOCK = 64;

/**
 * Overwrites the lower triangle (diagonal included) of `a` (n x n, row-major; only the lower triangle is read)
 * with L, where A = L Lᵀ; the strict upper triangle is left with intermediate values (not part of the result).
 * Throws a RangeError naming `owner`, the pivot and its value when A is not numerically positive definite.
 * `gemm` computes the trailing updates (default: the JavaScript gemmNT).
 */
export function choleskyInPlace(a: Float64Array, n: number, owner = "choleskyInPlace", gemm: GemmNT = gemmNT): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${owner}: n must be an integer >= 0, got ${n}`);
  if (a.length < n * n) throw new RangeError(`${owner}: the matrix has ${a.length} entries, fewer than n² = ${n * n}`);
  const nb = CHOLESKY_BLOCK;
  for (let k0 = 0; k0 < n; k0 += nb) {
    const k1 = Math.min(k0 + nb, n);
    factorDiagonalBlock(a, n, k0, k1, owner);
    solvePanel(a, n, k0, k1);
    // Trailing update, one row band at a time so that only the lower triangle (and the band's diagonal block) is touched.
    for (let r0 = k1; r0 < n; r0 += nb) {
      const r1 = Math.min(r0 + nb, n);
      gemm(
        -1,
        { data: a, offset: r0 * n + k0, stride: n },
        { data: a, offset: k1 * n + k0, stride: n },
        { data: a, offset: r0 * n + k1, stride: n },
        r1 - r0, r1 - k1, k1 - k0,
      );
    }
  }
}

/** Unblocked Cholesky of the diagonal block [k0, k1) (already updated by the earlier panels). */
function factorDiagonalBlock(a: Float64Array, n: number, k0: number, k1: number, owner: string): void {
  for (let i = k0; i < k1; i++) {
    const ri = i * n;
    for (let j = k0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let p = k0; p < j; p++) s -= a[ri + p] * a[rj + p];
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`${owner}: the matrix is not positive definite (pivot ${i} is ${s})`);
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
  }
}

/** Rows below the diagonal block: A[i, k0:k1) ← A[i, k0:k1) L_kkᵀ⁻¹ (forward substitution per row). */
function solvePanel(a: Float64Array, n: number, k0: number, k1: number): void {
  for (let i = k1; i < n; i++) {
    const ri = i * n;
    for (let j = k0; j < k1; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let p = k0; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s / a[rj + j];
    }
  }
}
