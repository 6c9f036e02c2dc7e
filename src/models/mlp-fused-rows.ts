/**
 * The typed-array half of a fused MLP / hybrid step (mlp-fused-gradients.ts): writes each example's tower input
 * row [p_u, q_i, f(u), g(i)] and its output offset μ + b_u + b_i + h_mf·(m_u ⊙ n_i), runs the tower, and turns the
 * tower's input gradient dX and output gradient dŷ into the gradients of the looked-up rows (plus their L2 terms),
 * of the feature vectors (the columns of dX after the ID embeddings) and of the GMF fusion weights h_mf.
 */
import type { FusedTower } from "../backend/fused-tower";
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
  /** The user and item feature vectors of the batch, row-major [b, width_e], or null. */
  features: (Float32Array | null)[];
  /** Target ratings, [b]. */
  targets: Float32Array;
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
 */
export function fusedRowGradients(tower: FusedTower, r: RowViews, indices: BatchIndices, dims: RowDims, mean: number, run: () => number, regs: RowRegs): FusedRows {
  const { dim, mfDim, width } = dims;
  const n = indices.users.length;
  const { P, Q, M, N, Bu, Bi, h } = r;
  const featureWidths = r.features.map((f) => (f ? f.length / n : 0));
  if (2 * dim + featureWidths[0] + featureWidths[1] !== width) throw new RangeError(`fusedRowGradients: the input rows are ${2 * dim} + ${featureWidths.join(" + ")} wide, the tower takes ${width}`);
  const { data, offset, stride } = tower.input;
  let squaredRows = 0;
  let squaredMf = 0;
  let squaredBiases = 0;
  for (let k = 0; k < n; k++) {
    const uk = indices.users[k];
    const ik = indices.items[k];
    const at = offset + k * stride;
    for (let j = 0; j < dim; j++) {
      const p = P[uk * dim + j];
      const q = Q[ik * dim + j];
      data[at + j] = p;
      data[at + dim + j] = q;
      squaredRows += p * p + q * q;
    }
    let column = at + 2 * dim;
    for (let e = 0; e < r.features.length; e++) {
      const f = r.features[e];
      const w = featureWidths[e];
      if (f) for (let j = 0; j < w; j++) data[column + j] = f[k * w + j];
      column += w;
    }
    let base = mean;
    if (Bu && Bi) {
      const bu = Bu[uk];
      const bi = Bi[ik];
      base += bu + bi;
      squaredBiases += bu * bu + bi * bi;
    }
    if (M && N) {
      for (let j = 0; j < mfDim; j++) {
        const m = M[uk * mfDim + j];
        const v = N[ik * mfDim + j];
        base += h[j] * m * v;
        squaredMf += m * m + v * v;
      }
    }
    tower.base[k] = base;
    tower.targets[k] = r.targets[k];
  }
  const sse = run();
  const g = tower.outputGradient;
  const rowGrads: Float32Array[] = [];
  let mfKernelGrad: Float32Array | null = null;
  if (M && N) {
    const dM = new Float32Array(n * mfDim);
    const dN = new Float32Array(n * mfDim);
    mfKernelGrad = new Float32Array(mfDim);
    for (let k = 0; k < n; k++) {
      const u = indices.users[k] * mfDim;
      const i = indices.items[k] * mfDim;
      for (let j = 0; j < mfDim; j++) {
        const m = M[u + j];
        const v = N[i + j];
        dM[k * mfDim + j] = g[k] * h[j] * v + regs.mfReg * m;
        dN[k * mfDim + j] = g[k] * h[j] * m + regs.mfReg * v;
        mfKernelGrad[j] += g[k] * m * v;
      }
    }
    rowGrads.push(dM, dN);
  }
  const dX = tower.inputGradient;
  const dP = new Float32Array(n * dim);
  const dQ = new Float32Array(n * dim);
  const featureGrads = featureWidths.map((w) => (w > 0 ? new Float32Array(n * w) : null));
  for (let k = 0; k < n; k++) {
    const u = indices.users[k] * dim;
    const i = indices.items[k] * dim;
    const at = dX.offset + k * dX.stride;
    for (let j = 0; j < dim; j++) {
      dP[k * dim + j] = dX.data[at + j] + regs.reg * P[u + j];
      dQ[k * dim + j] = dX.data[at + dim + j] + regs.reg * Q[i + j];
    }
    let column = at + 2 * dim;
    for (let e = 0; e < featureGrads.length; e++) {
      const f = featureGrads[e];
      const w = featureWidths[e];
      if (f) for (let j = 0; j < w; j++) f[k * w + j] = dX.data[column + j];
      column += w;
    }
  }
  rowGrads.push(dP, dQ);
  if (Bu && Bi) {
    const dBu = new Float32Array(n);
    const dBi = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      dBu[k] = g[k] + regs.regBias * Bu[indices.users[k]];
      dBi[k] = g[k] + regs.regBias * Bi[indices.items[k]];
    }
    rowGrads.push(dBu, dBi);
  }
  return { sse, squaredRows, squaredMf, squaredBiases, rowGrads, featureGrads, mfKernelGrad };
}
