/**
 * Biased matrix factorization on TensorFlow.js: r̂(u,i) = μ + b_u + b_i + p_u · q_i, trained on squared error
 * with L2 on the factors and biases of each rating's user and item (Koren, Bell and Volinsky, "Matrix
 * factorization techniques for recommender systems", IEEE Computer 2009, eq. 5; the "Funk SVD" of the Netflix
 * prize). With lossReduction "sum" and plain SGD, a mini-batch step equals the sum of per-rating SGD steps.
 */
import { assertPairsInRange } from "../data/index-identity";
import * as tf from "@tensorflow/tfjs-core";
import { BIASED_MF_GRAD_KERNEL } from "../backend/biased-mf-gradient-kernel";
import { ensureTfSetup } from "../backend/tf";
import { meanRating, type Ratings } from "../data/ratings";
import { defaultTrainingConfig } from "../train/default-training-config";
import type { TrainingConfig } from "../train/optimizer";
import type { SparseEmbeddings } from "../train/sparse-tf-step";
import { trainTfModel, type TfBatch, type TfTrainable } from "../train/train-tf-model";
import type { TrainingHistory } from "../train/training-history";
import { clipToScale, type FitOptions, type RatingModel } from "./rating-model";
import { randomNormalTensor, variableFrom } from "./random-init";
import { seenIndices } from "./seen-indices";

/** Biased-MF hyperparameters. */
export interface BiasedMfConfig {
  /** Latent dimension k of user and item factors. */
  dim: number;
  /** L2 weight on p_u and q_i of each rating (λ in Koren et al.). */
  regFactors: number;
  /** L2 weight on b_u and b_i of each rating. */
  regBias: number;
  /** Standard deviation of the normal initialisation of the factors (biases start at 0). */
  initStd: number;
  /** Training-loop settings. */
  training: TrainingConfig;
}

/** Defaults tuned on ml-latest-small and ml-100k with per-rating-equivalent SGD (see results/). */
export const defaultBiasedMfConfig: BiasedMfConfig = {
  dim: 64,
  regFactors: 0.05,
  regBias: 0.02,
  initStd: 0.01,
  training: { ...defaultTrainingConfig, optimizer: "sgd", learningRate: 0.01, lossReduction: "sum", batchSize: 1024 },
};

/**
 * μ + b_u + b_i + p_u·q_i. Users or items without training ratings keep zero factors and bias,
 * so they are predicted from the known side (μ + b_i, μ + b_u, or μ). Predictions are clipped to the scale.
 */
export class BiasedMfModel implements RatingModel, TfTrainable {
  readonly name = "Biased MF";
  private userFactors: tf.Variable | null = null;
  private itemFactors: tf.Variable | null = null;
  private userBias: tf.Variable | null = null;
  private itemBias: tf.Variable | null = null;
  private mean = 0;
  private scale = { min: -Infinity, max: Infinity };

  constructor(readonly config: BiasedMfConfig) {
    if (!(Number.isInteger(config.dim) && config.dim >= 1)) throw new RangeError(`BiasedMfConfig.dim must be an integer >= 1, got ${config.dim}`);
    for (const k of ["regFactors", "regBias", "initStd"] as const) {
      if (!(config[k] >= 0)) throw new RangeError(`BiasedMfConfig.${k} must be >= 0, got ${config[k]}`);
    }
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    ensureTfSetup();
    this.dispose();
    this.mean = meanRating(train);
    this.scale = train.scale;
    const { dim, initStd } = this.config;
    // Users and items without training ratings start (and, getting no gradient, stay) at zero.
    const seen = seenIndices(train);
    this.userFactors = variableFrom(randomNormalTensor([train.numUsers, dim], initStd, options.rng, seen.users));
    this.itemFactors = variableFrom(randomNormalTensor([train.numItems, dim], initStd, options.rng, seen.items));
    this.userBias = variableFrom(tf.zeros([train.numUsers]));
    this.itemBias = variableFrom(tf.zeros([train.numItems]));
    return trainTfModel(this, train, options, this.config.training);
  }

  trainableVariables(): tf.Variable[] {
    return [this.userFactors!, this.itemFactors!, this.userBias!, this.itemBias!];
  }

