/**
 * The side features of a fused MLP step on TF.js's wasm heap (feature-kernels.wat): each batch row's feature
 * vectors (categorical embeddings and embedding-bag means, Gindele 2018's metadata) written into the heap block of
 * tower input rows that HeapIdRows fills, and the feature tables' gradients from a heap copy of the tower's input
 * gradient. The same loops and float64 arithmetic as feature-gradients.ts, so the same bits, without a JavaScript
 * loop per row (about 2-3 ns per element here: 0.3 ms for the vectors and 0.3 ms for the gradients of a batch of
 * 1,024 ml-1m rows). Embedders with a dense (numeric) block are left to feature-gradients.ts (`supports`).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { RowBlock } from "../../backend/fused-tower";
import { tensorStorage } from "../../backend/tensor-storage";
import { featureKernels } from "../../backend/wasm/feature-kernels";
import { heapOffset } from "../../backend/wasm/row-kernels";
import type { FeatureEmbedder } from "./feature-embedder";

/** Where the batch's rows are on the heap: the input block (rows `stride` floats apart) and the entity indices. */
export interface HeapBatchRows {
  /** Byte offsets of the block of input rows and of the batch's user and item indices (int32). */
  block: number;
  entities: readonly [number, number];
  stride: number;
  /** Rows of the batch. */
  n: number;
}

/** An embedder's encoding uploaded to the heap: one slot index per entity for each categorical column, bag weights. */
interface HeapEncoding {
  slots: tf.Tensor[];
  weights: tf.Tensor[];
}

/** Heap copies of the encodings and scratch for the gradients, kept for one training run (`dispose` frees them). */
export class HeapFeatures {
  private readonly encodings = new Map<FeatureEmbedder, HeapEncoding>();
  private readonly grads = new Map<tf.Variable, tf.Tensor>();
  private dx: tf.Tensor | null = null;

  /** Whether these embedders have features for the heap path: the wasm backend, some learned columns, no dense block. */
  static supports(embedders: readonly (FeatureEmbedder | null)[]): boolean {
    return featureKernels() !== null && embedders.some((e) => e !== null && e.width > 0) && embedders.every((e) => !e || e.encoding.denseWidth === 0);
  }

  /**
   * Uploads the encodings (once) and makes room for `n` rows of `stride` floats; creates tensors: call before taking
   * views. `entities[e]` is the number of rows of the ID table embedder e's batch indices point into (users, items):
   * the kernels read an encoding at those indices unchecked, so its rows must cover them.
   */
  reserve(embedders: readonly (FeatureEmbedder | null)[], entities: readonly number[], n: number, stride: number): void {
    embedders.forEach((e, which) => {
      if (e && e.encoding.rows < entities[which]) throw new RangeError(`HeapFeatures.reserve: embedder ${which} encodes ${e.encoding.rows} entities, the ID table has ${entities[which]}`);
    });
    for (const e of embedders) {
      if (!e || this.encodings.has(e)) continue;
      const { categorical, bags } = e.encoding;
      this.encodings.set(e, {
        slots: categorical.map((c) => tf.keep(tf.tensor1d(c.index, "int32"))),
        weights: bags.map((b) => tf.keep(tf.tensor1d(b.labels > 0 ? b.weights : new Float32Array(1)))),
      });
      for (const v of e.variables()) this.grads.set(v, tf.keep(tf.zeros(v.shape)));
    }
    if (!this.dx || this.dx.size < n * stride) {
      this.dx?.dispose();
      this.dx = tf.keep(tf.zeros([n * stride]));
    }
  }

  /**
   * Writes each embedder's vectors into the block's columns from `column` on (embedder after embedder) and
   * returns Σ over embedders, rows and learned entries of their squares (float64, in feature-gradients.ts's order).
   */
  write(embedders: readonly (FeatureEmbedder | null)[], rows: HeapBatchRows, column: number): number {
    const k = featureKernels()!;
    let squared = 0;
    embedders.forEach((e, which) => {
      if (!e || e.width === 0) return;
      const { categorical, bags } = e.encoding;
      const enc = this.encoding(e);
      const tables = e.variables();
      const dim = e.embeddingDim;
      const entities = rows.entities[which];
      categorical.forEach((_, c) => k.categorical_rows(heapOffset(tables[c]), dim, heapOffset(enc.slots[c]), entities, rows.n, rows.block, rows.stride, column + c * dim));
      bags.forEach((b, m) => {
        const at = column + (categorical.length + m) * dim;
        k.bag_rows(heapOffset(tables[categorical.length + m]), dim, heapOffset(enc.weights[m]), b.labels, entities, rows.n, rows.block, rows.stride, at);
      });
      squared = k.row_squares(rows.block, rows.n, rows.stride, column, (categorical.length + bags.length) * dim, squared);
      column += e.width;
    });
    return squared;
  }

  /**
   * The feature tables' gradients: the input gradient's columns from `column` on (copied from the tower's `dX`)
   * plus regScale times the vectors, scattered to the rows they came from. New arrays shaped like the tables.
   */
  gradients(embedders: readonly (FeatureEmbedder | null)[], rows: HeapBatchRows, column: number, dX: RowBlock, regScale: number): Map<tf.Variable, Float32Array> {
    const k = featureKernels()!;
    if (!this.dx || dX.stride !== rows.stride) throw new Error("HeapFeatures.gradients: call reserve() first, with the tower's stride");
    (tensorStorage(this.dx) as Float32Array).set(dX.data.subarray(dX.offset, dX.offset + rows.n * rows.stride));
    const dx = heapOffset(this.dx);
    const out = new Map<tf.Variable, Float32Array>();
    embedders.forEach((e, which) => {
      if (!e) return;
      const tables = e.variables();
      for (const v of tables) (tensorStorage(this.grads.get(v)!) as Float32Array).fill(0);
      if (e.width > 0) {
        const { categorical, bags } = e.encoding;
        const enc = this.encoding(e);
        const dim = e.embeddingDim;
        const entities = rows.entities[which];
        categorical.forEach((_, c) => k.categorical_grads(heapOffset(this.grads.get(tables[c])!), dim, heapOffset(enc.slots[c]), entities, rows.n, dx, rows.block, rows.stride, column + c * dim, regScale));
        bags.forEach((b, m) => {
          const at = column + (categorical.length + m) * dim;
          k.bag_grads(heapOffset(this.grads.get(tables[categorical.length + m])!), dim, heapOffset(enc.weights[m]), b.labels, entities, rows.n, dx, rows.block, rows.stride, at, regScale);
        });
        column += e.width;
      }
      // copies: a view of the heap would be detached by the next tensor the step makes
      for (const v of tables) out.set(v, (tensorStorage(this.grads.get(v)!) as Float32Array).slice());
    });
    return out;
  }

  /** Frees the heap copies and scratch. */
  dispose(): void {
    for (const enc of this.encodings.values()) tf.dispose([...enc.slots, ...enc.weights]);
    this.encodings.clear();
    tf.dispose([...this.grads.values()]);
    this.grads.clear();
    this.dx?.dispose();
    this.dx = null;
  }

  private encoding(e: FeatureEmbedder): HeapEncoding {
    const enc = this.encodings.get(e);
    if (!enc) throw new Error("HeapFeatures: call reserve() with this embedder first");
    return enc;
  }
}
