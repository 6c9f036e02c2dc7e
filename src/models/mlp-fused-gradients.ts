/**
 * The fused loss and gradients of the MLP rating model and of the MF + MLP hybrid (no dropout): the tower's input
 * rows [p_u, q_i, f(u), g(i)] are copied into a `FusedTower`, which runs the dense ReLU tower and its linear output
 * forward and backward in SIMD kernels. The parts around the tower are added here, to the same loss and gradients
 * as the TF.js graphs (`lossFromRows` of both models), to float32 rounding:
 *
 *   ŷ = μ + b_u + b_i + h_mf·(m_u ⊙ n_i) + w·tower(x) + c        (the hybrid's GMF term h_mf·(m ⊙ n) only there)
 *   loss = s/2 (Σ (ŷ - y)² + reg Σ(|p_u|² + |q_i|²) + features.reg Σ|f|² + mf.reg Σ(|m_u|² + |n_i|²)
 *          + regBias Σ(b_u² + b_i²)) + regWeights/2 Σ_l |W_l|²
 *
 * with s = 1 (lossReduction "sum") or 1 / batch size ("mean"). The ID rows' gradients are the first 2·dim columns
 * of the tower's input gradient dX; the side features' embedding tables get theirs from the next columns, on typed
 * arrays (features/feature-gradients.ts); the GMF rows and h_mf get theirs from the output gradient dŷ. Used by
 * `sparseTfStep` through `SparseEmbeddings.fusedRowGradients`.
 */
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower, type TowerThreads } from "../backend/fused-tower";
import { HeapIdRows } from "../backend/heap-id-rows";
import { towerLayout } from "../backend/fused-tower-layout";
import { tensorStorage } from "../backend/tensor-storage";
import type { LossReduction } from "../train/optimizer";
import type { BatchIndices, FusedGradients, LookupKey } from "../train/sparse-tf-step";
import type { TfBatch } from "../train/train-tf-model";
import { featureTableGradients, featureValues, type EmbedderLookup } from "./features/feature-gradients";
import { HeapFeatures } from "./features/heap-features";
import type { MlpBranch } from "./mlp-branch";
import type { MlpBranchConfig } from "./mlp-branch-config";
import { fusedRowGradients, RowScratch, type RowViews } from "./mlp-fused-rows";

/** Largest tower memory the fused path takes on (bytes); a larger batch or tower trains through the TF.js graph. */
export const FUSED_MLP_MAX_BYTES = 2 ** 30;

/** The weights a fused step reads and trains. */
export interface FusedMlpParts {
  branch: MlpBranch;
  /** Output (fusion) kernel, [mfDim + branch.outputWidth, 1]: its first mfDim rows are h_mf (none without `mf`). */
  outputKernel: tf.Variable;
  /** Output bias c, [1]. */
  outputBias: tf.Variable;
  /** b_u [numUsers] and b_i [numItems], or null. */
  userBias: tf.Variable | null;
  itemBias: tf.Variable | null;
  /** The hybrid's GMF embeddings m ([numUsers, mfDim]) and n ([numItems, mfDim]) and their L2 weight. */
  mf?: { userFactors: tf.Variable; itemFactors: tf.Variable; reg: number } | null;
}

/** The settings around the branch: bias penalty, loss reduction and the global mean μ. */
export interface FusedMlpSettings {
  regBias: number;
  lossReduction: LossReduction;
  mean: number;
  /** Threads of the fused tower (`TrainingConfig.towerThreads`; default as `FusedTower`'s). */
  towerThreads?: TowerThreads;
}

/**
 * Whether a model can take the fused path: no dropout (a fused step has no dropout mask; the TF.js graph trains
 * with dropout) and a tower memory for batches of `batchRows` rows (the batch actually trained) within
 * `FUSED_MLP_MAX_BYTES`. `config` is the branch's configuration (its layers and dropout).
 */
export function canFuseMlp(config: MlpBranchConfig, parts: { branch: MlpBranch }, batchRows: number): boolean {
  if (config.dropout !== 0) return false;
  return towerLayout(parts.branch.inputWidth, config.layers, Math.max(1, batchRows)).bytes <= FUSED_MLP_MAX_BYTES;
}

