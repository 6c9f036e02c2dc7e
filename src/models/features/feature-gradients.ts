/**
 * The side-feature part of a fused MLP step, on typed arrays (no TF.js op): the feature vectors of a batch, as
 * `FeatureEmbedder.embed` computes them (categorical embeddings, embedding-bag means, the dense block), written for
 * the fused tower's input, and, once the tower has given the gradient with respect to its input (dX), the
 * gradients of the embedders' tables: the columns of dX that hold each learned vector, plus the L2 penalty's
 * gradient, scattered to the table rows the vector came from (a bag's rows weighted by their 1/count weights).
 */
import type * as tf from "@tensorflow/tfjs-core";
import { tensorStorage } from "../../backend/tensor-storage";
import type { FeatureEmbedder } from "./feature-embedder";

/** The feature vectors of one batch, per embedder (null where an embedder is absent or has width 0). */
export interface FeatureValues {
  /** Row-major [b, width] per embedder. */
  values: (Float32Array | null)[];
  /** Σ over the batch and embedders of the squared learned entries (before the features' reg weight). */
  squaredNorm: number;
}

/** An embedder with the entity index of each batch row. */
export type EmbedderLookup = readonly [FeatureEmbedder | null, Int32Array];

/** Width of the learned part (categorical and bag embeddings) of `e`'s vectors. */
function learnedWidth(e: FeatureEmbedder): number {
  return (e.encoding.categorical.length + e.encoding.bags.length) * e.embeddingDim;
}

/** The table storages of `e`, categorical columns first, then bags (valid until the next tensor is created). */
function tableViews(e: FeatureEmbedder): Float32Array[] {
  return e.variables().map((t) => tensorStorage(t) as Float32Array);
}

/**
 * The feature vectors of `lookups` (the same values as `FeatureEmbedder.embed`) and their squared learned norm.
 * `allocate(which, length)` gives the array for lookup `which` (default a new one); every element is written, so a
 * reused array needs no clearing (the fused step passes arrays kept from batch to batch: a fresh [1,024, 24]
 * array every batch cost more than filling it).
 * The loops are functions of their own (embedderValues, embedderTableGradients): V8 optimises each with its own
 * type feedback instead of deoptimising one closure per batch.
 */
export function featureValues(lookups: readonly EmbedderLookup[], allocate: (which: number, length: number) => Float32Array = (_, length) => new Float32Array(length)): FeatureValues {
  let squaredNorm = 0;
  const values: (Float32Array | null)[] = [];
  for (let which = 0; which < lookups.length; which++) {
    const [e, index] = lookups[which];
    if (!e || e.width === 0) {
      values.push(null);
      continue;
    }
    const out = allocate(which, index.length * e.width);
    squaredNorm = embedderValues(e, index, out, squaredNorm);
    values.push(out);
  }
  return { values, squaredNorm };
}

/** Writes `e`'s vectors of the entities `index` into `out` ([b, e.width]); returns `squaredNorm` plus their learned entries' squares, row by row. */
function embedderValues(e: FeatureEmbedder, index: Int32Array, out: Float32Array, squaredNorm: number): number {
  const { categorical, bags, dense, denseWidth } = e.encoding;
  const dim = e.embeddingDim;
  const tables = tableViews(e);
  const learned = learnedWidth(e);
  const nCat = categorical.length;
  for (let k = 0; k < index.length; k++) {
    const r = index[k];
    const row = k * e.width;
    for (let col = 0; col < nCat; col++) copyRow(tables[col], categorical[col].index[r] * dim, out, row + col * dim, dim);
    for (let m = 0; m < bags.length; m++) addBag(tables[nCat + m], bags[m].weights, r * bags[m].labels, bags[m].labels, out, row + (nCat + m) * dim, dim);
    for (let j = 0; j < learned; j++) squaredNorm += out[row + j] * out[row + j];
    for (let j = 0; j < denseWidth; j++) out[row + learned + j] = dense[r * denseWidth + j];
  }
  return squaredNorm;
}

function copyRow(table: Float32Array, from: number, out: Float32Array, at: number, dim: number): void {
  for (let j = 0; j < dim; j++) out[at + j] = table[from + j];
}

/** out[at..at + dim) = Σ_l w_l table[l] over the labels with a nonzero weight (a bag's weighted mean), in label order from 0. */
function addBag(table: Float32Array, weights: Float32Array, w0: number, labels: number, out: Float32Array, at: number, dim: number): void {
  out.fill(0, at, at + dim);
  for (let l = 0; l < labels; l++) {
    const w = weights[w0 + l];
    if (w !== 0) for (let j = 0; j < dim; j++) out[at + j] += w * table[l * dim + j];
  }
}

/**
 * The gradients of Σ_e <vectors_e, outGrads[e]> + regScale/2 Σ_e squaredNorm_e with respect to every table of the
 * embedders, given the batch's `values` (from `featureValues`) and `outGrads[e]` (row-major [b, width_e], the
 * loss's gradient with respect to embedder e's vectors). Arrays shaped like the tables (row-major).
 */
export function featureTableGradients(lookups: readonly EmbedderLookup[], values: (Float32Array | null)[], outGrads: (Float32Array | null)[], regScale: number): Map<tf.Variable, Float32Array> {
  const out = new Map<tf.Variable, Float32Array>();
  lookups.forEach(([e, index], which) => {
    if (!e) return;
    const variables = e.variables();
    const grads = variables.map((t) => new Float32Array(t.size));
    variables.forEach((t, k) => out.set(t, grads[k]));
    const v = values[which];
    const g = outGrads[which];
    if (v && g) embedderTableGradients(e, index, v, g, regScale, grads);
  });
  return out;
}

/** Adds embedder `e`'s table gradients for the batch rows `index` into `grads` (categorical tables, then bags). */
function embedderTableGradients(e: FeatureEmbedder, index: Int32Array, v: Float32Array, g: Float32Array, regScale: number, grads: Float32Array[]): void {
  const { categorical, bags } = e.encoding;
  const dim = e.embeddingDim;
  const nCat = categorical.length;
  for (let k = 0; k < index.length; k++) {
    const r = index[k];
    const row = k * e.width;
    for (let col = 0; col < nCat; col++) addRowGradient(grads[col], categorical[col].index[r] * dim, g, v, row + col * dim, dim, regScale);
    for (let m = 0; m < bags.length; m++) addBagGradient(grads[nCat + m], bags[m].weights, r * bags[m].labels, bags[m].labels, g, v, row + (nCat + m) * dim, dim, regScale);
  }
}

function addRowGradient(grad: Float32Array, t: number, g: Float32Array, v: Float32Array, at: number, dim: number, regScale: number): void {
  for (let j = 0; j < dim; j++) grad[t + j] += g[at + j] + regScale * v[at + j];
}

function addBagGradient(grad: Float32Array, weights: Float32Array, w0: number, labels: number, g: Float32Array, v: Float32Array, at: number, dim: number, regScale: number): void {
  for (let l = 0; l < labels; l++) {
    const w = weights[w0 + l];
    if (w !== 0) for (let j = 0; j < dim; j++) grad[l * dim + j] += w * (g[at + j] + regScale * v[at + j]);
  }
}
