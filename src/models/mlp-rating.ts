/**
 * MLP rating model ("MLP with metadata" in Gindele's 2018 talk "Recommender systems in TensorFlow"): user and
 * item ID embeddings concatenated with the encoded side features of both, a dense ReLU tower, and a linear output
 * on top of the global mean and (optionally) user and item biases:
 *
 *   r̂(u,i) = μ + b_u + b_i + w·tower([p_u, q_i, f(u), g(i)]) + c
 *
 * trained with Adam (by default) on the batch loss ½(Σ squared errors + embedding.reg Σ(|p_u|² + |q_i|²) +
 * features.reg Σ(squared feature embeddings) + regBias Σ(b_u² + b_i²)), divided by the batch size for lossReduction
 * "mean", plus ½ regWeights Σ|W|² over the tower's kernels (weight decay; the output layer is not decayed).
 * `useFeatures: false` is the plain MLP on ID embeddings (the MLP part of He et al., "Neural collaborative
 * filtering", WWW 2017, for explicit ratings).
 *
 * Unseen users or items (no training ratings) keep zero ID embeddings and bias, but their side features are still
 * used: a new user is predicted from their demographics, which is the point of metadata. Without features (or
 * on data without feature tables), every unseen user gets the same prediction for a given item.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../backend/tf";
import { meanRating, type Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import { defaultTrainingConfig } from "../train/default-training-config";
import type { TrainingConfig } from "../train/optimizer";
import type { SparseEmbeddings } from "../train/sparse-tf-step";
import { trainTfModel, type TfBatch, type TfTrainable } from "../train/train-tf-model";
import type { TrainingHistory } from "../train/training-history";
import { predictInChunks } from "./chunked-predict";
import { denseLayer } from "./dense-layer";
import { canFuseMlp, fusedRowTables, MlpFusedGradients } from "./mlp-fused-gradients";
import { MlpBranch } from "./mlp-branch";
import { checkMlpBranchConfig, defaultFeatureConfig, mergeMlpBranchConfig, type MlpBranchConfig, type MlpBranchOverrides } from "./mlp-branch-config";
import { glorotUniformTensor, variableFrom } from "./random-init";
import type { FitOptions, RatingModel } from "./rating-model";

/** MLP rating-model hyperparameters: the branch (embeddings, features, tower) plus the output and training. */
export interface MlpRatingConfig extends MlpBranchConfig {
  /** Learn user and item biases b_u, b_i next to the global mean. */
  useBiases: boolean;
  /** L2 weight on b_u and b_i of each example. */
  regBias: number;
  /** Training-loop settings (Adam on the mean batch loss by default). */
  training: TrainingConfig;
}

/**
 * Defaults: 32-dim ID embeddings, all side features, a [256, 128, 64] pyramid, Adam 1e-3 on batches of 1024, 40
 * epochs with early stopping. The L2 weights (0.05 per example on embeddings, 0.001 on the tower's kernels) are
 * the ones tuned on ml-100k (see `neural-presets.ts`): without weight decay the MLP overfits within 2-4 epochs.
 */
export const defaultMlpRatingConfig: MlpRatingConfig = {
  embedding: { dim: 32, reg: 0.05, initStd: 0.05 },
  useFeatures: true,
  features: defaultFeatureConfig,
  layers: [256, 128, 64],
  regWeights: 0.001,
  dropout: 0,
  useBiases: true,
  regBias: 0.02,
  training: { ...defaultTrainingConfig, batchSize: 1024 },
};

/** Overrides accepted by `createMlpRating`: any field; `embedding`, `features` and `training` field by field. */
export type MlpRatingOverrides = MlpBranchOverrides & Partial<Pick<MlpRatingConfig, "useBiases" | "regBias">> & { training?: Partial<TrainingConfig> };

/** The output-side weights of a fitted MLP, as the hybrid copies them for pretraining. */
export interface MlpRatingParts {
  branch: MlpBranch;
  /** Output kernel w, shape [branch.outputWidth, 1]. */
  outputKernel: tf.Variable;
  /** Output bias c, shape [1]. */
  outputBias: tf.Variable;
  /** b_u (shape [numUsers]) and b_i (shape [numItems]), or null without biases. */
  userBias: tf.Variable | null;
  itemBias: tf.Variable | null;
}

/** The MLP rating model; see the file comment for the formula and the unseen-entity rule. */
export class MlpRatingModel implements RatingModel, TfTrainable {
  readonly name: string;
  private parts: MlpRatingParts | null = null;
  private dropoutRng: Rng | null = null;
  private mean = 0;
  private trainSize = 0;
  private scale = { min: -Infinity, max: Infinity };
  /** Users and items of the training index space (predict refuses indices outside it). */
  private space = { numUsers: 0, numItems: 0 };

