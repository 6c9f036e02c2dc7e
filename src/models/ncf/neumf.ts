/**
 * Neural matrix factorization (NeuMF) on TensorFlow.js: a GMF branch and an MLP branch with their own embeddings,
 * their last layers concatenated into one output, ŷ(u,i) = σ(hᵀ[p_u^G ⊙ q_i^G, tower([p_u^M, q_i^M])] + b)
 * (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017, section 3.4, eq. 12). Trained
 * from scratch with Adam, or initialised from a trained GMF and MLP (section 3.4.1: embeddings and tower copied,
 * h = [α h^GMF, (1 - α) h^MLP], α = 0.5) and then trained with vanilla SGD.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../backend/tf";
import type { Ratings } from "../../data/ratings";
import type { TrainingHistory } from "../../train/training-history";
import type { ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { applyDense, applyTower, createDenseLayer, createTower, denseVariables, disposeDense, type DenseLayer } from "./dense-layer";
import { checkPairSpace, createEmbeddingPair, disposeEmbeddingPair, lookupPair, type EmbeddingPair } from "./embedding-pair";
import {
  checkImplicitTrainingConfig,
  defaultNcfTrainingConfig,
  trainImplicitTfModel,
  type ImplicitTfTrainable,
  type ImplicitTrainingConfig,
} from "./implicit-tf-trainer";
import { checkTowerLayers } from "./ncf-mlp";
import { cloneNeuMfWeights, disposeNeuMfWeights, type NeuMfWeights } from "./neumf-weights";
import { scorePairs } from "./pair-scores";

/** NeuMF hyperparameters. */
export interface NeuMfConfig {
  /** Embedding size of the GMF branch (its predictive factors). */
  dim: number;
  /** MLP branch tower, input first (see `NcfMlpConfig.layers`); layers[0] / 2 per MLP embedding. */
  layers: number[];
  /** Standard deviation of the normal initialisation of all embeddings (0.01 in NCF). */
  initStd: number;
  /** Training-loop settings. */
  training: ImplicitTrainingConfig;
}

/** Defaults without pretraining: GMF factors 8, tower [64, 32, 16, 8], Adam 0.001, 4 negatives. */
export const defaultNeuMfConfig: NeuMfConfig = { dim: 8, layers: [64, 32, 16, 8], initStd: 0.01, training: defaultNcfTrainingConfig };

/**
 * NeuMF. Users or items without training interactions keep zero embeddings in both branches. A pretrained model
 * (`createPretrainedNeuMf`) scores with its initial weights before `fit`, and every `fit` restarts from them.
 */
export class NeuMfModel implements ImplicitModel, ImplicitTfTrainable {
  readonly name: string;
  private current: NeuMfWeights | null = null;
  private readonly initial: NeuMfWeights | null;

  /** A NeuMF with `config`; with `pretrained` (which the model takes over) it starts from those weights. */
  constructor(readonly config: NeuMfConfig, pretrained?: NeuMfWeights) {
    if (!(Number.isInteger(config.dim) && config.dim >= 1)) throw new RangeError(`NeuMfConfig.dim must be an integer >= 1, got ${config.dim}`);
    checkTowerLayers(config.layers, "NeuMfConfig.layers");
    if (!(config.initStd >= 0)) throw new RangeError(`NeuMfConfig.initStd must be >= 0, got ${config.initStd}`);
    checkImplicitTrainingConfig(config.training, "NeuMfConfig.training");
    this.initial = pretrained ?? null;
    this.name = pretrained ? "NeuMF (pretrained)" : "NeuMF";
    if (pretrained) {
      checkWeightShapes(pretrained, config);
      this.current = cloneNeuMfWeights(pretrained);
    }
  }

