/**
 * Regularised user + item bias baseline, r̂(u,i) = μ + b_u + b_i, fitted by alternating least squares
 * (Koren, "Factor in the neighbors", TKDD 2010, section 2.1; the same algorithm and defaults as Surprise's
 * BaselineOnly with method "als": reg_u 15, reg_i 10, 10 iterations).
 */
import { assertPairsInRange } from "../data/index-identity";
import { meanRating, type Ratings } from "../data/ratings";
import { singleStepHistory, type TrainingHistory } from "../train/training-history";
import { clipToScale, type FitOptions, type RatingModel } from "./rating-model";

/** Bias-baseline hyperparameters. */
export interface BiasBaselineConfig {
  /** Shrinkage of user biases (in rating counts). */
  regUser: number;
  /** Shrinkage of item biases (in rating counts). */
  regItem: number;
  /** Alternating passes (items, then users). */
  iterations: number;
}

/** Surprise's defaults for the ALS baseline. */
export const defaultBiasBaselineConfig: BiasBaselineConfig = { regUser: 15, regItem: 10, iterations: 10 };

/** μ + b_u + b_i with closed-form regularised alternating updates; unseen users or items get bias 0. */
export class BiasBaselineModel implements RatingModel {
  readonly name = "Bias baseline";
  private mean = NaN;
  private userBias = new Float64Array(0);
  private itemBias = new Float64Array(0);
  private scale = { min: -Infinity, max: Infinity };

  constructor(readonly config: BiasBaselineConfig) {
    for (const k of ["regUser", "regItem"] as const) {
      if (!(config[k] >= 0)) throw new RangeError(`BiasBaselineConfig.${k} must be >= 0, got ${config[k]}`);
    }
    if (!(Number.isInteger(config.iterations) && config.iterations >= 1)) {
      throw new RangeError(`BiasBaselineConfig.iterations must be an integer >= 1, got ${config.iterations}`);
    }
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    const start = performance.now();
    if (train.size === 0) throw new RangeError("BiasBaselineModel.fit: the training set is empty");
    const { users, items, values } = train;
    this.mean = meanRating(train);
    this.scale = train.scale;
    const bu = new Float64Array(train.numUsers);
    const bi = new Float64Array(train.numItems);
    const sumU = new Float64Array(train.numUsers);
    const sumI = new Float64Array(train.numItems);
    const countU = new Float64Array(train.numUsers);
    const countI = new Float64Array(train.numItems);
    for (let k = 0; k < train.size; k++) {
      countU[users[k]]++;
      countI[items[k]]++;
    }
    for (let it = 0; it < this.config.iterations; it++) {
      sumI.fill(0);
      for (let k = 0; k < train.size; k++) sumI[items[k]] += values[k] - this.mean - bu[users[k]];
      for (let i = 0; i < bi.length; i++) bi[i] = countI[i] > 0 ? sumI[i] / (this.config.regItem + countI[i]) : 0;
      sumU.fill(0);
      for (let k = 0; k < train.size; k++) sumU[users[k]] += values[k] - this.mean - bi[items[k]];
      for (let u = 0; u < bu.length; u++) bu[u] = countU[u] > 0 ? sumU[u] / (this.config.regUser + countU[u]) : 0;
    }
    this.userBias = bu;
    this.itemBias = bi;
    return singleStepHistory(this, train, options, start);
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (Number.isNaN(this.mean)) throw new Error(`${this.name}: predict called before fit`);
    if (users.length !== items.length) throw new RangeError("predict: users and items differ in length");
    assertPairsInRange(`${this.name}.predict`, users, items, this.userBias.length, this.itemBias.length);
    const out = new Float32Array(users.length);
    for (let k = 0; k < out.length; k++) {
      out[k] = this.mean + this.userBias[users[k]] + this.itemBias[items[k]];
    }
    return clipToScale(out, this.scale.min, this.scale.max);
  }

  dispose(): void {
    this.mean = NaN;
    this.userBias = new Float64Array(0);
    this.itemBias = new Float64Array(0);
  }
}

/** Creates a bias baseline; unspecified fields take `defaultBiasBaselineConfig`. */
export function createBiasBaseline(config: Partial<BiasBaselineConfig> = {}): BiasBaselineModel {
  return new BiasBaselineModel({ ...defaultBiasBaselineConfig, ...config });
}
