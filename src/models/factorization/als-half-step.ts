/**
 * One half of an alternating-least-squares iteration for biased matrix factorization with weighted-λ
 * regularisation (Zhou, Wilkinson, Schreiber and Pan, "Large-scale parallel collaborative filtering for the
 * Netflix prize", AAIM 2008, section 3.1, with a bias term added to each side): with the other side fixed, each
 * row's factors and bias are the closed-form solution of a (k+1) x (k+1) ridge regression.
 */
import type { SparseRows } from "../../data/rating-matrix";
import { choleskySolveInPlace } from "./cholesky";

/** The fixed side of a half step and the side being solved, with the shared constants. */
export interface AlsSides {
  /** Latent dimension k. */
  dim: number;
  /** Global mean μ (rating units). */
  mean: number;
  /** λ: weight of |x_r|², multiplied by the row's rating count n_r. */
  regFactors: number;
  /** λ_b: weight of c_r², multiplied by n_r. */
  regBias: number;
  /** Factors y_j of the fixed side, row-major, shape [rows.cols * dim]. */
  fixedFactors: Float64Array;
  /** Biases d_j of the fixed side, shape [rows.cols]. */
  fixedBias: Float64Array;
  /** Factors x_r being solved, row-major, shape [rows.rows * dim]; overwritten for rows with ratings. */
  factors: Float64Array;
  /** Biases c_r being solved, shape [rows.rows]; overwritten for rows with ratings. */
  bias: Float64Array;
}

/** Scratch space for `alsHalfStep` (the normal-equation matrix and right-hand side) for dimension `dim`. */
export interface AlsScratch {
  /** The (k+1) x (k+1) normal-equation matrix, row-major, then its Cholesky factor. */
  a: Float64Array;
  /** The right-hand side, shape [k+1], then the solution [x_r; c_r]. */
  b: Float64Array;
}

/** Allocates the scratch space `alsHalfStep` needs for latent dimension `dim`: (k+1)² + (k+1) doubles. */
export function alsScratch(dim: number): AlsScratch {
  return { a: new Float64Array((dim + 1) * (dim + 1)), b: new Float64Array(dim + 1) };
}

/**
 * For every row r of `rows` with n_r >= 1 ratings r_rj, sets [x_r; c_r] to the minimiser of
 *
 *   Σ_j (r_rj - μ - d_j - x_r·y_j - c_r)² + n_r (λ |x_r|² + λ_b c_r²),
 *
 * i.e. the solution of (Σ_j z_j z_jᵀ + n_r diag(λ, …, λ, λ_b)) [x_r; c_r] = Σ_j (r_rj - μ - d_j) z_j with
 * z_j = [y_j; 1]. Rows without ratings are left unchanged. Cost O(n_r (k+1)² + (k+1)³) per row.
 * Returns -1, or the first row whose system is not positive definite (possible only with λ or λ_b = 0).
 */
export function alsHalfStep(rows: SparseRows, s: AlsSides, scratch: AlsScratch = alsScratch(s.dim)): number {
  const { dim, mean, fixedFactors: Y, fixedBias: d, factors: X, bias: c } = s;
  const n1 = dim + 1;
  const { a, b } = scratch;
  const { offsets, indices, values } = rows;
  for (let r = 0; r < rows.rows; r++) {
    const start = offsets[r];
    const end = offsets[r + 1];
    const count = end - start;
    if (count === 0) continue;
    a.fill(0);
    b.fill(0);
    // Accumulate the lower triangle of Σ z zᵀ (row `dim` is the bias row, z_dim = 1) and Σ t z.
    for (let e = start; e < end; e++) {
      const j = indices[e];
      const yo = j * dim;
      const t = values[e] - mean - d[j];
      for (let p = 0; p < dim; p++) {
        const yp = Y[yo + p];
        const row = p * n1;
        for (let q = 0; q <= p; q++) a[row + q] += yp * Y[yo + q];
        b[p] += t * yp;
      }
      const last = dim * n1;
      for (let q = 0; q < dim; q++) a[last + q] += Y[yo + q];
      a[last + dim] += 1;
      b[dim] += t;
    }
    for (let p = 0; p < dim; p++) a[p * n1 + p] += count * s.regFactors;
    a[dim * n1 + dim] += count * s.regBias;
    if (!choleskySolveInPlace(a, b, n1)) return r;
    const xo = r * dim;
    for (let p = 0; p < dim; p++) X[xo + p] = b[p];
    c[r] = b[dim];
  }
  return -1;
}
