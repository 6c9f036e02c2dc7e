/**
 * The fused log loss and gradients of NCF's models (He et al., "Neural collaborative filtering", WWW 2017): GMF
 * (z = hᵀ(p ⊙ q) + b, eq. 9), the MLP (z = hᵀ tower([p', q']) + b, eq. 10) and NeuMF (both, eq. 12). The MLP
 * tower runs forward and backward in a `FusedTower` with the logistic loss; the GMF term is each row's output
 * offset, and its rows and fusion weights get their gradients from the tower's output gradient (GMF alone needs
 * no tower: a loop over the rows). Loss: s Σ (softplus(z) - y z) with labels y in {0, 1} (batch.targets) and
 * s = 1 / batch size ("mean") or 1 ("sum"); the same as the trainer's `binaryCrossEntropyWithLogits`, no penalty.
 * On wasm, GMF's row loops and the copies of the MLP's rows run in ncf-kernels.wat (the same bits as the
 * JavaScript loops below, which the cpu backend runs); the hot loops are small functions of their own, so that V8
 * optimizes each once instead of deoptimizing a long method after its loops at every batch.
 */
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower, type RowBlock, type TowerThreads } from "../../backend/fused-tower";
import { towerLayout } from "../../backend/fused-tower-layout";
import { tensorStorage } from "../../backend/tensor-storage";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ncfKernels, type NcfKernels } from "../../backend/wasm/ncf-kernels";
import { heapOffset } from "../../backend/wasm/row-kernels";
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
    if (parts.mlp && (!this.tower || n > this.tower.maxBatch)) {
      this.tower = new FusedTower(2 * mlpDim, parts.mlp.tower.map((l) => l.kernel.shape[1]!), n, { threads: this.towerThreads });
    }
    // Every tensor is made first (an allocation may move the wasm heap); storage views are taken after.
    const kernels = ncfKernels();
    const out = this.outputs(n);
    const scratch = kernels && parts.gmf ? emptyTensor([3 * n]) : null; // n float64 GMF terms, then n float32 output gradients
    const rowsBlock = kernels && this.tower ? emptyTensor([n * this.tower.input.stride]) : null; // the tower's input rows, then their gradients
    const labels = tensorStorage(batch.targets) as Float32Array;
    const h = tensorStorage(parts.output.kernel) as Float32Array;
    const c = (tensorStorage(parts.output.bias) as Float32Array)[0];
    // Each row's GMF term hᵀ(p ⊙ q).
    let gmfTerm: Float64Array | null = null;
    if (parts.gmf && kernels && scratch) {
      const at = heapOffset(scratch);
      kernels.gmf_terms(heapOffset(parts.gmf.users), heapOffset(parts.gmf.items), heapOffset(parts.output.kernel), heapOffset(batch.users), heapOffset(batch.items), n, gmfDim, at);
      gmfTerm = new Float64Array(tensorStorage(scratch).buffer, at, n);
    } else if (parts.gmf) {
      gmfTerm = gmfTermsJs(tensorStorage(parts.gmf.users) as Float32Array, tensorStorage(parts.gmf.items) as Float32Array, h, indices, gmfDim);
    }
    let lossSum = 0;
    let biasGrad = 0;
    const g = scratch ? (tensorStorage(scratch) as Float32Array).subarray(2 * n, 3 * n) : new Float32Array(n);
    const tower = parts.mlp ? this.tower : null;
    if (tower && parts.mlp) {
      const layers = parts.mlp.tower;
      if (kernels && rowsBlock) {
        const { data, offset, stride } = tower.input;
        kernels.gather_pairs(heapOffset(parts.mlp.embeddings.users), heapOffset(parts.mlp.embeddings.items), heapOffset(batch.users), heapOffset(batch.items), n, mlpDim, heapOffset(rowsBlock), stride);
        data.set((tensorStorage(rowsBlock) as Float32Array).subarray(0, n * stride), offset);
      } else {
        gatherPairRows(tensorStorage(parts.mlp.embeddings.users) as Float32Array, tensorStorage(parts.mlp.embeddings.items) as Float32Array, indices, mlpDim, tower.input);
      }
      setTowerRows(tower.base, tower.targets, gmfTerm, labels, n);
      const kernelsOfTower = [...layers.map((l) => tensorStorage(l.kernel)), h.subarray(gmfDim)];
      tower.setWeights(kernelsOfTower, [...layers.map((l) => tensorStorage(l.bias)), [c]]);
      lossSum = tower.run(n, scale, "logistic");
      g.set(tower.outputGradient.subarray(0, n));
    } else {
      const sums = gmfLogLoss(gmfTerm!, c, labels, scale, g);
      lossSum = sums.loss;
      biasGrad = sums.biasGrad;
    }
    this.gradients(kernels, scratch, rowsBlock, tower, g, out, batch, indices, biasGrad);
    tf.dispose([scratch, rowsBlock].filter((t): t is tf.Tensor => t !== null));
    return { loss: tf.scalar(lossSum * scale), grads: out.rows, dense: out.dense };
  }

  /** The gradient tensors of a batch of `n` rows, allocated (not filled): rows in `ncfRowTables` order, then dense. */
  private outputs(n: number): { rows: tf.Tensor[]; dense: Map<tf.Variable, tf.Tensor> } {
    const { parts, gmfDim, mlpDim } = this;
    const rows = [...(parts.gmf ? [gmfDim, gmfDim] : []), ...(parts.mlp ? [mlpDim, mlpDim] : [])].map((d) => emptyTensor([n, d]));
    const dense = new Map<tf.Variable, tf.Tensor>();
    for (const l of parts.mlp?.tower ?? []) {
      dense.set(l.kernel, emptyTensor(l.kernel.shape));
      dense.set(l.bias, emptyTensor(l.bias.shape));
    }
    dense.set(parts.output.kernel, emptyTensor(parts.output.kernel.shape));
    dense.set(parts.output.bias, emptyTensor(parts.output.bias.shape));
    return { rows, dense };
  }

  /** Writes the gradients into `out` from the output gradient `g` (and the tower's, when there is one). */
  private gradients(
    kernels: NcfKernels | null,
    scratch: tf.Tensor | null,
    rowsBlock: tf.Tensor | null,
    tower: FusedTower | null,
    g: Float32Array,
    out: { rows: tf.Tensor[]; dense: Map<tf.Variable, tf.Tensor> },
    batch: TfBatch,
    indices: BatchIndices,
    gmfBiasGrad: number,
  ): void {
    const { parts, gmfDim, mlpDim } = this;
    const n = indices.users.length;
    const kernelGrad = out.dense.get(parts.output.kernel)!;
    if (parts.gmf) {
      const [dP, dQ] = out.rows;
      if (kernels && scratch) {
        kernels.gmf_grads(heapOffset(parts.gmf.users), heapOffset(parts.gmf.items), heapOffset(parts.output.kernel), heapOffset(batch.users), heapOffset(batch.items),
          heapOffset(scratch) + 8 * n, n, gmfDim, heapOffset(dP), heapOffset(dQ), heapOffset(kernelGrad));
      } else {
        const h = tensorStorage(parts.output.kernel) as Float32Array;
        gmfGradsJs(tensorStorage(parts.gmf.users) as Float32Array, tensorStorage(parts.gmf.items) as Float32Array, h, indices, g, gmfDim,
          tensorStorage(dP) as Float32Array, tensorStorage(dQ) as Float32Array, tensorStorage(kernelGrad) as Float32Array);
      }
    }
    const biasGrad = tensorStorage(out.dense.get(parts.output.bias)!) as Float32Array;
    if (tower && parts.mlp) {
      const next = parts.gmf ? 2 : 0;
      if (kernels && rowsBlock) {
        const { data, offset, stride } = tower.inputGradient;
        (tensorStorage(rowsBlock) as Float32Array).set(data.subarray(offset, offset + n * stride));
        kernels.split_pairs(heapOffset(rowsBlock), n, mlpDim, stride, heapOffset(out.rows[next]), heapOffset(out.rows[next + 1]));
      } else {
        scatterPairGradients(tower.inputGradient, n, mlpDim, tensorStorage(out.rows[next]) as Float32Array, tensorStorage(out.rows[next + 1]) as Float32Array);
      }
      const L = parts.mlp.tower.length;
      parts.mlp.tower.forEach((l, k) => {
        (tensorStorage(out.dense.get(l.kernel)!) as Float32Array).set(tower.kernelGradient(k));
        (tensorStorage(out.dense.get(l.bias)!) as Float32Array).set(tower.biasGradient(k));
      });
      const kg = tensorStorage(kernelGrad) as Float32Array;
      if (!parts.gmf) kg.fill(0, 0, gmfDim);
      kg.set(tower.kernelGradient(L), gmfDim);
      biasGrad[0] = tower.biasGradient(L)[0];
    } else {
      biasGrad[0] = gmfBiasGrad;
    }
  }
}

