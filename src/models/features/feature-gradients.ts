/**
 * The side-feature part of a fused MLP step: the feature vectors of a batch (read out of TF.js into typed arrays,
 * to be copied into the fused tower's input) and, once the tower has given the gradient with respect to its input
 * (dX), the gradients of the feature embedding tables. Those go through TF.js's autodiff: the vector-Jacobian
 * product of the embedding lookup with the columns of dX that hold the features, plus the L2 penalty's gradient,
 * so every feature kind (categorical, bag, dense block) is covered by the same code as the TF.js graph's.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { FeatureEmbedder } from "./feature-embedder";

/** The feature vectors of one batch, per embedder (null where an embedder is absent or has width 0). */
export interface FeatureValues {
  /** Row-major [b, width] per embedder. */
  values: (Float32Array | null)[];
  /** Σ over the batch and embedders of the squared learned entries (before the features' reg weight). */
  squaredNorm: number;
}

/** An embedder with the batch indices (int32 tensor [b]) it looks up. */
export type EmbedderLookup = readonly [FeatureEmbedder | null, tf.Tensor1D];

/** Reads the feature vectors of `lookups` out of TF.js (copies; call inside tf.tidy). */
export function featureValues(lookups: readonly EmbedderLookup[]): FeatureValues {
  let squaredNorm = 0;
  const values = lookups.map(([embedder, index]) => {
    const e = embedder ? embedder.embed(index) : null;
    if (!e) return null;
    squaredNorm += e.squaredNorm.dataSync()[0];
    return e.vectors.dataSync() as Float32Array;
  });
  return { values, squaredNorm };
}

/**
 * The gradients of Σ_e <vectors_e, outGrads[e]> + regScale/2 Σ_e squaredNorm_e with respect to every learned table
 * of the embedders (`outGrads[e]`: row-major [b, width_e], the loss's gradient with respect to embedder e's
 * vectors). A table the batch does not reach gets a zero gradient. Call inside tf.tidy; returns tensors shaped
 * like the tables.
 */
export function featureTableGradients(lookups: readonly EmbedderLookup[], outGrads: (Float32Array | null)[], regScale: number): Map<tf.Variable, tf.Tensor> {
  const tables: tf.Variable[] = [];
  lookups.forEach(([embedder]) => embedder && tables.push(...embedder.variables()));
  const out = new Map<tf.Variable, tf.Tensor>();
  if (tables.length === 0) return out;
  const weights = outGrads.map((g, e) => (g ? tf.tensor2d(g, [lookups[e][1].shape[0], g.length / lookups[e][1].shape[0]]) : null));
  const { grads } = tf.engine().gradients(
    () => {
      let total: tf.Scalar = tf.scalar(0);
      lookups.forEach(([embedder, index], e) => {
        const x = embedder ? embedder.embed(index) : null;
        if (!x || !weights[e]) return;
        total = tf.add(total, tf.add(tf.sum(tf.mul(x.vectors, weights[e]!)), tf.mul(0.5 * regScale, x.squaredNorm)));
      });
      return total;
    },
    tables,
    undefined,
    true,
  );
  tables.forEach((t, k) => out.set(t, grads[k] ?? tf.zerosLike(t)));
  return out;
}
