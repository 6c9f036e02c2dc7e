/**
 * The MF + MLP hybrid ("combined" in Gindele's 2018 talk "Recommender systems in TensorFlow"; NeuMF of He et
 * al., "Neural collaborative filtering", WWW 2017, section 3.4, adapted to explicit ratings): a generalised-MF
 * branch (elementwise product of its own user and item embeddings) and an MLP branch (ID embeddings + side
 * features -> dense ReLU tower) concatenated into one learned linear fusion layer, on top of the global mean and
 * user and item biases, trained jointly on squared error:
 *
 *   r̂(u,i) = μ + b_u + b_i + h·[p_u ⊙ q_i, tower([p'_u, q'_i, f(u), g(i)])] + c
 *
 * Pretraining (NeuMF): with a fitted biased MF and/or a fitted MLP rating model (on the same training ratings),
 * their embeddings, feature tables and tower are copied in and the fusion starts as α·MF + (1-α)·MLP:
 * h = [α·1, (1-α)·w_mlp], c = (1-α)·c_mlp, b = α·b_mf + (1-α)·b_mlp, so the freshly initialised hybrid predicts
 * α·(MF prediction) + (1-α)·(MLP prediction) before clipping. A branch without a pretrained part keeps its
 * random initialisation (and its fusion weights their Glorot draw). Training then applies `fineTuning` over
 * `training`: by default a few epochs of plain SGD, as NeuMF fine-tunes (Adam's first steps, even at 1e-4, moved
 * the pretrained ml-100k hybrid away from its better starting point).
 *
 * Loss per batch: ½(Σ squared errors + mf.reg Σ(|p_u|² + |q_i|²) + the MLP branch's embedding penalties + regBias
 * Σ(b_u² + b_i²)), divided by the batch size for lossReduction "mean", plus ½ mlp.regWeights Σ|W|² over the tower's
 * kernels (the fusion layer is not decayed, so that α is not pulled towards 0).
 *
 * Unseen users or items keep zero embeddings and biases in both branches; their side features are still used.
 * Without dropout, training takes the fused step (mlp-fused-gradients.ts; the same loss and gradients to float32
 * rounding); `training.fusedKernels: false` runs this file's TF.js graph instead.
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
import type { BiasedMfModel } from "./biased-mf";
import { predictInChunks } from "./chunked-predict";
import { denseLayer } from "./dense-layer";
import { embeddingPair, MlpBranch } from "./mlp-branch";
import {
  checkEmbeddingConfig,
  checkMlpBranchConfig,
  mergeMlpBranchConfig,
  pickMlpBranchConfig,
  type EmbeddingConfig,
  type MlpBranchConfig,
  type MlpBranchOverrides,
} from "./mlp-branch-config";
import { copyPretrained, type HybridWeights } from "./hybrid-pretraining";
import { canFuseMlp, fusedRowTables, MlpFusedGradients, type FusedMlpParts } from "./mlp-fused-gradients";
import { defaultMlpRatingConfig, type MlpRatingModel } from "./mlp-rating";
import { glorotUniformTensor, variableFrom } from "./random-init";
import type { FitOptions, RatingModel } from "./rating-model";

/** Hybrid hyperparameters: the two branches, biases, the pretraining blend α and training. */
export interface HybridMfMlpConfig {
  /** The MF (GMF) branch's user and item embeddings. */
  mf: EmbeddingConfig;
  /** The MLP branch (same settings as the MLP rating model's). */
  mlp: MlpBranchConfig;
  /** Learn user and item biases b_u, b_i next to the global mean (required when pretraining from a biased MF). */
  useBiases: boolean;
  /** L2 weight on b_u and b_i of each example. */
  regBias: number;
  /** Weight of the MF branch in the fusion when initialised from pretrained parts (NeuMF's α), in [0, 1]. */
  alpha: number;
  /** Training-loop settings. */
  training: TrainingConfig;
  /** Overrides of `training` used when the hybrid starts from pretrained parts (gentle fine-tuning). */
  fineTuning: Partial<TrainingConfig>;
}

/**
 * Defaults: a 64-dim MF branch (the dimension of `createBiasedMf`'s default, so that it can be pretrained from one)
 * beside the default MLP branch, α = 0.7 (tuned on ml-100k's validation split), Adam 1e-3 on batches of 1024.
 */
export const defaultHybridMfMlpConfig: HybridMfMlpConfig = {
  mf: { dim: 64, reg: 0.05, initStd: 0.05 },
  mlp: pickMlpBranchConfig(defaultMlpRatingConfig),
  useBiases: true,
  regBias: 0.02,
  alpha: 0.7,
  training: { ...defaultTrainingConfig, batchSize: 1024 },
  fineTuning: { optimizer: "sgd", lossReduction: "mean", learningRate: 0.01, epochs: 5, patience: 2 },
};