/** The row-updated tables of a fused model and the batch index of each: [m, n,] p, q[, b_u, b_i]. */
export function fusedRowTables(parts: FusedMlpParts): { tables: tf.Variable[]; keys: LookupKey[] } {
  const tables = [...(parts.mf ? [parts.mf.userFactors, parts.mf.itemFactors] : []), ...parts.branch.idTables()];
  if (parts.userBias && parts.itemBias) tables.push(parts.userBias, parts.itemBias);
  return { tables, keys: tables.map((_, k) => (k % 2 === 0 ? "users" : "items")) };
}

/**
 * The fused gradient computation of one training run. Its tower memory is made at the first batch, sized for that
 * batch (the largest of an epoch), and reused batch after batch.
 */
export class MlpFusedGradients {
  private tower: FusedTower | null = null;
  /** Reused gradient arrays, on the wasm backend only (it copies them into its heap as tensors are made). */
  private readonly scratch: RowScratch | undefined = tf.getBackend() === "wasm" ? new RowScratch() : undefined;
  /** The batch's feature vectors, kept from batch to batch (they never become tensors, so on every backend). */
  private readonly featureRows = new RowScratch();
  /** The ID rows' gather on the heap, on the wasm backend (heap-id-rows.ts); elsewhere a JavaScript copy. */
  private readonly heapIdRows: HeapIdRows | undefined = HeapIdRows.available() ? new HeapIdRows() : undefined;
  /** The feature vectors and tables' gradients on the heap, when `HeapFeatures.supports` the embedders. */
  private readonly heapFeatures = new HeapFeatures();
  private readonly kernels: tf.Variable[];
  private readonly biases: tf.Variable[];
  private readonly config: MlpBranchConfig;
  private readonly mfDim: number;

  constructor(private readonly parts: FusedMlpParts, private readonly settings: FusedMlpSettings) {
    this.config = parts.branch.config;
    if (this.config.dropout !== 0) throw new Error("MlpFusedGradients: the model has dropout; use the TF.js graph");
    const towerWeights = parts.branch.towerWeights();
    this.kernels = towerWeights.kernels;
    this.biases = towerWeights.biases;
    this.mfDim = parts.mf ? parts.mf.userFactors.shape[1]! : 0;
    const rows = this.mfDim + parts.branch.outputWidth;
    if (parts.outputKernel.shape[0] !== rows) throw new RangeError(`MlpFusedGradients: the output kernel has ${parts.outputKernel.shape[0]} rows, expected ${rows}`);
  }

  /** Frees the heap scratch kept from batch to batch (the training loop calls it through `SparseEmbeddings.dispose`). */
  dispose(): void {
    this.heapIdRows?.dispose();
    this.heapFeatures.dispose();
  }

