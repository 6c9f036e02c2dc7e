/**
 * Generalized matrix factorization (GMF) on TensorFlow.js: ŷ(u,i) = σ(hᵀ(p_u ⊙ q_i) + b), trained with the log
 * loss on sampled negatives (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017,
 * section 3.2, eq. 9; the output bias b is in the authors' Keras code). With h = 1 and b = 0 it is plain MF.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../backend/tf";
import type { Ratings } from "../../data/ratings";
import type { TrainingHistory } from "../../train/training-history";
import type { ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { applyDense, createDenseLayer, denseVariables, disposeDense, type DenseLayer } from "./dense-layer";
import { createEmbeddingPair, disposeEmbeddingPair, lookupPair, type EmbeddingPair } from "./embedding-pair";
import {
  checkImplicitTrainingConfig,
  defaultNcfTrainingConfig,
  trainImplicitTfModel,
  type ImplicitTfTrainable,
  type ImplicitTrainingConfig,
} from "./implicit-tf-trainer";
import { scorePairs } from "./pair-scores";

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
export class GmfModel implements ImplicitModel, ImplicitTfTrainable {
  readonly name = "GMF";
  private embeddings: EmbeddingPair | null = null;
  private output: DenseLayer | null = null;

  constructor(readonly config: GmfConfig) {
    if (!(Number.isInteger(config.dim) && config.dim >= 1)) throw new RangeError(`GmfConfig.dim must be an integer >= 1, got ${config.dim}`);
    if (!(config.initStd >= 0)) throw new RangeError(`GmfConfig.initStd must be >= 0, got ${config.initStd}`);
    checkImplicitTrainingConfig(config.training, "GmfConfig.training");
  }

  /** Draws user embeddings, item embeddings, then h (LeCun uniform) from `options.rng`, and trains. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    ensureTfSetup();
    this.dispose();
    this.embeddings = createEmbeddingPair(train, this.config.dim, this.config.initStd, options.rng);
    this.output = createDenseLayer(this.config.dim, 1, options.rng, "lecun-uniform");
    return trainImplicitTfModel(this, train, options, this.config.training);
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

  /** Logits of the pairs (users[k], items[k]); shape [n]. */
  logits(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "logit");
  }

  /** Predicted interaction probabilities σ(logit) of the pairs; shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "probability");
  }

  /** The trained parameters (the model's own variables). Throws before fit. */
  weights(): GmfWeights {
    if (!this.embeddings || !this.output) throw new Error(`${this.name}: used before fit`);
    return { embeddings: this.embeddings, output: this.output };
  }

  /** Releases the variables; the model must be fitted again before use. */
  dispose(): void {
    disposeEmbeddingPair(this.embeddings);
    if (this.output) disposeDense([this.output]);
    this.embeddings = null;
    this.output = null;
  }

  private space(): { numUsers: number; numItems: number } {
    const e = this.weights().embeddings;
    return { numUsers: e.users.shape[0], numItems: e.items.shape[0] };
  }
}

/** Creates a GMF model; unspecified fields (also inside `training`) take `defaultGmfConfig`. */
export function createGmf(config: Partial<Omit<GmfConfig, "training">> & { training?: Partial<ImplicitTrainingConfig> } = {}): GmfModel {
  return new GmfModel({ ...defaultGmfConfig, ...config, training: { ...defaultGmfConfig.training, ...config.training } });
}
