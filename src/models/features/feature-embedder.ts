/**
 * The TF.js side of side-feature encoding: holds an `EncodedFeatures` as constant per-entity tensors plus the
 * learned embedding tables of its categorical and multi-hot (bag) columns, and turns a batch of entity indices
 * into one feature vector per entity. Used for users and for items by the MLP and the hybrid model.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../random/rng";
import { randomNormalTensor, variableFrom } from "../random-init";
import { encodedWidth, type EncodedFeatures } from "./feature-encoding";

/** One batch of encoded features. */
export interface EmbeddedFeatures {
  /** Feature vectors, shape [b, width]: categorical embeddings, bag embeddings, dense block, in that order. */
  vectors: tf.Tensor2D;
  /** Sum over the batch of the squared entries of the learned parts (embeddings and bag means); scalar. */
  squaredNorm: tf.Scalar;
}

/** Learned embeddings over an encoded feature table. Dispose it to free its tensors. */
export class FeatureEmbedder {
  /** Width of one entity's feature vector. */
  readonly width: number;
  private readonly tables: tf.Variable[] = [];
  private readonly categoricalIndex: tf.Tensor1D[] = [];
  private readonly bagWeights: tf.Tensor2D[] = [];
  private readonly dense: tf.Tensor2D | null;

  /**
   * Builds the tables for `encoding`: one [slots, embeddingDim] table per categorical column and one
   * [labels, embeddingDim] table per bag column, drawn from N(0, initStd²) with `rng` in column order.
   */
  constructor(readonly encoding: EncodedFeatures, readonly embeddingDim: number, initStd: number, rng: Rng) {
    if (!(Number.isInteger(embeddingDim) && embeddingDim >= 1)) throw new RangeError(`embeddingDim must be an integer >= 1, got ${embeddingDim}`);
    this.width = encodedWidth(encoding, embeddingDim);
    for (const c of encoding.categorical) {
      this.tables.push(variableFrom(randomNormalTensor([c.slots, embeddingDim], initStd, rng)));
      this.categoricalIndex.push(tf.tensor1d(c.index, "int32"));
    }
    for (const b of encoding.bags) {
      this.tables.push(variableFrom(randomNormalTensor([Math.max(1, b.labels), embeddingDim], initStd, rng)));
      this.bagWeights.push(tf.tensor2d(b.labels > 0 ? b.weights : new Float32Array(encoding.rows), [encoding.rows, Math.max(1, b.labels)]));
    }
    this.dense = encoding.denseWidth > 0 ? tf.tensor2d(encoding.dense, [encoding.rows, encoding.denseWidth]) : null;
  }

  /** The learned embedding tables (categorical columns first, then bags). */
  variables(): tf.Variable[] {
    return this.tables.slice();
  }

  /** Feature vectors of the entities `index` (int32, shape [b]); call inside tf.tidy. Null when width is 0. */
  embed(index: tf.Tensor1D): EmbeddedFeatures | null {
    if (this.width === 0) return null;
    const parts: tf.Tensor2D[] = [];
    const learned: tf.Tensor2D[] = [];
    this.categoricalIndex.forEach((codes, k) => learned.push(tf.gather(this.tables[k], tf.gather(codes, index)) as tf.Tensor2D));
    const nCat = this.categoricalIndex.length;
    this.bagWeights.forEach((weights, k) => learned.push(tf.matMul(tf.gather(weights, index) as tf.Tensor2D, this.tables[nCat + k] as tf.Tensor2D)));
    parts.push(...learned);
    if (this.dense) parts.push(tf.gather(this.dense, index) as tf.Tensor2D);
    const vectors = parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
    let squaredNorm: tf.Scalar = tf.scalar(0);
    for (const t of learned) squaredNorm = tf.add(squaredNorm, tf.sum(tf.square(t)));
    return { vectors, squaredNorm };
  }

  /** Copies the learned tables of `other` (same encoding layout and embedding size) into this one. */
  copyFrom(other: FeatureEmbedder, owner: string): void {
    if (other.tables.length !== this.tables.length || other.embeddingDim !== this.embeddingDim || other.width !== this.width) {
      throw new RangeError(`${owner}: the pretrained feature embeddings have a different layout (width ${other.width} vs ${this.width})`);
    }
    this.tables.forEach((t, k) => {
      if (!tf.util.arraysEqual(t.shape, other.tables[k].shape)) throw new RangeError(`${owner}: feature table ${k} has shape [${other.tables[k].shape}], expected [${t.shape}]`);
      t.assign(other.tables[k]);
    });
  }

  /** Frees the tables and the per-entity constants. */
  dispose(): void {
    for (const t of [...this.tables, ...this.categoricalIndex, ...this.bagWeights]) t.dispose();
    this.dense?.dispose();
  }
}
