/**
 * Neural matrix factorization (NeuMF) on TensorFlow.js: a GMF branch and an MLP branch with their own embeddings,
 * their last layers concatenated into one output, ŷ(u,i) = σ(hᵀ[p_u^G ⊙ q_i^G, tower([p_u^M, q_i^M])] + b)
 * (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017, section 3.4, eq. 12). Trained
 * from scratch with Adam, or initialised from a trained GMF and MLP (section 3.4.1: embeddings and tower copied,
 * h = [α h^GMF, (1 - α) h^MLP], α = 0.5) and then trained with vanilla SGD.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { applyDense, applyTower, createDenseLayer, createTower, denseVariables } from "./dense-layer";
import { checkPairSpace, createEmbeddingPair, lookupPair, type EmbeddingPair } from "./embedding-pair";
import { defaultNcfTrainingConfig, type ImplicitTrainingConfig } from "./implicit-tf-trainer";
import { checkTowerLayers } from "./ncf-mlp";
import { checkEmbeddingDim, checkNcfCommonConfig, NcfTfModel, withNcfDefaults, type NcfConfigOverrides } from "./ncf-tf-model";
import { cloneNeuMfWeights, disposeNeuMfWeights, type NeuMfWeights } from "./neumf-weights";
import type { NcfFusedParts } from "./ncf-fused-gradients";

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
export class NeuMfModel extends NcfTfModel {
  readonly name: string;
  private current: NeuMfWeights | null = null;
  private readonly initial: NeuMfWeights | null;

  /** A NeuMF with `config`; with `pretrained` (which the model takes over) it starts from those weights. */
  constructor(readonly config: NeuMfConfig, pretrained?: NeuMfWeights) {
    super();
    checkEmbeddingDim(config.dim, "NeuMfConfig");
    checkTowerLayers(config.layers, "NeuMfConfig.layers");
    checkNcfCommonConfig(config, "NeuMfConfig");
    this.initial = pretrained ?? null;
    this.name = pretrained ? "NeuMF (pretrained)" : "NeuMF";
    if (pretrained) {
      checkWeightShapes(pretrained, config);
      this.current = cloneNeuMfWeights(pretrained);
    }
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

  /** The current parameters (the model's own variables). Throws before fit (unless pretrained). */
  weights(): NeuMfWeights {
    if (!this.current) throw new Error(`${this.name}: used before fit`);
    return this.current;
  }

  /** NeuMF's weights for the fused step: both branches. */
  fusedParts(): NcfFusedParts {
    const w = this.weights();
    return { gmf: w.gmf, mlp: { embeddings: w.mlp, tower: w.tower }, output: w.output };
  }

  /** Releases all variables, the pretrained starting point included. */
  dispose(): void {
    this.disposeCurrent();
    if (this.initial) disposeNeuMfWeights(this.initial);
  }

  /**
   * Starts from the pretrained weights if any (their index space must be `train`'s), else from fresh draws (GMF
   * embeddings, MLP embeddings, tower, output layer, in that order, from `rng`).
   */
  protected initWeights(train: Ratings, rng: Rng): void {
    if (this.initial) checkPairSpace(this.initial.gmf, train, this.name);
    this.disposeCurrent();
    if (this.initial) {
      this.current = cloneNeuMfWeights(this.initial);
    } else {
      const { dim, layers, initStd } = this.config;
      const gmf = createEmbeddingPair(train, dim, initStd, rng);
      const mlp = createEmbeddingPair(train, layers[0] / 2, initStd, rng);
      const tower = createTower(layers, rng);
      const output = createDenseLayer(dim + layers[layers.length - 1], 1, rng, "lecun-uniform");
      this.current = { gmf, mlp, tower, output };
    }
  }

  protected indexEmbeddings(): EmbeddingPair {
    return this.weights().gmf;
  }

  private disposeCurrent(): void {
    if (this.current) disposeNeuMfWeights(this.current);
    this.current = null;
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
export function createNeuMf(config: NcfConfigOverrides<NeuMfConfig> = {}): NeuMfModel {
  return new NeuMfModel(withNcfDefaults(defaultNeuMfConfig, config));
}
