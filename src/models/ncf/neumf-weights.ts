/**
 * The parameters of a NeuMF model, and how NCF's pretraining builds them from a trained GMF and MLP (He et al.
 * 2017, section 3.4.1): both branches' embeddings and the MLP tower copied, the output layer
 * h = [α h^GMF, (1 - α) h^MLP] with bias α b^GMF + (1 - α) b^MLP, so that the initial NeuMF logit is exactly
 * α logit^GMF + (1 - α) logit^MLP.
 */
import * as tf from "@tensorflow/tfjs-core";
import { cloneDenseLayer, denseLayerFrom, disposeDense, type DenseLayer } from "./dense-layer";
import { cloneEmbeddingPair, disposeEmbeddingPair, type EmbeddingPair } from "./embedding-pair";
import type { GmfWeights } from "./gmf";
import type { NcfMlpWeights } from "./ncf-mlp";

/** NeuMF's variables. */
export interface NeuMfWeights {
  /** GMF-branch embeddings [numUsers, dim], [numItems, dim]. */
  readonly gmf: EmbeddingPair;
  /** MLP-branch embeddings [numUsers, layers[0] / 2], [numItems, layers[0] / 2]. */
  readonly mlp: EmbeddingPair;
  /** MLP-branch ReLU layers, input side first. */
  readonly tower: readonly DenseLayer[];
  /** Output layer over [GMF vector, MLP vector]: kernel [dim + last layer size, 1], bias [1]. */
  readonly output: DenseLayer;
}

/** New variables holding copies of every tensor of `w`. */
export function cloneNeuMfWeights(w: NeuMfWeights): NeuMfWeights {
  return { gmf: cloneEmbeddingPair(w.gmf), mlp: cloneEmbeddingPair(w.mlp), tower: w.tower.map(cloneDenseLayer), output: cloneDenseLayer(w.output) };
}

/** Disposes every variable of `w`. */
export function disposeNeuMfWeights(w: NeuMfWeights): void {
  disposeEmbeddingPair(w.gmf);
  disposeEmbeddingPair(w.mlp);
  disposeDense(w.tower);
  disposeDense([w.output]);
}

/**
 * NeuMF weights initialised from a trained GMF and MLP (copies; the inputs stay usable) with trade-off `alpha`
 * in [0, 1]. Both must come from the same index space.
 */
export function pretrainedNeuMfWeights(gmf: GmfWeights, mlp: NcfMlpWeights, alpha: number): NeuMfWeights {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  const g = gmf.embeddings;
  const m = mlp.embeddings;
  if (g.users.shape[0] !== m.users.shape[0] || g.items.shape[0] !== m.items.shape[0]) {
    throw new RangeError(
      `pretrainedNeuMfWeights: GMF covers ${g.users.shape[0]} users and ${g.items.shape[0]} items, the MLP ${m.users.shape[0]} and ${m.items.shape[0]}`,
    );
  }
  const kernel = tf.tidy(() => tf.concat([tf.mul(gmf.output.kernel, alpha), tf.mul(mlp.output.kernel, 1 - alpha)], 0));
  const bias = tf.tidy(() => tf.add(tf.mul(gmf.output.bias, alpha), tf.mul(mlp.output.bias, 1 - alpha)));
  return { gmf: cloneEmbeddingPair(g), mlp: cloneEmbeddingPair(m), tower: mlp.tower.map(cloneDenseLayer), output: denseLayerFrom(kernel, bias) };
}
