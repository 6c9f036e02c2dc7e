/**
 * In-place inverse of a dense symmetric positive-definite n x n matrix (row-major Float64Array) through its
 * Cholesky factor, as LAPACK's dpotrf + dpotri: A = L Lᵀ (blocked-cholesky.ts), then U = (L⁻¹)ᵀ (blocked
 * triangular inverse, dtrtri), then A⁻¹ = Lᵀ⁻¹ L⁻¹ = U Uᵀ (dlauum). Each stage is about n³/6 multiply-adds, almost
 * all in the cache-blocked gemmNT; the three share the one n x n array (L in the lower triangle, U in the strict
 * upper one, the diagonal blocks of U in a side buffer of n x 64 doubles). Used by EASE (Steck 2019), whose
 * item-item weights are P = (XᵀX + λI)⁻¹ for thousands of items.
 */
import { CHOLESKY_BLOCK, choleskyInPlace } from "./blocked-cholesky";
import { gemmNT, type GemmNT } from "./dense-gemm-nt";

/** Where invertSpdInPlace computes: its product kernel and its scratch space (e.g. a wasmDenseArena's). */
export interface SpdInverseOptions {
  /** The product kernel; default the JavaScript gemmNT. */
  gemm?: GemmNT;
  /** At least spdInverseScratch(n) doubles for the diagonal blocks of U (zeroed here); default a new array. */
  scratch?: Float64Array;
}

/** Doubles of scratch space invertSpdInPlace needs for an n x n matrix: ceil(n / 64) blocks of 64 x 64. */
export function spdInverseScratch(n: number): number {
  return Math.ceil(n / CHOLESKY_BLOCK) * CHOLESKY_BLOCK * CHOLESKY_BLOCK;
}

/**
 * Overwrites `a` (n x n, row-major, symmetric positive definite; only the lower triangle is read) with A⁻¹, both
 * triangles. Throws a RangeError naming `owner` when A is not numerically positive definite.
 */
export function invertSpdInPlace(a: Float64Array, n: number, owner = "invertSpdInPlace", options: SpdInverseOptions = {}): void {
  const gemm = options.gemm ?? gemmNT;
  choleskyInPlace(a, n, owner, gemm);
  const size = spdInverseScratch(n);
  if (options.scratch && options.scratch.length < size) throw new RangeError(`${owner}: the scratch space has ${options.scratch.length} doubles, needs ${size}`);
  const diagonal = options.scratch ? options.scratch.subarray(0, size).fill(0) : new Float64Array(size);
  invertFactorTransposed(a, n, diagonal, gemm);
  productUUt(a, n, diagonal, gemm);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
}

/**
 * With L in the lower triangle of `a`, writes U = (L⁻¹)ᵀ (upper triangular): the strict upper triangle into `a`,
 * and each diagonal block of U (band b, rows and columns [b nb, b nb + nb), zeros below its diagonal) into
 * `diagonal[b nb² ..)` (row stride nb). Column band by column band, from U[j][i] = -(Σ_{k=j}^{i-1} L[i][k] U[j][k]) / L[i][i].
 */
function invertFactorTransposed(a: Float64Array, n: number, diagonal: Float64Array, gemm: GemmNT): void {
  const nb = CHOLESKY_BLOCK;
  for (let i0 = 0, band = 0; i0 < n; i0 += nb, band++) {
    const i1 = Math.min(i0 + nb, n);
    const w = i1 - i0;
    // Rows j < i0: the part of the sum over k < i0, band by band of rows (k >= j).
    for (let j0 = 0, jb = 0; j0 < i0; j0 += nb, jb++) {
      const j1 = Math.min(j0 + nb, n);
      for (let j = j0; j < j1; j++) a.fill(0, j * n + i0, j * n + i1);
      const c = { data: a, offset: j0 * n + i0, stride: n };
      gemm(1, { data: diagonal, offset: jb * nb * nb, stride: nb }, { data: a, offset: i0 * n + j0, stride: n }, c, j1 - j0, w, j1 - j0);
      if (j1 < i0) gemm(1, { data: a, offset: j0 * n + j1, stride: n }, { data: a, offset: i0 * n + j1, stride: n }, c, j1 - j0, w, i0 - j1);
    }
    // Finish those rows over k in [i0, i) (a triangular solve within the band).
    for (let j = 0; j < i0; j++) {
      const rj = j * n;
      for (let i = i0; i < i1; i++) {
        const ri = i * n;
        let s = a[rj + i];
        for (let k = i0; k < i; k++) s += a[ri + k] * a[rj + k];
        a[rj + i] = -s / a[ri + i];
      }
    }
    // The diagonal block: U_II = (L_II⁻¹)ᵀ.
    const d = band * nb * nb;
    for (let j = i0; j < i1; j++) {
      const dj = d + (j - i0) * nb - i0;
      diagonal[dj + j] = 1 / a[j * n + j];
      for (let i = j + 1; i < i1; i++) {
        const ri = i * n;
        let s = 0;
        for (let k = j; k < i; k++) s += a[ri + k] * diagonal[dj + k];
        diagonal[dj + i] = -s / a[ri + i];
        a[j * n + i] = diagonal[dj + i];
      }
    }
  }
}

/**
 * With U as left by invertFactorTransposed, writes P = U Uᵀ into the lower triangle and the diagonal blocks of
 * `a`: P[i][j] = Σ_{k >= i} U[i][k] U[j][k] for j <= i, row band by row band.
 */
function productUUt(a: Float64Array, n: number, diagonal: Float64Array, gemm: GemmNT): void {
  const nb = CHOLESKY_BLOCK;
  for (let i0 = 0, band = 0; i0 < n; i0 += nb, band++) {
    const i1 = Math.min(i0 + nb, n);
    const w = i1 - i0;
    const dI = { data: diagonal, offset: band * nb * nb, stride: nb };
    for (let j0 = 0; j0 < i1; j0 += nb) {
      const j1 = Math.min(j0 + nb, n);
      for (let i = i0; i < i1; i++) a.fill(0, i * n + j0, i * n + j1);
      const c = { data: a, offset: i0 * n + j0, stride: n };
      const uJI = j0 === i0 ? dI : { data: a, offset: j0 * n + i0, stride: n };
      gemm(1, dI, uJI, c, w, j1 - j0, w);
      if (i1 < n) gemm(1, { data: a, offset: i0 * n + i1, stride: n }, { data: a, offset: j0 * n + i1, stride: n }, c, w, j1 - j0, n - i1);
    }
  }
}