/** Fitted models whose weights initialise the hybrid (either or both). */
export interface HybridPretrained {
  /** A fitted biased MF of dimension config.mf.dim, on the same training ratings. */
  mf?: BiasedMfModel;
  /** A fitted MLP rating model whose branch settings equal config.mlp, on the same training ratings. */
  mlp?: MlpRatingModel;
}

/** Overrides accepted by `createHybridMfMlp`: any field; nested settings field by field. */
export type HybridMfMlpOverrides = Partial<Pick<HybridMfMlpConfig, "useBiases" | "regBias" | "alpha">> & {
  mf?: Partial<EmbeddingConfig>;
  mlp?: MlpBranchOverrides;
  training?: Partial<TrainingConfig>;
  fineTuning?: Partial<TrainingConfig>;
};


/** The hybrid model; see the file comment for the formula, pretraining and the unseen-entity rule. */
export class HybridMfMlpModel implements RatingModel, TfTrainable {
  readonly name: string;
  private weights: HybridWeights | null = null;
  private dropoutRng: Rng | null = null;
  private mean = 0;
  private trainSize = 0;
  private scale = { min: -Infinity, max: Infinity };
  /** Users and items of the training index space (predict refuses indices outside it). */
  private space = { numUsers: 0, numItems: 0 };

  /** `pretrained` parts are read (copied) when `fit` or `initialize` runs; they must be fitted by then. */
  constructor(readonly config: HybridMfMlpConfig, private readonly pretrained: HybridPretrained = {}) {
    checkEmbeddingConfig(config.mf, "HybridMfMlpConfig.mf");
    checkMlpBranchConfig(config.mlp, "HybridMfMlpConfig.mlp");
    if (!(config.regBias >= 0)) throw new RangeError(`HybridMfMlpConfig.regBias must be >= 0, got ${config.regBias}`);
    if (!(config.alpha >= 0 && config.alpha <= 1)) throw new RangeError(`HybridMfMlpConfig.alpha must be in [0, 1], got ${config.alpha}`);
    if (pretrained.mf && !config.useBiases) throw new RangeError("HybridMfMlpConfig.useBiases must be true to start from a pretrained biased MF");
    const from = [pretrained.mf ? "MF" : "", pretrained.mlp ? "MLP" : ""].filter((s) => s).join("+");
    this.name = `MF + ${config.mlp.useFeatures ? "MLP + features" : "MLP"}${from ? ` (pretrained ${from})` : ""}`;
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.initialize(train, options.rng);
    return trainTfModel(this, train, options, this.trainingConfig());
  }

  /** The training settings `fit` uses: `training`, with `fineTuning` applied when there are pretrained parts. */
  trainingConfig(): TrainingConfig {
    const { training, fineTuning } = this.config;
    return this.pretrained.mf || this.pretrained.mlp ? { ...training, ...fineTuning } : training;
  }

  /**
   * Builds the weights for `train` without training: random (from `rng`: MLP branch, MF embeddings, fusion, in that
   * order), then the pretrained parts copied in.
   * `fit` calls it; call it yourself to inspect the starting point (e.g. that it equals α·MF + (1-α)·MLP).
   */
  initialize(train: Ratings, rng: Rng): void {
    ensureTfSetup();
    this.dispose();
    this.mean = meanRating(train);
    this.trainSize = train.size;
    this.scale = train.scale;
    this.space = { numUsers: train.numUsers, numItems: train.numItems };
    this.dropoutRng = rng.fork();
    // The branch first: it validates the feature columns before any tensor exists.
    const branch = new MlpBranch(this.config.mlp, train, rng, "HybridMfMlpConfig.mlp");
    const [userFactors, itemFactors] = embeddingPair(train, this.config.mf, rng);
    this.weights = {
      userFactors,
      itemFactors,
      branch,
      fusionKernel: variableFrom(glorotUniformTensor(this.config.mf.dim + branch.outputWidth, 1, rng)),
      fusionBias: variableFrom(tf.zeros([1])),
      userBias: this.config.useBiases ? variableFrom(tf.zeros([train.numUsers])) : null,
      itemBias: this.config.useBiases ? variableFrom(tf.zeros([train.numItems])) : null,
    };
    copyPretrained(this.weights, this.pretrained, this.config);
  }

  trainableVariables(): tf.Variable[] {
    const w = this.weights;
    if (!w) throw new Error(`${this.name}: trainableVariables called before fit`);
    const biases = w.userBias && w.itemBias ? [w.userBias, w.itemBias] : [];
    return [w.userFactors, w.itemFactors, ...w.branch.variables(), w.fusionKernel, w.fusionBias, ...biases];
  }

  batchLoss(batch: TfBatch): tf.Scalar {
    return this.lossFromRows(null, batch);
  }

