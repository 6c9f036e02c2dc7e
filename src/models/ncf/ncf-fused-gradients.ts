/**
 * The fused log loss and gradients of NCF's models (He et al., "Neural collaborative filtering", WWW 2017): GMF
 * (z = hᵀ(p ⊙ q) + b, eq. 9), the MLP (z = hᵀ tower([p', q']) + b, eq. 10) and NeuMF (both, eq. 12). The MLP
 * tower runs forward and backward in a `FusedTower` with the logistic loss; the GMF term is each row's output
 * offset, and its rows and fusion weights get their gradients from the tower's output gradient (GMF alone needs
 * no tower: a loop over the rows). Loss: s Σ (softplus(z) - y z) with labels y in {0, 1} (batch.targets) and
 * s = 1 / batch size ("mean") or 1 ("sum"); the same as the trainer's `binaryCrossEntropyWithLogits`, no penalty.
 */
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower, softplus, type TowerThreads } from "../../backend/fused-tower";
import { towerLayout } from "../../backend/fused-tower-layout";
import { tensorStorage } from "../../backend/tensor-storage";
import type { LossReduction } from "../../train/optimizer";
import type { BatchIndices, FusedGradients, LookupKey, SparseEmbeddings } from "../../train/sparse-tf-step";
import type { TfBatch } from "../../train/train-tf-model";
import { applyDense, applyTower, type DenseLayer } from "./dense-layer";
import type { EmbeddingPair } from "./embedding-pair";

/** Largest tower memory the fused path takes on (bytes). */
const MAX_BYTES = 2 ** 30;

/** An NCF model's weights as the fused step sees them. */
export interface NcfFusedParts {
  /** GMF embeddings (GMF, NeuMF), or null. Their fusion weights are the output kernel's first `dim` rows. */
  gmf: EmbeddingPair | null;
  /** MLP embeddings and ReLU tower (MLP, NeuMF), or null. The tower's output meets the kernel's last rows. */
  mlp: { embeddings: EmbeddingPair; tower: readonly DenseLayer[] } | null;
  /** Output layer: kernel [gmf dim + tower output width, 1], bias [1]. */
  output: DenseLayer;
}

/** The row-updated tables ([GMF users, GMF items,] [MLP users, MLP items]) and the batch index of each. */
export function ncfRowTables(parts: NcfFusedParts): { tables: tf.Variable[]; keys: LookupKey[] } {
  const tables = [...(parts.gmf ? [parts.gmf.users, parts.gmf.items] : []), ...(parts.mlp ? [parts.mlp.embeddings.users, parts.mlp.embeddings.items] : [])];
  return { tables, keys: tables.map((_, k) => (k % 2 === 0 ? "users" : "items")) };
}

/** Whether the tower memory for batches of `batchRows` rows stays within 1 GiB (always true for GMF). */
export function canFuseNcf(parts: NcfFusedParts, batchRows: number): boolean {
  if (!parts.mlp) return true;
  const hidden = parts.mlp.tower.map((l) => l.kernel.shape[1]!);
  return towerLayout(2 * parts.mlp.embeddings.users.shape[1]!, hidden, Math.max(1, batchRows)).bytes <= MAX_BYTES;
}

/** The fused gradient computation of one training run (tower memory made at the first batch and reused). */
export class NcfFusedGradients {
  private tower: FusedTower | null = null;
  private readonly gmfDim: number;
  private readonly mlpDim: number;

  constructor(private readonly parts: NcfFusedParts, private readonly lossReduction: LossReduction, private readonly towerThreads?: TowerThreads) {
    this.gmfDim = parts.gmf ? parts.gmf.users.shape[1]! : 0;
    this.mlpDim = parts.mlp ? parts.mlp.embeddings.users.shape[1]! : 0;
  }

