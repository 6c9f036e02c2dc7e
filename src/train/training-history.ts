/**
 * Per-epoch record of a training run: losses, validation metrics and timings, as drawn in learning curves and
 * written beside every result.
 */
import { assertFittedOn } from "../data/index-identity";
import { selectRatings, type Ratings } from "../data/ratings";
import { mae, rmse } from "../metrics/regression-metrics";

/** One epoch of training. */
export interface EpochRecord {
  /** 1-based epoch number. */
  epoch: number;
  /**
   * The training objective per example, averaged over the epoch: for biased MF half the squared error plus the
   * L2 penalties; for closed-form models the training MSE (on at most 20,000 training ratings). Compare it
   * within a model, not across models.
   */
  trainLoss: number;
  /**
   * Validation metrics after this epoch, when validation data was given: `rmse` and `mae` (rating units) for
   * rating models, ranking metrics such as `hr@10` for implicit-feedback models.
   */
  validation?: Record<string, number>;
  /** Wall-clock seconds spent on this epoch's training steps (validation excluded). */
  seconds: number;
  /** Training examples processed per second in this epoch. */
  examplesPerSecond: number;
}

/** The history of one `fit`. */
export interface TrainingHistory {
  /** Model display name. */
  model: string;
  /** Records in epoch order. */
  epochs: EpochRecord[];
  /** 1-based epoch whose weights the model kept (the best validation RMSE under early stopping, else the last). */
  bestEpoch: number;
  /** True when early stopping ended training before the configured number of epochs. */
  stoppedEarly: boolean;
  /** Total wall-clock seconds of `fit`, validation included. */
  trainSeconds: number;
}

/** Minimal view of a model for scoring: predictions for pairs of one index space. */
export interface Predictor {
  readonly name: string;
  /** `indexId` of the model's training ratings, when known: scoring ratings of another index is refused. */
  readonly fittedIndexId?: string;
  predict(users: Int32Array, items: Int32Array): Float32Array;
  /** Predictions at given times (seconds since the epoch), for time-aware models; see `RatingModel.predictAt`. */
  predictAt?(users: Int32Array, items: Int32Array, timestamps: Float64Array): Float32Array;
}

/**
 * Predictions of `model` for every rating of `ratings`: `predictAt` with the ratings' timestamps when the model is
 * time-aware and the ratings carry timestamps, else `predict`. Shape [ratings.size].
 */
export function predictPairs(model: Predictor, ratings: Ratings): Float32Array {
  return model.predictAt !== undefined && ratings.timestamps !== undefined
    ? model.predictAt(ratings.users, ratings.items, ratings.timestamps)
    : model.predict(ratings.users, ratings.items);
}

/** Validation RMSE and MAE of `model` on `ratings` (of the id index the model is fitted on). */
export function scoreRatings(model: Predictor, ratings: Ratings): { rmse: number; mae: number } {
  assertFittedOn(model, ratings, "the validation ratings");
  const p = predictPairs(model, ratings);
  return { rmse: rmse(p, ratings.values), mae: mae(p, ratings.values) };
}

/**
 * History for closed-form models fitted in one step: a single epoch whose training loss is the training MSE,
 * with validation metrics when `options.validation` is given. `start` is a `performance.now()` reading.
 */
export function singleStepHistory(
  model: Predictor,
  train: Ratings,
  options: { validation?: Ratings },
  start: number,
): TrainingHistory {
  const seconds = (performance.now() - start) / 1000;
  // Training MSE on at most the first 20,000 ratings: scoring all of them would cost neighbourhood models more than
  // their fit on ml-1m, and the number only documents the fit.
  const sample = train.size > 20000 ? selectRatings(train, Array.from({ length: 20000 }, (_, k) => k)) : train;
  const trainScore = scoreRatings(model, sample);
  const record: EpochRecord = {
    epoch: 1,
    trainLoss: trainScore.rmse * trainScore.rmse,
    seconds,
    examplesPerSecond: seconds > 0 ? train.size / seconds : Infinity,
  };
  if (options.validation && options.validation.size > 0) {
    record.validation = scoreRatings(model, options.validation);
  }
  return { model: model.name, epochs: [record], bestEpoch: 1, stoppedEarly: false, trainSeconds: seconds };
}
