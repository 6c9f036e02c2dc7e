/**
 * The typed-array half of a fused MLP / hybrid step (mlp-fused-gradients.ts): writes each example's tower input
 * row [p_u, q_i, f(u), g(i)] and its output offset μ + b_u + b_i + h_mf·(m_u ⊙ n_i), runs the tower, and turns the
 * tower's input gradient dX and output gradient dŷ into the gradients of the looked-up rows (plus their L2 terms),
 * of the feature vectors (the columns of dX after the ID embeddings) and of the GMF fusion weights h_mf.
 */
import type { FusedTower, RowBlock } from "../backend/fused-tower";
import type { BatchIndices } from "../train/sparse-tf-step";

/** Views of the tables a step reads (storage of the variables; valid until the next tensor is created). */
export interface RowViews {
  /** ID embeddings of the tower, [numUsers, dim] and [numItems, dim]. */
  P: Float32Array;
  Q: Float32Array;
  /** The hybrid's GMF embeddings, [numUsers, mfDim] and [numItems, mfDim], or null. */
  M: Float32Array | null;
  N: Float32Array | null;
  /** Biases b_u and b_i, or null. */
  Bu: Float32Array | null;
  Bi: Float32Array | null;
  /** The output (fusion) kernel, [mfDim + tower output width]. */
  h: Float32Array;
  /**
   * The user and item feature vectors of the batch, row-major [b, width_e], or null: absent, or written into the
   * input rows by `writeInputRows` (then `featureWidths` gives their widths and no dX columns are read back for them).
   */
  features: (Float32Array | null)[];
  /** Widths of the feature vectors when `features` does not hold them all (default: from `features`). */
  featureWidths?: number[];
  /** Target ratings, [b]. */
  targets: Float32Array;
  /**
   * Writes each input row whole: [p_u, q_i] in its first 2·dim columns, the feature vectors that `features` does
   * not hold, zeros elsewhere; returns Σ(|p_u|² + |q_i|²) as `copyIdRows` does (HeapIdRows and HeapFeatures on
   * the wasm backend). Absent: P and Q are copied here, and the vectors of `features`.
   */
  writeInputRows?: (target: RowBlock) => number;
}

/** Widths: ID embedding dim, GMF dim (0 without), tower input width. */
export interface RowDims {
  dim: number;
  mfDim: number;
  width: number;
}

/** L2 weights already multiplied by the loss scale s. */
export interface RowRegs {
  reg: number;
  mfReg: number;
  regBias: number;
}

/** What `fusedRowGradients` returns: sums for the loss and the gradient arrays. */
export interface FusedRows {
  sse: number;
  /** Σ(|p_u|² + |q_i|²), Σ(|m_u|² + |n_i|²), Σ(b_u² + b_i²) over the batch. */
  squaredRows: number;
  squaredMf: number;
  squaredBiases: number;
  /** Row gradients [dM, dN,] dP, dQ[, dBu, dBi] ([b, width] row-major or [b]). */
  rowGrads: Float32Array[];
  /** dLoss/d(feature vectors) per embedder, [b, width_e], or null. */
  featureGrads: (Float32Array | null)[];
  /** dLoss/dh_mf, [mfDim], or null without the GMF term. */
  mfKernelGrad: Float32Array | null;
}

/**
 * Fills the tower's input, base and targets for the batch, calls `run` (which sets the weights and returns the
 * summed squared error), and computes the gradients. No tensor may be created in between (see RowViews).
 * Each loop is a function of its own: V8 then optimises each with its own type feedback (one function holding
 * them all was deoptimised about once per batch, its later loops having no feedback when the first was compiled).
 * Every sum runs in the order of a single row-by-row loop, so the results do not depend on that split.
 */
