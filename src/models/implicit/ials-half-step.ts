/**
 * One half of an iALS iteration (Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
 * ICDM 2008) in the form of Rendle, Zhang, Krichene and Koren, "Revisiting the Performance of iALS on Item
 * Recommendation Benchmarks" (RecSys 2022): with the other side's factors Y fixed, each row r (a user, or an item
 * on the item half) minimises
 *
 *   Σ_{j ∈ S_r} c_rj (x·y_j - 1)² + α0 Σ_{all j} (x·y_j)² + λ_r |x|²,   λ_r = λ (|S_r| + α0 n)^ν,
 *
 * (c_rj the interaction's confidence, α0 the weight of every pair as a 0, n the number of rows of Y, ν the
 * regularisation exponent: 0 plain λ, 1 Rendle et al.'s frequency scaling), whose normal equations are
 * A x = b with A = α0 YᵀY + Σ_{j ∈ S_r} c_rj y_j y_jᵀ + λ_r I and b = Σ_{j ∈ S_r} c_rj y_j. Solved exactly
 * (Cholesky of the d x d A) or by a few conjugate-gradient steps warm-started at the current x (Takács, Pilászy
 * and Tikk, "Applications of the Conjugate Gradient Method for Implicit Feedback Collaborative Filtering",
 * RecSys 2011), which never forms A: A v = α0 (YᵀY) v + Σ c_rj y_j (y_j·v) + λ_r v.
 */
import type { SparseRows } from "../../data/rating-matrix";
import { choleskySolveInPlace } from "../factorization/cholesky";

/** Settings of one half step. */
export interface IalsSolveSettings {
  dim: number;
  /** α0, weight of the all-pairs term, >= 0. */
  unobservedWeight: number;
  /** λ, > 0 (A must be positive definite). */
  reg: number;
  /** ν, the exponent of the regularisation scaling. */
  regExponent: number;
  /** "cg": `cgSteps` conjugate-gradient steps from the current x; "exact": a Cholesky solve. */
  solver: "cg" | "exact";
  cgSteps: number;
}