  batchLoss(batch: TfBatch): tf.Scalar {
    const rows = [tf.gather(this.userFactors!, batch.users), tf.gather(this.itemFactors!, batch.items), tf.gather(this.userBias!, batch.users), tf.gather(this.itemBias!, batch.items)];
    return this.lossFromRows(rows, batch);
  }

  /** Row-wise training: the four tables, and the fused kernel for loss and row gradients (biased-mf-gradient-kernel.ts). */
  sparseEmbeddings(): SparseEmbeddings {
    return {
      tables: this.trainableVariables(),
      keys: ["users", "items", "users", "items"],
      lossFromRows: (rows, batch) => this.lossFromRows(rows, batch),
      fusedRowGradients: (batch) => {
        const { regFactors, regBias } = this.config;
        const lossScale = this.config.training.lossReduction === "sum" ? 1 : 1 / batch.users.shape[0];
        const inputs = { userFactors: this.userFactors!, itemFactors: this.itemFactors!, userBias: this.userBias!, itemBias: this.itemBias!, ...batch };
        const attrs = { mean: this.mean, regFactors, regBias, lossScale };
        const [loss, ...grads] = tf.engine().runKernel(BIASED_MF_GRAD_KERNEL, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        return { loss: loss as tf.Scalar, grads };
      },
    };
  }

  /** The batch loss from the looked-up rows [p, q, b_u, b_i]. */
  private lossFromRows(rows: tf.Tensor[], batch: TfBatch): tf.Scalar {
    const [p, q, bu, bi] = rows;
    const predicted = tf.add(tf.add(tf.sum(tf.mul(p, q), 1), tf.add(bu, bi)), this.mean);
    const squaredError = tf.sum(tf.square(tf.sub(predicted, batch.targets)));
    const factorPenalty = tf.mul(this.config.regFactors, tf.add(tf.sum(tf.square(p)), tf.sum(tf.square(q))));
    const biasPenalty = tf.mul(this.config.regBias, tf.add(tf.sum(tf.square(bu)), tf.sum(tf.square(bi))));
    const total = tf.mul(0.5, tf.add(squaredError, tf.add(factorPenalty, biasPenalty))) as tf.Scalar;
    return this.config.training.lossReduction === "sum" ? total : tf.div(total, batch.users.shape[0]);
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.userFactors) throw new Error(`${this.name}: predict called before fit`);
    if (users.length !== items.length) throw new RangeError("predict: users and items differ in length");
    assertPairsInRange(`${this.name}.predict`, users, items, this.userFactors.shape[0], this.itemFactors!.shape[0]);
    const out = new Float32Array(users.length);
    const chunk = 65536;
    for (let from = 0; from < users.length; from += chunk) {
      const to = Math.min(users.length, from + chunk);
      const part = tf.tidy(() => {
        const u = tf.tensor1d(users.subarray(from, to), "int32");
        const i = tf.tensor1d(items.subarray(from, to), "int32");
        const dot = tf.sum(tf.mul(tf.gather(this.userFactors!, u), tf.gather(this.itemFactors!, i)), 1);
        return tf.add(tf.add(dot, tf.add(tf.gather(this.userBias!, u), tf.gather(this.itemBias!, i))), this.mean);
      });
      out.set(part.dataSync() as Float32Array, from);
      part.dispose();
    }
    return clipToScale(out, this.scale.min, this.scale.max);
  }

  dispose(): void {
    for (const v of [this.userFactors, this.itemFactors, this.userBias, this.itemBias]) v?.dispose();
    this.userFactors = this.itemFactors = this.userBias = this.itemBias = null;
  }
}

/** Creates a biased MF model; unspecified fields (also inside `training`) take `defaultBiasedMfConfig`. */
export function createBiasedMf(config: Partial<Omit<BiasedMfConfig, "training">> & { training?: Partial<TrainingConfig> } = {}): BiasedMfModel {
  return new BiasedMfModel({
    ...defaultBiasedMfConfig,
    ...config,
    training: { ...defaultBiasedMfConfig.training, ...config.training },
  });
}
