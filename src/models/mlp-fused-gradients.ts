/**
 * The fused loss and gradients of the MLP rating model on ID embeddings (no side features, no dropout): the rows
 * p_u and q_i are copied into a `FusedTower`, which runs the dense tower forward and backward in SIMD kernels,
 * and the penalties of `MlpRatingModel`'s loss are added here. Same loss and gradients as the TF.js graph
 * (`lossFromRows`), to float32 rounding:
 *
 *   loss = s/2 (Σ (ŷ - y)² + reg Σ(|p_u|² + |q_i|²) + regBias Σ(b_u² + b_i²)) + regWeights/2 Σ_l |W_l|²
 *
 * with s = 1 (lossReduction "sum") or 1 / batch size ("mean"). Used by `sparseTfStep` through
 * `SparseEmbeddings.fusedRowGradients`.
 */
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower } from "../backend/fused-tower";
import { towerLayout } from "../backend/fused-tower-layout";
import { tensorStorage } from "../backend/tensor-storage";
import type { BatchIndices, FusedGradients } from "../train/sparse-tf-step";
import type { TfBatch } from "../train/train-tf-model";
import type { MlpRatingConfig, MlpRatingParts } from "./mlp-rating";

/** Largest tower memory the fused path takes on (bytes); a larger batch or tower trains through the TF.js graph. */
export const FUSED_MLP_MAX_BYTES = 2 ** 30;

/**
 * Whether the MLP can take the fused path: ID embeddings only (no feature columns), no dropout, and a tower memory
 * for batches of `batchRows` rows (the batch size actually trained, at most the training set) within
 * `FUSED_MLP_MAX_BYTES`.
 */
export function canFuseMlp(config: MlpRatingConfig, parts: MlpRatingParts, batchRows: number): boolean {
  if (!idsOnlyWithoutDropout(config, parts)) return false;
  return towerLayout(2 * config.embedding.dim, config.layers, Math.max(1, batchRows)).bytes <= FUSED_MLP_MAX_BYTES;
}

/** Whether only the ID embeddings feed the tower and dropout is off (what the fused tower computes). */
function idsOnlyWithoutDropout(config: MlpRatingConfig, parts: MlpRatingParts): boolean {
  return !parts.branch.hasFeatures && config.dropout === 0;
}

/** The embedding and bias rows of one batch, read from the tables, and their penalty sums. */
interface BatchRows {
  n: number;
  scale: number;
  sse: number;
  /** Σ(|p_u|² + |q_i|²) and Σ(b_u² + b_i²) over the batch. */
  squaredRows: number;
  squaredBiases: number;
  P: Float32Array;
  Q: Float32Array;
  Bu: Float32Array | null;
  Bi: Float32Array | null;
  indices: BatchIndices;
}

/**
 * The fused gradient computation of one training run. Its tower memory is made at the first batch, sized for that
 * batch (the largest of an epoch), and reused batch after batch.
 */
export class MlpFusedGradients {
  private tower: FusedTower | null = null;
  private readonly kernels: tf.Variable[];
  private readonly biases: tf.Variable[];

  constructor(private readonly config: MlpRatingConfig, private readonly parts: MlpRatingParts, private readonly mean: number) {
    if (!idsOnlyWithoutDropout(config, parts)) throw new Error("MlpFusedGradients: the model has side features or dropout; use the TF.js graph");
    const towerWeights = parts.branch.towerWeights();
    this.kernels = [...towerWeights.kernels, parts.outputKernel];
    this.biases = [...towerWeights.biases, parts.outputBias];
  }