  /** Loss and gradients for `batch` (row gradients in `fusedRowTables` order; every other variable in `dense`). */
  compute(batch: TfBatch, indices: BatchIndices): FusedGradients {
    const { parts, config, mfDim } = this;
    const n = indices.users.length;
    const branch = parts.branch;
    const width = branch.inputWidth;
    if (!this.tower || n > this.tower.maxBatch) this.tower = new FusedTower(width, config.layers, n, { threads: this.settings.towerThreads });
    const tower = this.tower;
    const scale = this.settings.lossReduction === "sum" ? 1 : 1 / n;
    const [userFeatures, itemFeatures] = branch.featureEmbedders();
    const embedders = [userFeatures, itemFeatures];
    // On wasm the input rows are assembled on the heap (ID rows, and the features when they have no dense block)
    const heapFeatures = this.heapIdRows && HeapFeatures.supports(embedders) ? this.heapFeatures : undefined;
    this.heapIdRows?.reserve(n, tower.input.stride); // these may create tensors: before the storage views below
    const [userTable, itemTable] = branch.idTables();
    heapFeatures?.reserve(embedders, [userTable.shape[0], itemTable.shape[0]], n, tower.input.stride);
    // Storage views from here on: no tensor may be created until the gradients are computed (a new tensor may
    // grow the wasm heap, which detaches the views).
    const lookups: EmbedderLookup[] = [[userFeatures, indices.users], [itemFeatures, indices.items]];
    const features = heapFeatures ? null : featureValues(lookups, (which, length) => this.featureRows.take(which, length));
    let featureSquares = features?.squaredNorm ?? 0;
    const view = (v: tf.Variable | null | undefined) => (v ? (tensorStorage(v) as Float32Array) : null);
    const dim = config.embedding.dim;
    const heapIdRows = this.heapIdRows;
    const rows: RowViews = {
      P: view(userTable)!, Q: view(itemTable)!, M: view(parts.mf?.userFactors), N: view(parts.mf?.itemFactors),
      Bu: view(parts.userBias), Bi: view(parts.itemBias), h: view(parts.outputKernel)!,
      features: features ? features.values : [null, null], featureWidths: embedders.map((e) => e?.width ?? 0),
      targets: tensorStorage(batch.targets) as Float32Array,
      writeInputRows: heapIdRows
        ? (target) => {
            const squared = heapIdRows.gather(userTable, itemTable, indices.users, indices.items, dim);
            if (heapFeatures) featureSquares = heapFeatures.write(embedders, heapIdRows.rows(), 2 * dim);
            heapIdRows.copyTo(target);
            return squared;
          }
        : undefined,
    };
    const dims = { dim, mfDim, width };
    const out = fusedRowGradients(tower, rows, indices, dims, this.settings.mean, () => {
      tower.setWeights([...this.kernels.map((v) => tensorStorage(v)), rows.h.subarray(mfDim)], this.biases.concat(parts.outputBias).map((v) => tensorStorage(v)));
      return tower.run(n, scale);
    }, { reg: config.embedding.reg * scale, mfReg: (parts.mf?.reg ?? 0) * scale, regBias: this.settings.regBias * scale }, this.scratch);
    const featureRegScale = config.features.reg * scale;
    const featureGrads = heapFeatures
      ? heapFeatures.gradients(embedders, heapIdRows!.rows(), 2 * dim, tower.inputGradient, featureRegScale)
      : featureTableGradients(lookups, features!.values, out.featureGrads, featureRegScale);
    let squaredKernels = 0;
    const kernelGrads: Float32Array[] = [];
    for (let l = 0; l < this.kernels.length; l++) {
      const g = tower.kernelGradient(l);
      if (config.regWeights > 0) squaredKernels = addWeightPenalty(g, tensorStorage(this.kernels[l]) as Float32Array, config.regWeights, squaredKernels);
      kernelGrads.push(g);
    }
    const towerOut = tower.kernelGradient(this.kernels.length);
    const outputGrad = new Float32Array(mfDim + towerOut.length);
    outputGrad.set(out.mfKernelGrad ?? [], 0);
    outputGrad.set(towerOut, mfDim);
    const biasGrads = [...this.biases, parts.outputBias].map((_, l) => tower.biasGradient(l));
    // Tensors from here on.
    const { tables } = fusedRowTables(parts);
    const grads = out.rowGrads.map((g, k) => (tables[k].shape.length > 1 ? tf.tensor2d(g, [n, tables[k].shape[1]!]) : tf.tensor1d(g)));
    const dense = new Map<tf.Variable, tf.Tensor>();
    featureGrads.forEach((g, v) => dense.set(v, tf.tensor(g, v.shape)));
    this.kernels.forEach((v, l) => dense.set(v, tf.tensor(kernelGrads[l], v.shape)));
    dense.set(parts.outputKernel, tf.tensor(outputGrad, parts.outputKernel.shape));
    [...this.biases, parts.outputBias].forEach((v, l) => dense.set(v, tf.tensor(biasGrads[l], v.shape)));
    const penalty = config.embedding.reg * out.squaredRows + (parts.mf?.reg ?? 0) * out.squaredMf + config.features.reg * featureSquares + this.settings.regBias * out.squaredBiases;
    const loss = tf.scalar(0.5 * scale * (out.sse + penalty) + 0.5 * config.regWeights * squaredKernels);
    return { loss, grads, dense };
  }
}

/**
 * g += regWeights·w element by element; returns `squared` plus Σ w² (in element order). A plain function: summed
 * in a closure, the running total lived in the closure's context and every addition allocated a number.
 */
function addWeightPenalty(g: Float32Array, w: Float32Array, regWeights: number, squared: number): number {
  for (let k = 0; k < g.length; k++) {
    g[k] += regWeights * w[k];
    squared += w[k] * w[k];
  }
  return squared;
}
