/**
 * The MLP of Neural Collaborative Filtering on TensorFlow.js: user and item embeddings concatenated, a tower of
 * ReLU layers, and ŷ(u,i) = σ(hᵀ z_L + b) (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative
 * Filtering", WWW 2017, section 3.3, eq. 10), trained with the log loss on sampled negatives.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { applyDense, applyTower, createDenseLayer, createTower, denseVariables, disposeDense, type DenseLayer } from "./dense-layer";
import { createEmbeddingPair, disposeEmbeddingPair, lookupPair, type EmbeddingPair } from "./embedding-pair";
import { defaultNcfTrainingConfig, type ImplicitTrainingConfig } from "./implicit-tf-trainer";
import { checkNcfCommonConfig, NcfTfModel, withNcfDefaults, type NcfConfigOverrides } from "./ncf-tf-model";
import type { NcfFusedParts } from "./ncf-fused-gradients";

/** NCF-MLP hyperparameters. */
export interface NcfMlpConfig {
  /**
   * Layer sizes of the tower, input first: [64, 32, 16, 8] concatenates two 32-dimensional embeddings and has
   * ReLU layers 64→32→16→8; the last size is the "predictive factors". layers[0] must be even.
   */
  layers: number[];
  /** Standard deviation of the normal initialisation of the embeddings (0.01 in NCF). */
  initStd: number;
  /** Training-loop settings (Adam 0.001, 4 negatives per positive). */
  training: ImplicitTrainingConfig;
}

/** Defaults: the paper's tower [64, 32, 16, 8] (8 predictive factors), NCF's initialisation and training settings. */
export const defaultNcfMlpConfig: NcfMlpConfig = { layers: [64, 32, 16, 8], initStd: 0.01, training: defaultNcfTrainingConfig };

/** Validates a tower specification, naming `owner`'s field. */
export function checkTowerLayers(layers: readonly number[], owner: string): void {
  if (!Array.isArray(layers) || layers.length < 1) throw new RangeError(`${owner} must list at least one size, got ${JSON.stringify(layers)}`);
  for (const size of layers) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`${owner} must hold integers >= 1, got ${JSON.stringify(layers)}`);
  }
  if (layers[0] % 2 !== 0) throw new RangeError(`${owner}[0] (user + item embedding size) must be even, got ${layers[0]}`);
}

/** The parameters of a trained MLP, as NeuMF's pretraining copies them (live variables: do not dispose). */
export interface NcfMlpWeights {
  /** User and item embeddings, layers[0] / 2 columns each. */
  readonly embeddings: EmbeddingPair;
  /** The ReLU layers, input side first. */
  readonly tower: readonly DenseLayer[];
  /** Output layer: h as kernel [last size, 1], b as bias [1]. */
  readonly output: DenseLayer;
}

/**
 * NCF's MLP. Users or items without training interactions keep zero embeddings (the tower still sees the other
 * side's embedding), so all unseen users score alike on an item. `score` returns σ(logit).
 */
export class NcfMlpModel extends NcfTfModel {
  readonly name = "MLP";
  private embeddings: EmbeddingPair | null = null;
  private tower: DenseLayer[] = [];
  private output: DenseLayer | null = null;

  constructor(readonly config: NcfMlpConfig) {
    super();
    checkTowerLayers(config.layers, "NcfMlpConfig.layers");
    checkNcfCommonConfig(config, "NcfMlpConfig");
  }

  /** Embedding tables, then kernel and bias of each tower layer and of the output layer. */
  trainableVariables(): tf.Variable[] {
    const w = this.weights();
    return [w.embeddings.users, w.embeddings.items, ...denseVariables(w.tower), ...denseVariables([w.output])];
  }

  /** hᵀ tower([p_u, q_i]) + b per pair; shape [b]. */
  batchLogits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
    const w = this.weights();
    const [p, q] = lookupPair(w.embeddings, users, items);
    return tf.reshape(applyDense(w.output, applyTower(w.tower, tf.concat([p, q], 1)), "linear"), [-1]);
  }

  /** The trained parameters (the model's own variables). Throws before fit. */
  weights(): NcfMlpWeights {
    if (!this.embeddings || !this.output) throw new Error(`${this.name}: used before fit`);
    return { embeddings: this.embeddings, tower: this.tower, output: this.output };
  }

  /** The MLP's weights for the fused step: the MLP branch only. */
  fusedParts(): NcfFusedParts {
    const w = this.weights();
    return { gmf: null, mlp: { embeddings: w.embeddings, tower: w.tower }, output: w.output };
  }

  /** Releases the variables; the model must be fitted again before use. */
  dispose(): void {
    disposeEmbeddingPair(this.embeddings);
    disposeDense(this.tower);
    if (this.output) disposeDense([this.output]);
    this.embeddings = null;
    this.tower = [];
    this.output = null;
  }

  /** Draws user embeddings, item embeddings, the tower (Glorot) and h (LeCun) from `rng`. */
  protected initWeights(train: Ratings, rng: Rng): void {
    this.dispose();
    const layers = this.config.layers;
    this.embeddings = createEmbeddingPair(train, layers[0] / 2, this.config.initStd, rng);
    this.tower = createTower(layers, rng);
    this.output = createDenseLayer(layers[layers.length - 1], 1, rng, "lecun-uniform");
  }

  protected indexEmbeddings(): EmbeddingPair {
    return this.weights().embeddings;
  }
}

/** Creates an NCF MLP; unspecified fields (also inside `training`) take `defaultNcfMlpConfig`. */
export function createNcfMlp(config: NcfConfigOverrides<NcfMlpConfig> = {}): NcfMlpModel {
  return new NcfMlpModel(withNcfDefaults(defaultNcfMlpConfig, config));
}
