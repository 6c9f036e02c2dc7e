/**
 * Generalized matrix factorization (GMF) on TensorFlow.js: ŷ(u,i) = σ(hᵀ(p_u ⊙ q_i) + b), trained with the log
 * loss on sampled negatives (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017,
 * section 3.2, eq. 9; the output bias b is in the authors' Keras code). With h = 1 and b = 0 it is plain MF.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { applyDense, createDenseLayer, denseVariables, disposeDense, type DenseLayer } from "./dense-layer";
import { createEmbeddingPair, disposeEmbeddingPair, lookupPair, type EmbeddingPair } from "./embedding-pair";
import { defaultNcfTrainingConfig, type ImplicitTrainingConfig } from "./implicit-tf-trainer";
import { checkEmbeddingDim, checkNcfCommonConfig, NcfTfModel, withNcfDefaults, type NcfConfigOverrides } from "./ncf-tf-model";
import type { NcfFusedParts } from "./ncf-fused-gradients";

/** GMF hyperparameters. */
export interface GmfConfig {
  /** Embedding size of users and items, the "predictive factors" (8 to 64 in the paper). */
  dim: number;
  /** Standard deviation of the normal initialisation of the embeddings (0.01 in NCF). */
  initStd: number;
  /** Training-loop settings (Adam 0.001, 4 negatives per positive). */
  training: ImplicitTrainingConfig;
}

/** Defaults: 8 predictive factors, NCF's initialisation and training settings. */
export const defaultGmfConfig: GmfConfig = { dim: 8, initStd: 0.01, training: defaultNcfTrainingConfig };

/** The parameters of a trained GMF, as NeuMF's pretraining copies them (live variables: do not dispose). */
export interface GmfWeights {
  /** User and item embeddings [numUsers, dim], [numItems, dim]. */
  readonly embeddings: EmbeddingPair;
  /** Output layer: h as kernel [dim, 1], b as bias [1]. */
  readonly output: DenseLayer;
}

/**
 * GMF. Users or items without training interactions keep zero embeddings, so every pair involving one gets
 * logit b (the same score whoever they are). `score` returns σ(logit); `logits` the pre-sigmoid values.
 */
export class GmfModel extends NcfTfModel {
  readonly name = "GMF";
  private embeddings: EmbeddingPair | null = null;
  private output: DenseLayer | null = null;

  constructor(readonly config: GmfConfig) {
    super();
    checkEmbeddingDim(config.dim, "GmfConfig");
    checkNcfCommonConfig(config, "GmfConfig");
  }

  /** Embedding tables, h and b. */
  trainableVariables(): tf.Variable[] {
    const w = this.weights();
    return [w.embeddings.users, w.embeddings.items, ...denseVariables([w.output])];
  }

  /** hᵀ(p_u ⊙ q_i) + b per pair; shape [b]. */
  batchLogits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
    const w = this.weights();
    const [p, q] = lookupPair(w.embeddings, users, items);
    return tf.reshape(applyDense(w.output, tf.mul(p, q) as tf.Tensor2D, "linear"), [-1]);
  }

  /** The trained parameters (the model's own variables). Throws before fit. */
  weights(): GmfWeights {
    if (!this.embeddings || !this.output) throw new Error(`${this.name}: used before fit`);
    return { embeddings: this.embeddings, output: this.output };
  }

  /** GMF's weights for the fused step: the GMF branch only. */
  fusedParts(): NcfFusedParts {
    const w = this.weights();
    return { gmf: w.embeddings, mlp: null, output: w.output };
  }

  /** Releases the variables; the model must be fitted again before use. */
  dispose(): void {
    disposeEmbeddingPair(this.embeddings);
    if (this.output) disposeDense([this.output]);
    this.embeddings = null;
    this.output = null;
  }

  /** Draws user embeddings, item embeddings, then h (LeCun uniform) from `rng`. */
  protected initWeights(train: Ratings, rng: Rng): void {
    this.dispose();
    this.embeddings = createEmbeddingPair(train, this.config.dim, this.config.initStd, rng);
    this.output = createDenseLayer(this.config.dim, 1, rng, "lecun-uniform");
  }

  protected indexEmbeddings(): EmbeddingPair {
    return this.weights().embeddings;
  }
}

/** Creates a GMF model; unspecified fields (also inside `training`) take `defaultGmfConfig`. */
export function createGmf(config: NcfConfigOverrides<GmfConfig> = {}): GmfModel {
  return new GmfModel(withNcfDefaults(defaultGmfConfig, config));
}