export function fusedRowGradients(tower: FusedTower, r: RowViews, indices: BatchIndices, dims: RowDims, mean: number, run: () => number, regs: RowRegs, scratch?: RowScratch): FusedRows {
  const { dim, mfDim, width } = dims;
  // Every element of these arrays is written below, so reused ones need no clearing.
  const take = (slot: number, length: number): Float32Array => (scratch ? scratch.take(slot, length) : new Float32Array(length));
  const n = indices.users.length;
  const { P, Q, M, N, Bu, Bi, h } = r;
  const featureWidths = r.featureWidths ?? r.features.map((f) => (f ? f.length / n : 0));
  if (2 * dim + featureWidths[0] + featureWidths[1] !== width) throw new RangeError(`fusedRowGradients: the input rows are ${2 * dim} + ${featureWidths.join(" + ")} wide, the tower takes ${width}`);
  const { data, offset, stride } = tower.input;
  const squaredRows = r.writeInputRows ? r.writeInputRows(tower.input) : copyIdRows(P, Q, indices.users, indices.items, dim, data, offset, stride);
  let column = offset + 2 * dim;
  for (let e = 0; e < r.features.length; e++) {
    const f = r.features[e];
    if (f) copyColumns(f, featureWidths[e], n, data, column, stride);
    column += featureWidths[e];
  }
  // Each row's output offset in float64, rounded to the tower's float32 once (as one row-by-row loop did).
  const base = new Float64Array(n).fill(mean);
  const squaredBiases = Bu && Bi ? addBiases(Bu, Bi, indices.users, indices.items, base) : 0;
  const squaredMf = M && N ? addMfTerms(M, N, h, indices.users, indices.items, mfDim, base) : 0;
  tower.base.set(base);
  tower.targets.set(r.targets.subarray(0, n));
  const sse = run();
  const g = tower.outputGradient;
  const rowGrads: Float32Array[] = [];
  let mfKernelGrad: Float32Array | null = null;
  if (M && N) {
    const dM = take(0, n * mfDim);
    const dN = take(1, n * mfDim);
    mfKernelGrad = new Float32Array(mfDim);
    mfGradients(M, N, h, g, indices.users, indices.items, mfDim, regs.mfReg, dM, dN, mfKernelGrad);
    rowGrads.push(dM, dN);
  }
  const dX = tower.inputGradient;
  // dP, dQ by the tower's kernel (views into its memory: copied unless the caller copies them before the next batch)
  const ids = tower.idGradients(n, dim, regs.reg);
  const dP = scratch ? ids.dP : ids.dP.slice();
  const dQ = scratch ? ids.dQ : ids.dQ.slice();
  column = dX.offset + 2 * dim;
  const featureGrads = featureWidths.map((w, e) => {
    const f = w > 0 && r.features[e] ? take(2 + e, n * w) : null;
    if (f) readColumns(dX.data, column, dX.stride, w, n, f);
    column += w;
    return f;
  });
  rowGrads.push(dP, dQ);
  if (Bu && Bi) {
    const dBu = take(4, n);
    const dBi = take(5, n);
    biasGradients(Bu, Bi, g, indices.users, indices.items, regs.regBias, dBu, dBi);
    rowGrads.push(dBu, dBi);
  }
  return { sse, squaredRows, squaredMf, squaredBiases, rowGrads, featureGrads, mfKernelGrad };
}

/**
 * Gradient arrays kept from batch to batch for `fusedRowGradients` (allocating them afresh cost more than filling
 * them: a [1,024, 32] array is 128 KiB, fresh pages every batch), and the sign that the caller copies what it gets
 * before the next batch, so that dP and dQ may stay views into the tower's memory. Only where the caller copies the
 * arrays (TF.js's wasm backend copies a tensor's values into its heap when the tensor is made; the cpu backend
 * keeps the array, so it must not use this).
 */
export class RowScratch {
  private readonly arrays: Float32Array[] = [];

  /** The first `length` floats of array `slot` (grown when too short); its old contents remain until overwritten. */
  take(slot: number, length: number): Float32Array {
    const a = this.arrays[slot];
    if (a && a.length >= length) return a.subarray(0, length);
    const grown = new Float32Array(length);
    this.arrays[slot] = grown;
    return grown;
  }
}