  /** Loss and gradients for `batch` (targets = labels 0/1; row gradients in `ncfRowTables` order). */
  compute(batch: TfBatch, indices: BatchIndices): FusedGradients {
    const { parts, gmfDim, mlpDim } = this;
    const n = indices.users.length;
    const scale = this.lossReduction === "sum" ? 1 : 1 / n;
    const labels = tensorStorage(batch.targets) as Float32Array;
    const h = tensorStorage(parts.output.kernel) as Float32Array;
    const c = (tensorStorage(parts.output.bias) as Float32Array)[0];
    const P = parts.gmf ? (tensorStorage(parts.gmf.users) as Float32Array) : null;
    const Q = parts.gmf ? (tensorStorage(parts.gmf.items) as Float32Array) : null;
    // Each row's GMF term hᵀ(p ⊙ q).
    const gmfTerm = new Float64Array(n);
    if (P && Q) {
      for (let k = 0; k < n; k++) {
        const u = indices.users[k] * gmfDim;
        const i = indices.items[k] * gmfDim;
        let z = 0;
        for (let j = 0; j < gmfDim; j++) z += h[j] * P[u + j] * Q[i + j];
        gmfTerm[k] = z;
      }
    }
    let lossSum = 0;
    let g: Float32Array;
    let tower: FusedTower | null = null;
    if (parts.mlp) {
      const layers = parts.mlp.tower;
      if (!this.tower || n > this.tower.maxBatch) this.tower = new FusedTower(2 * mlpDim, layers.map((l) => l.kernel.shape[1]!), n, { threads: this.towerThreads });
      tower = this.tower;
      const U = tensorStorage(parts.mlp.embeddings.users) as Float32Array;
      const I = tensorStorage(parts.mlp.embeddings.items) as Float32Array;
      const { data, offset, stride } = tower.input;
      for (let k = 0; k < n; k++) {
        const at = offset + k * stride;
        data.set(U.subarray(indices.users[k] * mlpDim, (indices.users[k] + 1) * mlpDim), at);
        data.set(I.subarray(indices.items[k] * mlpDim, (indices.items[k] + 1) * mlpDim), at + mlpDim);
        tower.base[k] = gmfTerm[k];
        tower.targets[k] = labels[k];
      }
      const kernels = [...layers.map((l) => tensorStorage(l.kernel)), h.subarray(gmfDim)];
      tower.setWeights(kernels, [...layers.map((l) => tensorStorage(l.bias)), [c]]);
      lossSum = tower.run(n, scale, "logistic");
      g = tower.outputGradient;
    } else {
      g = new Float32Array(n);
      for (let k = 0; k < n; k++) {
        const z = gmfTerm[k] + c;
        lossSum += softplus(z) - labels[k] * z;
        g[k] = (1 / (1 + Math.exp(-z)) - labels[k]) * scale;
      }
    }
    return this.gradients(tower, g, P, Q, indices, lossSum * scale);
  }

