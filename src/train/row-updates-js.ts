/**
 * The row-wise optimizer steps of SparseRowOptimizer in plain JavaScript, over the cpu backend's arrays (the wasm
 * backend runs the SIMD versions in src/backend/wasm/row-kernels.wat). Same formulas as there; float64 arithmetic.
 */

/** Adam's hyperparameters for one step (see SparseRowOptimizer): step1 = lr / (1 - b1^t), invRootC2 = 1 / √(1 - b2^t). */
export interface AdamStep {
  step1: number;
  invRootC2: number;
  eps: number;
  b1: number;
  b2: number;
}

/** w[rows[k]] -= lr g[k] for every k (rows of `dim`; repeated rows step twice, which equals one summed step). */
export function sgdRowsJs(w: Float32Array, g: Float32Array, rows: Int32Array, dim: number, lr: number): void {
  for (let k = 0; k < rows.length; k++) {
    const o = rows[k] * dim;
    const go = k * dim;
    for (let j = 0; j < dim; j++) w[o + j] -= lr * g[go + j];
  }
}

/** Lazy Adam on rows[s] (s < count) with summed gradient rows `sums[s]`; updates w, m and v in place. */
export function adamRowsJs(w: Float32Array, m: Float32Array, v: Float32Array, sums: Float32Array, rows: Int32Array, count: number, dim: number, a: AdamStep): void {
  const { step1, invRootC2, eps, b1, b2 } = a;
  for (let s = 0; s < count; s++) {
    const o = rows[s] * dim;
    const go = s * dim;
    for (let j = 0; j < dim; j++) {
      const gj = sums[go + j];
      const mj = b1 * m[o + j] + (1 - b1) * gj;
      const vj = b2 * v[o + j] + (1 - b2) * gj * gj;
      m[o + j] = mj;
      v[o + j] = vj;
      w[o + j] -= (step1 * mj) / (Math.sqrt(vj) * invRootC2 + eps);
    }
  }
}

/** AdaGrad on rows[s] (s < count) with summed gradient rows `sums[s]`; updates w and the accumulators `acc`. */
export function adagradRowsJs(w: Float32Array, acc: Float32Array, sums: Float32Array, rows: Int32Array, count: number, dim: number, lr: number, eps: number): void {
  for (let s = 0; s < count; s++) {
    const o = rows[s] * dim;
    const go = s * dim;
    for (let j = 0; j < dim; j++) {
      const gj = sums[go + j];
      const aj = acc[o + j] + gj * gj;
      acc[o + j] = aj;
      w[o + j] -= (lr * gj) / Math.sqrt(aj + eps);
    }
  }
}

/** sums[slots[k]] += g[k] for every k (rows of `dim`); `sums` must be zeroed first. */
export function accumulateRowsJs(sums: Float32Array, g: Float32Array, slots: Int32Array, n: number, dim: number): void {
  for (let k = 0; k < n; k++) {
    const o = slots[k] * dim;
    const go = k * dim;
    for (let j = 0; j < dim; j++) sums[o + j] += g[go + j];
  }
}