/** Writes [p_u, q_i] at the start of each input row; returns Σ_k Σ_j (p² + q²) (row by row, float64). */
function copyIdRows(P: Float32Array, Q: Float32Array, users: Int32Array, items: Int32Array, dim: number, data: Float32Array, offset: number, stride: number): number {
  let squared = 0;
  for (let k = 0; k < users.length; k++) {
    const u = users[k] * dim;
    const i = items[k] * dim;
    const at = offset + k * stride;
    for (let j = 0; j < dim; j++) {
      const p = P[u + j];
      const q = Q[i + j];
      data[at + j] = p;
      data[at + dim + j] = q;
      squared += p * p + q * q;
    }
  }
  return squared;
}

/** Copies `n` rows of `width` floats (row-major) into the input rows' columns from `at`. */
function copyColumns(values: Float32Array, width: number, n: number, data: Float32Array, at: number, stride: number): void {
  for (let k = 0; k < n; k++) {
    const from = k * width;
    const to = at + k * stride;
    for (let j = 0; j < width; j++) data[to + j] = values[from + j];
  }
}

/** base[k] += b_u + b_i; returns Σ (b_u² + b_i²). */
function addBiases(Bu: Float32Array, Bi: Float32Array, users: Int32Array, items: Int32Array, base: Float64Array): number {
  let squared = 0;
  for (let k = 0; k < users.length; k++) {
    const bu = Bu[users[k]];
    const bi = Bi[items[k]];
    base[k] += bu + bi;
    squared += bu * bu + bi * bi;
  }
  return squared;
}

/** base[k] += Σ_j h_j m_uj n_ij (after the biases, as the model sums); returns Σ (|m_u|² + |n_i|²). */
function addMfTerms(M: Float32Array, N: Float32Array, h: Float32Array, users: Int32Array, items: Int32Array, mfDim: number, base: Float64Array): number {
  let squared = 0;
  for (let k = 0; k < users.length; k++) {
    const u = users[k] * mfDim;
    const i = items[k] * mfDim;
    let b = base[k];
    for (let j = 0; j < mfDim; j++) {
      const m = M[u + j];
      const v = N[i + j];
      b += h[j] * m * v;
      squared += m * m + v * v;
    }
    base[k] = b;
  }
  return squared;
}

/** dM, dN (+ their L2 terms) and dh_mf from the output gradient g. */
function mfGradients(M: Float32Array, N: Float32Array, h: Float32Array, g: Float32Array, users: Int32Array, items: Int32Array, mfDim: number, mfReg: number, dM: Float32Array, dN: Float32Array, dh: Float32Array): void {
  for (let k = 0; k < users.length; k++) {
    const u = users[k] * mfDim;
    const i = items[k] * mfDim;
    const gk = g[k];
    for (let j = 0; j < mfDim; j++) {
      const m = M[u + j];
      const v = N[i + j];
      dM[k * mfDim + j] = gk * h[j] * v + mfReg * m;
      dN[k * mfDim + j] = gk * h[j] * m + mfReg * v;
      dh[j] += gk * m * v;
    }
  }
}

/** Copies `n` rows of `width` columns of dX from column `at` into `out` (row-major [n, width]). */
function readColumns(dX: Float32Array, at: number, stride: number, width: number, n: number, out: Float32Array): void {
  for (let k = 0; k < n; k++) {
    const from = at + k * stride;
    const to = k * width;
    for (let j = 0; j < width; j++) out[to + j] = dX[from + j];
  }
}

/** dB_u, dB_i: the output gradient plus the biases' L2 terms. */
function biasGradients(Bu: Float32Array, Bi: Float32Array, g: Float32Array, users: Int32Array, items: Int32Array, regBias: number, dBu: Float32Array, dBi: Float32Array): void {
  for (let k = 0; k < users.length; k++) {
    dBu[k] = g[k] + regBias * Bu[users[k]];
    dBi[k] = g[k] + regBias * Bi[items[k]];
  }
}