  /**
   * Trains on `train`: from the pretrained weights if any (their index space must be `train`'s), else from
   * fresh draws (GMF embeddings, MLP embeddings, tower, output layer, in that order, from `options.rng`).
   */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    ensureTfSetup();
    if (this.initial) checkPairSpace(this.initial.gmf, train, this.name);
    this.disposeCurrent();
    if (this.initial) {
      this.current = cloneNeuMfWeights(this.initial);
    } else {
      const { dim, layers, initStd } = this.config;
      const gmf = createEmbeddingPair(train, dim, initStd, options.rng);
      const mlp = createEmbeddingPair(train, layers[0] / 2, initStd, options.rng);
      const tower = createTower(layers, options.rng);
      const output = createDenseLayer(dim + layers[layers.length - 1], 1, options.rng, "lecun-uniform");
      this.current = { gmf, mlp, tower, output };
    }
    return trainImplicitTfModel(this, train, options, this.config.training);
  }

  /** Both branches' embeddings, the tower's kernels and biases, then h and b. */
  trainableVariables(): tf.Variable[] {
    const w = this.weights();
    return [w.gmf.users, w.gmf.items, w.mlp.users, w.mlp.items, ...denseVariables(w.tower), ...denseVariables([w.output])];
  }

  /** hᵀ[p ⊙ q, tower([p', q'])] + b per pair; shape [b]. */
  batchLogits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
    const w = this.weights();
    const [p, q] = lookupPair(w.gmf, users, items);
    const [pm, qm] = lookupPair(w.mlp, users, items);
    const joint = tf.concat([tf.mul(p, q) as tf.Tensor2D, applyTower(w.tower, tf.concat([pm, qm], 1))], 1);
    return tf.reshape(applyDense(w.output, joint, "linear"), [-1]);
  }

  /** Logits of the pairs (users[k], items[k]); shape [n]. */
  logits(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "logit");
  }

  /** Predicted interaction probabilities σ(logit) of the pairs; shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    return scorePairs(this.name, (u, i) => this.batchLogits(u, i), users, items, this.space(), "probability");
  }

  /** The current parameters (the model's own variables). Throws before fit (unless pretrained). */
  weights(): NeuMfWeights {
    if (!this.current) throw new Error(`${this.name}: used before fit`);
    return this.current;
  }

  /** Releases all variables, the pretrained starting point included. */
  dispose(): void {
    this.disposeCurrent();
    if (this.initial) disposeNeuMfWeights(this.initial);
  }

  private disposeCurrent(): void {
    if (this.current) disposeNeuMfWeights(this.current);
    this.current = null;
  }

  private space(): { numUsers: number; numItems: number } {
    const e = this.weights().gmf;
    return { numUsers: e.users.shape[0], numItems: e.items.shape[0] };
  }
}

/** Throws unless `w`'s shapes are those of a NeuMF with `config`'s dimensions. */
function checkWeightShapes(w: NeuMfWeights, config: NeuMfConfig): void {
  const { dim, layers } = config;
  const last = layers[layers.length - 1];
  const ok =
    w.gmf.users.shape[1] === dim && w.gmf.items.shape[1] === dim &&
    w.mlp.users.shape[1] === layers[0] / 2 && w.mlp.items.shape[1] === layers[0] / 2 &&
    w.gmf.users.shape[0] === w.mlp.users.shape[0] && w.gmf.items.shape[0] === w.mlp.items.shape[0] &&
    w.tower.length === layers.length - 1 && w.tower.every((l, k) => l.kernel.shape[0] === layers[k] && l.kernel.shape[1] === layers[k + 1]) &&
    w.output.kernel.shape[0] === dim + last && w.output.kernel.shape[1] === 1;
  if (!ok) throw new RangeError(`NeuMfModel: pretrained weights do not match dim ${dim} and layers ${JSON.stringify(layers)}`);
}

/** Creates a NeuMF trained from scratch; unspecified fields (also inside `training`) take `defaultNeuMfConfig`. */
export function createNeuMf(config: Partial<Omit<NeuMfConfig, "training">> & { training?: Partial<ImplicitTrainingConfig> } = {}): NeuMfModel {
  return new NeuMfModel({ ...defaultNeuMfConfig, ...config, training: { ...defaultNeuMfConfig.training, ...config.training } });
}