  constructor(readonly config: MlpRatingConfig) {
    if (!(config.regBias >= 0)) throw new RangeError(`MlpRatingConfig.regBias must be >= 0, got ${config.regBias}`);
    checkMlpBranchConfig(config, "MlpRatingConfig");
    this.name = config.useFeatures ? "MLP + features" : "MLP";
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    ensureTfSetup();
    this.dispose();
    this.mean = meanRating(train);
    this.trainSize = train.size;
    this.scale = train.scale;
    this.space = { numUsers: train.numUsers, numItems: train.numItems };
    this.dropoutRng = options.rng.fork();
    const branch = new MlpBranch(this.config, train, options.rng, "MlpRatingConfig");
    this.parts = {
      branch,
      outputKernel: variableFrom(glorotUniformTensor(branch.outputWidth, 1, options.rng)),
      outputBias: variableFrom(tf.zeros([1])),
      userBias: this.config.useBiases ? variableFrom(tf.zeros([train.numUsers])) : null,
      itemBias: this.config.useBiases ? variableFrom(tf.zeros([train.numItems])) : null,
    };
    return trainTfModel(this, train, options, this.config.training);
  }

  /** The fitted weights (for the hybrid's pretraining); throws before fit. */
  fittedParts(): MlpRatingParts {
    if (!this.parts) throw new Error(`${this.name}: fittedParts called before fit`);
    return this.parts;
  }

  trainableVariables(): tf.Variable[] {
    const p = this.fittedParts();
    const biases = p.userBias && p.itemBias ? [p.userBias, p.itemBias] : [];
    return [...p.branch.variables(), p.outputKernel, p.outputBias, ...biases];
  }

  batchLoss(batch: TfBatch): tf.Scalar {
    return this.lossFromRows(null, batch);
  }

  /**
   * Row-wise training of the ID embeddings and biases (the feature tables and the tower are dense variables);
   * without dropout, a fused kernel computes the loss and every gradient (mlp-fused-gradients.ts).
   */
  sparseEmbeddings(): SparseEmbeddings {
    const p = this.fittedParts();
    const fused = canFuseMlp(this.config, p, Math.min(this.config.training.batchSize, this.trainSize))
      ? new MlpFusedGradients(p, { regBias: this.config.regBias, lossReduction: this.config.training.lossReduction, mean: this.mean, towerThreads: this.config.training.towerThreads })
      : null;
    return {
      ...fusedRowTables(p),
      lossFromRows: (rows, batch) => this.lossFromRows(rows, batch),
      fusedRowGradients: fused ? (batch, indices) => fused.compute(batch, indices) : undefined,
      dispose: fused ? () => fused.dispose() : undefined,
    };
  }

  /** The batch loss, from the looked-up rows [p, q, b_u, b_i] (`sparseEmbeddings` order) or, when null, from the tables. */
  private lossFromRows(rows: tf.Tensor[] | null, batch: TfBatch): tf.Scalar {
    const { predicted, penalty } = this.forward(batch.users, batch.items, this.dropoutRng ?? undefined, rows);
    const squaredError = tf.sum(tf.square(tf.sub(predicted, batch.targets)));
    const total = tf.mul(0.5, tf.add(squaredError, penalty)) as tf.Scalar;
    const reduced = this.config.training.lossReduction === "sum" ? total : tf.div(total, batch.users.shape[0]);
    return tf.add(reduced, tf.mul(0.5, this.parts!.branch.weightPenalty()));
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.parts) throw new Error(`${this.name}: predict called before fit`);
    return predictInChunks(users, items, this.scale, (u, i) => this.forward(u, i).predicted, this.space, `${this.name}.predict`);
  }

  /** Predictions (unclipped, shape [b]) and the summed per-example penalty; inside tf.tidy. */
  private forward(users: tf.Tensor1D, items: tf.Tensor1D, dropoutRng?: Rng, rows?: tf.Tensor[] | null): { predicted: tf.Tensor1D; penalty: tf.Scalar } {
    const p = this.parts!;
    const out = rows ? p.branch.forwardFromRows(rows[0] as tf.Tensor2D, rows[1] as tf.Tensor2D, users, items, dropoutRng) : p.branch.forward(users, items, dropoutRng);
    let predicted = tf.add(tf.reshape(denseLayer(out.hidden, p.outputKernel as tf.Tensor2D, p.outputBias as tf.Tensor1D, "linear"), [-1]), this.mean) as tf.Tensor1D;
    let penalty = out.penalty;
    if (p.userBias && p.itemBias) {
      const bu = rows ? rows[2] : tf.gather(p.userBias, users);
      const bi = rows ? rows[3] : tf.gather(p.itemBias, items);
      predicted = tf.add(predicted, tf.add(bu, bi));
      penalty = tf.add(penalty, tf.mul(this.config.regBias, tf.add(tf.sum(tf.square(bu)), tf.sum(tf.square(bi)))));
    }
    return { predicted, penalty };
  }

  dispose(): void {
    const p = this.parts;
    if (!p) return;
    p.branch.dispose();
    for (const v of [p.outputKernel, p.outputBias, p.userBias, p.itemBias]) v?.dispose();
    this.parts = null;
  }
}

/** Creates an MLP rating model; unspecified fields take `defaultMlpRatingConfig` (nested settings field by field). */
export function createMlpRating(overrides: MlpRatingOverrides = {}): MlpRatingModel {
  const base = mergeMlpBranchConfig(defaultMlpRatingConfig, overrides);
  return new MlpRatingModel({ ...base, training: { ...defaultMlpRatingConfig.training, ...overrides.training } });
}