  /** The gradient tensors from the output gradient `g` (and the tower's, when there is one). */
  private gradients(tower: FusedTower | null, g: Float32Array, P: Float32Array | null, Q: Float32Array | null, indices: BatchIndices, loss: number): FusedGradients {
    const { parts, gmfDim, mlpDim } = this;
    const n = indices.users.length;
    const h = tensorStorage(parts.output.kernel) as Float32Array;
    const rowGrads: Float32Array[] = [];
    const kernelGrad = new Float32Array(parts.output.kernel.size);
    if (P && Q) {
      const dP = new Float32Array(n * gmfDim);
      const dQ = new Float32Array(n * gmfDim);
      for (let k = 0; k < n; k++) {
        const u = indices.users[k] * gmfDim;
        const i = indices.items[k] * gmfDim;
        for (let j = 0; j < gmfDim; j++) {
          dP[k * gmfDim + j] = g[k] * h[j] * Q[i + j];
          dQ[k * gmfDim + j] = g[k] * h[j] * P[u + j];
          kernelGrad[j] += g[k] * P[u + j] * Q[i + j];
        }
      }
      rowGrads.push(dP, dQ);
    }
    const towerGrads: Float32Array[] = [];
    let biasGrad = 0;
    if (tower && parts.mlp) {
      const dU = new Float32Array(n * mlpDim);
      const dI = new Float32Array(n * mlpDim);
      const { data, offset, stride } = tower.inputGradient;
      for (let k = 0; k < n; k++) {
        dU.set(data.subarray(offset + k * stride, offset + k * stride + mlpDim), k * mlpDim);
        dI.set(data.subarray(offset + k * stride + mlpDim, offset + k * stride + 2 * mlpDim), k * mlpDim);
      }
      rowGrads.push(dU, dI);
      const L = parts.mlp.tower.length;
      for (let l = 0; l < L; l++) towerGrads.push(tower.kernelGradient(l), tower.biasGradient(l));
      kernelGrad.set(tower.kernelGradient(L), gmfDim);
      biasGrad = tower.biasGradient(L)[0];
    } else {
      for (let k = 0; k < n; k++) biasGrad += g[k];
    }
    // Tensors from here on (a new tensor may detach the storage views above).
    const grads = rowGrads.map((r) => tf.tensor2d(r, [n, r.length / n]));
    const dense = new Map<tf.Variable, tf.Tensor>();
    parts.mlp?.tower.forEach((l, k) => {
      dense.set(l.kernel, tf.tensor(towerGrads[2 * k], l.kernel.shape));
      dense.set(l.bias, tf.tensor(towerGrads[2 * k + 1], l.bias.shape));
    });
    dense.set(parts.output.kernel, tf.tensor(kernelGrad, parts.output.kernel.shape));
    dense.set(parts.output.bias, tf.tensor1d([biasGrad]));
    return { loss: tf.scalar(loss), grads, dense };
  }
}

/** The logits from the looked-up rows (`ncfRowTables` order), as the models' `batchLogits` compute them; [b]. */
export function ncfLogitsFromRows(parts: NcfFusedParts, rows: tf.Tensor[]): tf.Tensor1D {
  const joint: tf.Tensor2D[] = [];
  let next = 0;
  if (parts.gmf) {
    joint.push(tf.mul(rows[0], rows[1]) as tf.Tensor2D);
    next = 2;
  }
  if (parts.mlp) joint.push(applyTower(parts.mlp.tower, tf.concat([rows[next], rows[next + 1]], 1) as tf.Tensor2D));
  const x = joint.length === 1 ? joint[0] : (tf.concat(joint, 1) as tf.Tensor2D);
  return tf.reshape(applyDense(parts.output, x, "linear"), [-1]);
}

/** The log loss s Σ softplus((1 - 2y) z) of logits z against labels y (batch.targets), reduced as `lossReduction`. */
export function ncfLossFromRows(parts: NcfFusedParts, rows: tf.Tensor[], batch: TfBatch, lossReduction: LossReduction): tf.Scalar {
  const signs = tf.sub(1, tf.mul(2, batch.targets));
  const total = tf.sum(tf.softplus(tf.mul(signs, ncfLogitsFromRows(parts, rows)))) as tf.Scalar;
  return lossReduction === "sum" ? total : tf.div(total, batch.targets.shape[0]);
}

/**
 * The sparse-step description of an NCF model: its tables, the loss from rows and (when it fits) the fused kernel,
 * whose tower runs on `towerThreads` threads (see `TrainingConfig.towerThreads`).
 */
export function ncfSparseEmbeddings(parts: NcfFusedParts, lossReduction: LossReduction, batchRows: number, fusedKernels: boolean, towerThreads?: TowerThreads): SparseEmbeddings {
  const fused = fusedKernels && canFuseNcf(parts, batchRows) ? new NcfFusedGradients(parts, lossReduction, towerThreads) : null;
  return {
    ...ncfRowTables(parts),
    lossFromRows: (rows, batch) => ncfLossFromRows(parts, rows, batch, lossReduction),
    fusedRowGradients: fused ? (batch, indices) => fused.compute(batch, indices) : undefined,
  };
}
