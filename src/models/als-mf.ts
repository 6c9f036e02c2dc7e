/**
 * Biased matrix factorization r̂(u,i) = μ + b_u + b_i + p_u · q_i for explicit ratings, fitted by alternating
 * regularised least squares with weighted-λ regularisation ("ALS-WR": Zhou, Wilkinson, Schreiber and Pan,
 * "Large-scale parallel collaborative filtering for the Netflix prize", AAIM 2008), biases solved jointly with the
 * factors. An iteration ("epoch" of the shared loop; its shuffled order is unused) solves every user's
 * (k+1) x (k+1) normal equations in closed form, then every item's; early stopping on validation RMSE. The
 * half-steps run on WebAssembly (`AlsArena`), bit for bit the same as `alsHalfStep`, the plain reference.
 */
import { ratingsByItem, ratingsByUser } from "../data/rating-matrix";
import { meanRating, type Ratings } from "../data/ratings";
import type { EpochTrainer } from "../train/epoch-loop";
import type { TrainingHistory } from "../train/training-history";
import { AlsArena } from "./factorization/als-arena";
import type { AlsSides } from "./factorization/als-half-step";
import { BiasedFactors, factorSnapshots, fillRandomNormal, ratingCounts, sumSquaredError, weightedPenalty } from "./factorization/biased-factors";
import { FactorizationModel } from "./factorization/factorization-model";
import { checkRefitConfig, fitWithRefit, type RefitConfig } from "./factorization/fit-with-refit";
import type { FitOptions } from "./rating-model";
import { seenIndices } from "./seen-indices";

/** ALS-MF hyperparameters (the epoch-loop and refit settings included; an epoch is one user pass plus one item pass). */
export interface AlsMfConfig extends RefitConfig {
  /** Latent dimension k of p_u and q_i. */
  dim: number;
  /** λ: weight of |p_u|² (|q_i|²), multiplied by the user's (item's) rating count. */
  regFactors: number;
  /** λ_b: weight of b_u² (b_i²), multiplied by the rating count. */
  regBias: number;
  /** Standard deviation (> 0) of the seeded N(0, σ²) initialisation of the item factors (users are solved first). */
  initStd: number;
}

/**
 * Defaults: the ml-100k preset (k = 20, λ = 0.15, λ_b = 0.05, σ = 0.1, up to 60 iterations, early stopping after
 * 5 flat ones). λ multiplies each row's rating count (weighted-λ); on ml-100k folds 1-2, λ = 0.07 overfits (RMSE
 * 0.954) and λ >= 0.25 shrinks most factors to zero (0.936 and worse), while k = 20 and k = 50 score alike.
 */
export const defaultAlsMfConfig: AlsMfConfig = {
  dim: 20,
  regFactors: 0.15,
  regBias: 0.05,
  initStd: 0.1,
  epochs: 60,
  patience: 5,
  minDelta: 0,
  refitOnValidation: false,
};

/**
 * Configurations found by 5-fold CV (`new Rng(42)`) with 10% of each training fold held out for early stopping,
 * no refit. ALS is the fast closed-form baseline here, not the most accurate model (see `sgdMfPresets`).
 */
export const alsMfPresets: Readonly<Record<"ml-100k" | "ml-1m", AlsMfConfig>> = {
  /** ml-100k: 5-fold mean RMSE 0.919. */
  "ml-100k": { ...defaultAlsMfConfig },
  /** ml-1m: λ = 0.07, up to 100 iterations; fold 1 RMSE 0.858 (λ = 0.1: 0.863, λ = 0.15: 0.886). */
  "ml-1m": { ...defaultAlsMfConfig, regFactors: 0.07, epochs: 100 },
};

/**
 * μ + b_u + b_i + p_u·q_i by ALS-WR. Users or items without training ratings are never solved and keep zero
 * factors and bias, so they are predicted from the known side (μ + b_i, μ + b_u, or μ). Clipped to the scale.
 */
export class AlsMfModel extends FactorizationModel<AlsMfConfig, BiasedFactors> {
  readonly name = "ALS MF";

  constructor(config: AlsMfConfig) {
    super(config, checkAlsMfConfig);
  }

  protected fitNonEmpty(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    return fitWithRefit(this, train, options, this.config, (data) => {
      const { dim, initStd } = this.config;
      const f = new BiasedFactors(data.numUsers, data.numItems, dim, meanRating(data));
      fillRandomNormal(f.itemFactors, dim, initStd, options.rng, seenIndices(data).items);
      this.state = f;
      return this.trainer(f, data);
    });
  }

  /** The epoch trainer: a user half step then an item half step; the objective is the ALS-WR cost after both. */
  private trainer(f: BiasedFactors, train: Ratings): EpochTrainer<BiasedFactors> {
    const c = this.config;
    const byUser = ratingsByUser(train);
    const byItem = ratingsByItem(train);
    const counts = ratingCounts(train);
    const arena = new AlsArena(Math.max(train.numUsers, train.numItems), byUser.indices.length, c.dim);
    const shared = { dim: c.dim, mean: f.mean, regFactors: c.regFactors, regBias: c.regBias };
    const userSide: AlsSides = { ...shared, fixedFactors: f.itemFactors, fixedBias: f.itemBias, factors: f.userFactors, bias: f.userBias };
    const itemSide: AlsSides = { ...shared, fixedFactors: f.userFactors, fixedBias: f.userBias, factors: f.itemFactors, bias: f.itemBias };
    return {
      batchesPerEpoch: 2,
      runEpoch: (_order, onBatch) => {
        this.requireSolved(arena.halfStep(byUser, userSide), "user");
        onBatch(1);
        this.requireSolved(arena.halfStep(byItem, itemSide), "item");
        onBatch(2);
        return 0.5 * (sumSquaredError(f, train) + weightedPenalty(f, counts, c.regFactors, c.regBias));
      },
      ...factorSnapshots(f),
    };
  }

  private requireSolved(failedRow: number, side: string): void {
    if (failedRow >= 0) {
      throw new RangeError(`${this.name}: the normal equations of ${side} ${failedRow} are singular; use AlsMfConfig.regFactors > 0 and regBias > 0`);
    }
  }

  protected predictor(f: BiasedFactors): BiasedFactors {
    return f;
  }

  /** The learned parameters (null before fit): factor tables and biases, for inspection and notebooks. */
  get parameters(): BiasedFactors | null {
    return this.state;
  }
}

/** Validates an ALS-MF configuration; errors name the field (e.g. `AlsMfConfig.regFactors`). */
export function checkAlsMfConfig(c: AlsMfConfig): void {
  const owner = "AlsMfConfig";
  if (!(Number.isInteger(c.dim) && c.dim >= 1)) throw new RangeError(`${owner}.dim must be an integer >= 1, got ${c.dim}`);
  for (const k of ["regFactors", "regBias"] as const) {
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number >= 0, got ${c[k]}`);
  }
  // With all-zero item factors every user solve returns p_u = 0 and ALS never leaves the bias-only model.
  if (!(c.initStd > 0 && Number.isFinite(c.initStd))) throw new RangeError(`${owner}.initStd must be a finite number > 0, got ${c.initStd}`);
  checkRefitConfig(c, owner);
}

/** Creates an ALS-MF model; unspecified fields take `defaultAlsMfConfig`. */
export function createAlsMf(config: Partial<AlsMfConfig> = {}): AlsMfModel {
  return new AlsMfModel({ ...defaultAlsMfConfig, ...config });
}