/** YᵀY of `factors` (rows x dim, row-major), as a dim x dim float64 matrix. */
export function gramian(factors: Float32Array, rows: number, dim: number): Float64Array {
  const g = new Float64Array(dim * dim);
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    for (let a = 0; a < dim; a++) {
      const ya = factors[o + a];
      if (ya === 0) continue;
      const ga = a * dim;
      for (let b = 0; b <= a; b++) g[ga + b] += ya * factors[o + b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) g[b * dim + a] = g[a * dim + b];
  return g;
}

/**
 * Solves every row of `rows` that has interactions (rows.values are the confidences c_rj; columns index `fixed`)
 * for its factors in `solved` (row-major [rows.rows, dim]); rows without interactions are left as they are.
 * `fixedRows` is the number of rows of `fixed` (n in λ_r). `gram`, when given, must be `gramian(fixed, fixedRows,
 * dim)` of the current `fixed` (a caller that already has it, e.g. from the objective, saves recomputing it; the
 * result is the same bits).
 */
export function ialsHalfStep(rows: SparseRows, fixed: Float32Array, fixedRows: number, solved: Float32Array, s: IalsSolveSettings, gram?: Float64Array): void {
  const d = s.dim;
  if (gram && gram.length !== d * d) throw new RangeError(`ialsHalfStep: gram has ${gram.length} entries, expected ${d} x ${d}`);
  const g = gram ?? gramian(fixed, fixedRows, d);
  const a = new Float64Array(d * d);
  const x = new Float64Array(d);
  const r = new Float64Array(d);
  const p = new Float64Array(d);
  const ap = new Float64Array(d);
  const { offsets, indices, values } = rows;
  for (let row = 0; row < rows.rows; row++) {
    const from = offsets[row];
    const to = offsets[row + 1];
    if (from === to) continue;
    const lambda = s.reg * Math.pow(to - from + s.unobservedWeight * fixedRows, s.regExponent);
    const xo = row * d;
    if (s.solver === "exact") {
      for (let k = 0; k < d * d; k++) a[k] = s.unobservedWeight * g[k];
      x.fill(0);
      for (let e = from; e < to; e++) {
        const yo = indices[e] * d;
        const c = values[e];
        for (let i = 0; i < d; i++) {
          const cy = c * fixed[yo + i];
          x[i] += cy;
          for (let j = 0; j <= i; j++) a[i * d + j] += cy * fixed[yo + j];
        }
      }
      for (let i = 0; i < d; i++) a[i * d + i] += lambda;
      if (!choleskySolveInPlace(a, x, d)) throw new RangeError(`ialsHalfStep: the normal equations of row ${row} are not positive definite`);
      for (let i = 0; i < d; i++) solved[xo + i] = x[i];
      continue;
    }
    // Conjugate gradient from the current x: r = b - A x.
    for (let i = 0; i < d; i++) x[i] = solved[xo + i];
    applyA(g, rows, row, fixed, x, lambda, s.unobservedWeight, d, r);
    for (let i = 0; i < d; i++) r[i] = -r[i];
    for (let e = from; e < to; e++) {
      const yo = indices[e] * d;
      for (let i = 0; i < d; i++) r[i] += values[e] * fixed[yo + i];
    }
    let rr = 0;
    for (let i = 0; i < d; i++) rr += r[i] * r[i];
    p.set(r);
    for (let step = 0; step < s.cgSteps && rr > 1e-20; step++) {
      applyA(g, rows, row, fixed, p, lambda, s.unobservedWeight, d, ap);
      let pap = 0;
      for (let i = 0; i < d; i++) pap += p[i] * ap[i];
      const alpha = rr / pap;
      let next = 0;
      for (let i = 0; i < d; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
        next += r[i] * r[i];
      }
      const beta = next / rr;
      for (let i = 0; i < d; i++) p[i] = r[i] + beta * p[i];
      rr = next;
    }
    for (let i = 0; i < d; i++) solved[xo + i] = x[i];
  }
}

/** out = A v for row `row`: α0 G v + Σ_j c_j y_j (y_j · v) + λ v. */
function applyA(g: Float64Array, rows: SparseRows, row: number, fixed: Float32Array, v: Float64Array, lambda: number, alpha0: number, d: number, out: Float64Array): void {
  for (let i = 0; i < d; i++) out[i] = alpha0 * dot64(g, i * d, v, d) + lambda * v[i];
  const { indices, values } = rows;
  const end = rows.offsets[row + 1];
  for (let e = rows.offsets[row]; e < end; e++) {
    const yo = indices[e] * d;
    const w = values[e] * dot32(fixed, yo, v, d);
    for (let i = 0; i < d; i++) out[i] += w * fixed[yo + i];
  }
}

/** Σ_i x[xo + i] v[i] over i < d, with four partial sums (the additions are otherwise one serial chain). */
function dot32(x: Float32Array, xo: number, v: Float64Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const d4 = d & ~3;
  let i = 0;
  for (; i < d4; i += 4) {
    s0 += x[xo + i] * v[i];
    s1 += x[xo + i + 1] * v[i + 1];
    s2 += x[xo + i + 2] * v[i + 2];
    s3 += x[xo + i + 3] * v[i + 3];
  }
  for (; i < d; i++) s0 += x[xo + i] * v[i];
  return (s0 + s1) + (s2 + s3);
}

/** dot32 for a float64 x (a separate function keeps each call site monomorphic). */
function dot64(x: Float64Array, xo: number, v: Float64Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const d4 = d & ~3;
  let i = 0;
  for (; i < d4; i += 4) {
    s0 += x[xo + i] * v[i];
    s1 += x[xo + i + 1] * v[i + 1];
    s2 += x[xo + i + 2] * v[i + 2];
    s3 += x[xo + i + 3] * v[i + 3];
  }
  for (; i < d; i++) s0 += x[xo + i] * v[i];
  return (s0 + s1) + (s2 + s3);
}