/** Writes the MLP rows [U[users[k]], I[items[k]]] of each batch row k into the tower's input `block`. */
function gatherPairRows(U: Float32Array, I: Float32Array, indices: BatchIndices, dim: number, block: RowBlock): void {
  const { data, offset, stride } = block;
  const n = indices.users.length;
  for (let k = 0; k < n; k++) {
    const at = offset + k * stride;
    const u = indices.users[k] * dim;
    const i = indices.items[k] * dim;
    for (let j = 0; j < dim; j++) data[at + j] = U[u + j];
    for (let j = 0; j < dim; j++) data[at + dim + j] = I[i + j];
  }
}

/** Splits the tower's input gradient `block` (rows [dU, dI]) into dU and dI ([n, dim] each). */
function scatterPairGradients(block: RowBlock, n: number, dim: number, dU: Float32Array, dI: Float32Array): void {
  const { data, offset, stride } = block;
  for (let k = 0; k < n; k++) {
    const at = offset + k * stride;
    const to = k * dim;
    for (let j = 0; j < dim; j++) dU[to + j] = data[at + j];
    for (let j = 0; j < dim; j++) dI[to + j] = data[at + dim + j];
  }
}

/** The tower's per-row output offsets (the GMF terms, or 0 without GMF) and targets (the labels). */
function setTowerRows(base: Float32Array, targets: Float32Array, terms: Float64Array | null, labels: Float32Array, n: number): void {
  for (let k = 0; k < n; k++) {
    base[k] = terms ? terms[k] : 0;
    targets[k] = labels[k];
  }
}

