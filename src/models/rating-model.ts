/**
 * The interface every rating-prediction model implements (baselines, matrix factorization, MLP, hybrid),
 * so that one training loop, one evaluation and one contract test suite serve them all.
 */
import { assertFittedOn } from "../data/index-identity";
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import { predictPairs, type TrainingHistory } from "../train/training-history";
import type { ProgressReporter } from "../train/progress";

/** Options every `fit` accepts. */
export interface FitOptions {
  /** Seeded generator for initialisation and shuffling (required: no hidden randomness). */
  rng: Rng;
  /** Held-out ratings scored after every epoch, for learning curves and early stopping. Never the test set. */
  validation?: Ratings;
  /** Where per-epoch progress goes; defaults to the console or the notebook display. */
  progress?: ProgressReporter;
}

/** A model that predicts explicit ratings for (user, item) pairs of one index space. */
export interface RatingModel {
  /** Short display name, e.g. "Biased MF". */
  readonly name: string;
  /** `indexId` of the ratings of the last fit (every built-in model sets it; predictRatings refuses another index). */
  readonly fittedIndexId?: string;
  /** Trains on `train` and returns the per-epoch history (one entry for closed-form models). */
  fit(train: Ratings, options: FitOptions): Promise<TrainingHistory>;
  /**
   * Predicted ratings for pairs (users[k], items[k]), clipped to the training scale. Users or items without
   * training ratings fall back to the parts of the model that are known (documented per model). Shape [n].
   */
  predict(users: Int32Array, items: Int32Array): Float32Array;
  /**
   * Optional, for time-aware models (timeSVD++): predictions for pairs rated at `timestamps[k]` (seconds since the
   * epoch), clipped like `predict`. `predictRatings` calls it for ratings that carry timestamps. Shape [n].
   */
  predictAt?(users: Int32Array, items: Int32Array, timestamps: Float64Array): Float32Array;
  /** Releases tensors and buffers; the model cannot predict afterwards. */
  dispose(): void;
}

/**
 * Predicts every rating of `r` with `model` (at the ratings' times when `r` has timestamps and the model has
 * `predictAt`); throws if `r` is from another id index than the model's fit. Shape [r.size].
 */
export function predictRatings(model: RatingModel, r: Ratings): Float32Array {
  assertFittedOn(model, r, "the ratings to predict");
  return predictPairs(model, r);
}

/** Clips predictions in place to [min, max] and returns them. */
export function clipToScale(p: Float32Array, min: number, max: number): Float32Array {
  for (let k = 0; k < p.length; k++) p[k] = p[k] < min ? min : p[k] > max ? max : p[k];
  return p;
}