  /** Loss and gradients for `batch` (row gradients in `sparseEmbeddings` order: p, q, then b_u, b_i if present). */
  compute(batch: TfBatch, indices: BatchIndices): FusedGradients {
    const { config, parts } = this;
    const n = indices.users.length;
    if (!this.tower || n > this.tower.maxBatch) this.tower = new FusedTower(2 * config.embedding.dim, config.layers, n);
    const tower = this.tower;
    const dim = config.embedding.dim;
    const scale = config.training.lossReduction === "sum" ? 1 : 1 / n;
    const [userTable, itemTable] = parts.branch.idTables();
    const P = tensorStorage(userTable) as Float32Array;
    const Q = tensorStorage(itemTable) as Float32Array;
    const Bu = parts.userBias ? (tensorStorage(parts.userBias) as Float32Array) : null;
    const Bi = parts.itemBias ? (tensorStorage(parts.itemBias) as Float32Array) : null;
    const targets = tensorStorage(batch.targets) as Float32Array;
    const { data, offset, stride } = tower.input;
    let squaredRows = 0;
    let squaredBiases = 0;
    for (let k = 0; k < n; k++) {
      const u = indices.users[k] * dim;
      const i = indices.items[k] * dim;
      const at = offset + k * stride;
      for (let j = 0; j < dim; j++) {
        const p = P[u + j];
        const q = Q[i + j];
        data[at + j] = p;
        data[at + dim + j] = q;
        squaredRows += p * p + q * q;
      }
      let base = this.mean;
      if (Bu && Bi) {
        const bu = Bu[indices.users[k]];
        const bi = Bi[indices.items[k]];
        base += bu + bi;
        squaredBiases += bu * bu + bi * bi;
      }
      tower.base[k] = base;
      tower.targets[k] = targets[k];
    }
    tower.setWeights(this.kernels.map((v) => tensorStorage(v)), this.biases.map((v) => tensorStorage(v)));
    const sse = tower.run(n, scale);
    return this.gradients(tower, { n, scale, sse, squaredRows, squaredBiases, P, Q, Bu, Bi, indices });
  }

  /**
   * The loss and gradient tensors after `tower.run`. Every array is computed before the first tensor is created:
   * on wasm a new tensor may grow the heap, which detaches the storage views P, Q, Bu and Bi.
   */
  private gradients(tower: FusedTower, rows: BatchRows): FusedGradients {
    const { n, scale, sse, squaredRows, squaredBiases, P, Q, Bu, Bi, indices } = rows;
    const config = this.config;
    const dim = config.embedding.dim;
    const reg = config.embedding.reg * scale;
    const rowGrads = [new Float32Array(n * dim), new Float32Array(n * dim)];
    const [dP, dQ] = rowGrads;
    const { data, offset, stride } = tower.inputGradient;
    for (let k = 0; k < n; k++) {
      const u = indices.users[k] * dim;
      const i = indices.items[k] * dim;
      const at = offset + k * stride;
      for (let j = 0; j < dim; j++) {
        dP[k * dim + j] = data[at + j] + reg * P[u + j];
        dQ[k * dim + j] = data[at + dim + j] + reg * Q[i + j];
      }
    }
    if (Bu && Bi) {
      const dBu = new Float32Array(n);
      const dBi = new Float32Array(n);
      const regBias = config.regBias * scale;
      for (let k = 0; k < n; k++) {
        dBu[k] = tower.outputGradient[k] + regBias * Bu[indices.users[k]];
        dBi[k] = tower.outputGradient[k] + regBias * Bi[indices.items[k]];
      }
      rowGrads.push(dBu, dBi);
    }
    let squaredKernels = 0;
    const kernelGrads = this.kernels.map((v, l) => {
      const g = tower.kernelGradient(l);
      if (l < config.layers.length && config.regWeights > 0) {
        const w = tensorStorage(v) as Float32Array;
        for (let k = 0; k < g.length; k++) {
          g[k] += config.regWeights * w[k];
          squaredKernels += w[k] * w[k];
        }
      }
      return g;
    });
    const biasGrads = this.biases.map((_, l) => tower.biasGradient(l));
    // Tensors from here on.
    const grads = rowGrads.map((g, k) => (k < 2 ? tf.tensor2d(g, [n, dim]) : tf.tensor1d(g)));
    const dense = new Map<tf.Variable, tf.Tensor>();
    this.kernels.forEach((v, l) => dense.set(v, tf.tensor(kernelGrads[l], v.shape)));
    this.biases.forEach((v, l) => dense.set(v, tf.tensor(biasGrads[l], v.shape)));
    const penalty = config.embedding.reg * squaredRows + config.regBias * squaredBiases;
    const loss = tf.scalar(0.5 * scale * (sse + penalty) + 0.5 * config.regWeights * squaredKernels);
    return { loss, grads, dense };
  }
}