/**
 * GMF's log loss Σ softplus(z) - y z of the logits z = terms[k] + c against `labels` (unscaled), its output gradient
 * g[k] = (σ(z) - y) scale and the output bias's gradient Σ g[k]; softplus and σ as FusedTower's logistic loss
 * computes them (the one exp(-z) shared when z > 0: the same values).
 */
function gmfLogLoss(terms: Float64Array, c: number, labels: Float32Array, scale: number, g: Float32Array): { loss: number; biasGrad: number } {
  let loss = 0;
  let biasGrad = 0;
  for (let k = 0; k < terms.length; k++) {
    const z = terms[k] + c;
    const y = labels[k];
    let e: number;
    if (z > 0) {
      const x = Math.exp(-z);
      loss += z + Math.log1p(x) - y * z;
      e = 1 / (1 + x) - y;
    } else {
      loss += Math.log1p(Math.exp(z)) - y * z;
      e = 1 / (1 + Math.exp(-z)) - y;
    }
    g[k] = e * scale;
    biasGrad += g[k];
  }
  return { loss, biasGrad };
}

/** A float32 tensor of `shape` whose values are not initialised (on wasm; zeros elsewhere): the caller fills it. */
function emptyTensor(shape: readonly number[]): tf.Tensor {
  if (tf.getBackend() !== "wasm") return tf.zeros(shape as number[]);
  const info = (tf.backend() as BackendWasm).makeOutput(shape as number[], "float32");
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor;
}

/** Each row's GMF term Σ_j (h[j] P[u, j]) Q[i, j] in float64 (`gmf_terms` of ncf-kernels.wat in JavaScript). */
export function gmfTermsJs(P: Float32Array, Q: Float32Array, h: Float32Array, indices: BatchIndices, dim: number): Float64Array {
  const n = indices.users.length;
  const terms = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = indices.users[k] * dim;
    const i = indices.items[k] * dim;
    let z = 0;
    for (let j = 0; j < dim; j++) z += h[j] * P[u + j] * Q[i + j];
    terms[k] = z;
  }
  return terms;
}

/** GMF's row and fusion-weight gradients from the output gradient `g` (`gmf_grads` of ncf-kernels.wat in JavaScript). */
export function gmfGradsJs(P: Float32Array, Q: Float32Array, h: Float32Array, indices: BatchIndices, g: Float32Array, dim: number,
  dP: Float32Array, dQ: Float32Array, kernelGrad: Float32Array): void {
  const n = indices.users.length;
  kernelGrad.fill(0, 0, dim);
  for (let k = 0; k < n; k++) {
    const u = indices.users[k] * dim;
    const i = indices.items[k] * dim;
    for (let j = 0; j < dim; j++) {
      dP[k * dim + j] = g[k] * h[j] * Q[i + j];
      dQ[k * dim + j] = g[k] * h[j] * P[u + j];
      kernelGrad[j] += g[k] * P[u + j] * Q[i + j];
    }
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