  /**
   * Row-wise (or, with dense Adam, whole-table) training of the GMF and ID embeddings and the biases through
   * `sparseTfStep`; without dropout, a fused kernel computes the loss and every gradient (mlp-fused-gradients.ts:
   * the GMF term is added to the tower's output, and its gradients come from the same output gradient).
   */
  sparseEmbeddings(): SparseEmbeddings {
    const parts = this.fusedParts();
    const config = this.trainingConfig();
    const fused = canFuseMlp(this.config.mlp, parts, Math.min(config.batchSize, this.trainSize))
      ? new MlpFusedGradients(parts, { regBias: this.config.regBias, lossReduction: config.lossReduction, mean: this.mean, towerThreads: config.towerThreads })
      : null;
    return {
      ...fusedRowTables(parts),
      lossFromRows: (rows, batch) => this.lossFromRows(rows, batch),
      fusedRowGradients: fused ? (batch, indices) => fused.compute(batch, indices) : undefined,
      dispose: fused ? () => fused.dispose() : undefined,
    };
  }

  /** The weights in the fused step's terms (the fusion layer is the output layer; its first mf.dim rows weigh m ⊙ n). */
  private fusedParts(): FusedMlpParts {
    const w = this.weights;
    if (!w) throw new Error(`${this.name}: sparseEmbeddings called before fit`);
    return {
      branch: w.branch, outputKernel: w.fusionKernel, outputBias: w.fusionBias, userBias: w.userBias, itemBias: w.itemBias,
      mf: { userFactors: w.userFactors, itemFactors: w.itemFactors, reg: this.config.mf.reg },
    };
  }

  /** The batch loss from the looked-up rows [m, n, p, q, b_u, b_i] (`sparseEmbeddings` order) or, when null, the tables. */
  private lossFromRows(rows: tf.Tensor[] | null, batch: TfBatch): tf.Scalar {
    const { predicted, penalty } = this.forward(batch.users, batch.items, this.dropoutRng ?? undefined, rows);
    const squaredError = tf.sum(tf.square(tf.sub(predicted, batch.targets)));
    const total = tf.mul(0.5, tf.add(squaredError, penalty)) as tf.Scalar;
    const reduced = this.trainingConfig().lossReduction === "sum" ? total : tf.div(total, batch.users.shape[0]);
    return tf.add(reduced, tf.mul(0.5, this.weights!.branch.weightPenalty()));
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.weights) throw new Error(`${this.name}: predict called before fit`);
    return predictInChunks(users, items, this.scale, (u, i) => this.forward(u, i).predicted, this.space, `${this.name}.predict`);
  }

  /** Unclipped predictions (shape [b]) and the summed per-example penalty; inside tf.tidy. */
  private forward(users: tf.Tensor1D, items: tf.Tensor1D, dropoutRng?: Rng, rows?: tf.Tensor[] | null): { predicted: tf.Tensor1D; penalty: tf.Scalar } {
    const w = this.weights!;
    const p = rows ? rows[0] : tf.gather(w.userFactors, users);
    const q = rows ? rows[1] : tf.gather(w.itemFactors, items);
    const mlp = rows ? w.branch.forwardFromRows(rows[2] as tf.Tensor2D, rows[3] as tf.Tensor2D, users, items, dropoutRng) : w.branch.forward(users, items, dropoutRng);
    const joint = tf.concat([tf.mul(p, q) as tf.Tensor2D, mlp.hidden], 1);
    let predicted = tf.add(tf.reshape(denseLayer(joint, w.fusionKernel as tf.Tensor2D, w.fusionBias as tf.Tensor1D, "linear"), [-1]), this.mean) as tf.Tensor1D;
    let penalty = tf.add(mlp.penalty, tf.mul(this.config.mf.reg, tf.add(tf.sum(tf.square(p)), tf.sum(tf.square(q))))) as tf.Scalar;
    if (w.userBias && w.itemBias) {
      const bu = rows ? rows[4] : tf.gather(w.userBias, users);
      const bi = rows ? rows[5] : tf.gather(w.itemBias, items);
      predicted = tf.add(predicted, tf.add(bu, bi));
      penalty = tf.add(penalty, tf.mul(this.config.regBias, tf.add(tf.sum(tf.square(bu)), tf.sum(tf.square(bi)))));
    }
    return { predicted, penalty };
  }

  dispose(): void {
    const w = this.weights;
    if (!w) return;
    w.branch.dispose();
    for (const v of [w.userFactors, w.itemFactors, w.fusionKernel, w.fusionBias, w.userBias, w.itemBias]) v?.dispose();
    this.weights = null;
  }
}

/** Creates a hybrid; unspecified fields take `defaultHybridMfMlpConfig`; `pretrained` parts seed its weights. */
export function createHybridMfMlp(overrides: HybridMfMlpOverrides = {}, pretrained: HybridPretrained = {}): HybridMfMlpModel {
  const d = defaultHybridMfMlpConfig;
  return new HybridMfMlpModel(
    {
      ...d,
      ...overrides,
      mf: { ...d.mf, ...overrides.mf },
      mlp: mergeMlpBranchConfig(d.mlp, overrides.mlp ?? {}),
      training: { ...d.training, ...overrides.training },
      fineTuning: { ...d.fineTuning, ...overrides.fineTuning },
    },
    pretrained,
  );
}
