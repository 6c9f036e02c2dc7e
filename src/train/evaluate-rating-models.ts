/**
 * Fits several rating models on the same training ratings and scores them on the same test ratings:
 * the comparison every explicit-feedback notebook makes.
 */
import { assertSameIndex } from "../data/index-identity";
import type { Ratings } from "../data/ratings";
import { mae, rmse } from "../metrics/regression-metrics";
import { predictRatings, type RatingModel } from "../models/rating-model";
import type { Rng } from "../random/rng";
import type { ProgressReporter } from "./progress";
import type { TrainingHistory } from "./training-history";

/** One model's outcome: test metrics, history and fit time. */
export interface ModelEvaluation {
  model: RatingModel;
  /** Test RMSE and MAE (rating units). */
  metrics: { rmse: number; mae: number };
  history: TrainingHistory;
  /** Seconds to fit, as the model's history reports it (per-epoch validation included for iterative models). */
  trainSeconds: number;
}

/** Inputs of `evaluateRatingModels`. */
export interface EvaluationSetup {
  /** Ratings the models learn from. */
  train: Ratings;
  /** Ratings for learning curves and early stopping (carved from the training side, never the test set). */
  validation?: Ratings;
  /** Held-out ratings scored once, after training. */
  test: Ratings;
  /** Seeded generator; each model gets its own fork, in order, so adding a model never changes earlier ones. */
  rng: Rng;
  /** Progress display for iterative models. */
  progress?: ProgressReporter;
}

/**
 * Fits each model in turn on `setup.train` and scores it on `setup.test`. Throws before fitting if train,
 * validation and test do not share one id index (see index-identity.ts).
 */
export async function evaluateRatingModels(models: RatingModel[], setup: EvaluationSetup): Promise<ModelEvaluation[]> {
  checkSetup("evaluateRatingModels", setup);
  return fitAndScore(models, models.map(() => setup.rng.fork()), setup);
}

/**
 * `evaluateRatingModels` with each model's generator given (rngs[m] for models[m]; `setup.rng` is not used), for
 * callers that fork the streams ahead, e.g. to fit some of the models in another process with the same streams.
 */
export async function evaluateRatingModelsWith(models: RatingModel[], rngs: Rng[], setup: Omit<EvaluationSetup, "rng">): Promise<ModelEvaluation[]> {
  checkSetup("evaluateRatingModelsWith", setup);
  if (rngs.length !== models.length) throw new RangeError(`evaluateRatingModelsWith: ${models.length} models but ${rngs.length} generators`);
  return fitAndScore(models, rngs, setup);
}

/** Fits models[m] with rngs[m] and scores it, in order (the setup already checked). */
async function fitAndScore(models: RatingModel[], rngs: Rng[], setup: Omit<EvaluationSetup, "rng">): Promise<ModelEvaluation[]> {
  const out: ModelEvaluation[] = [];
  for (let m = 0; m < models.length; m++) {
    const model = models[m];
    const history = await model.fit(setup.train, { rng: rngs[m], validation: setup.validation, progress: setup.progress });
    const trainSeconds = history.trainSeconds;
    const predicted = predictRatings(model, setup.test);
    out.push({
      model,
      metrics: { rmse: rmse(predicted, setup.test.values), mae: mae(predicted, setup.test.values) },
      history,
      trainSeconds,
    });
  }
  return out;
}

/** Throws if train, validation and test do not share one id index or the test set is empty. */
export function checkSetup(who: string, setup: Omit<EvaluationSetup, "rng">): void {
  assertSameIndex(who, { train: setup.train, validation: setup.validation, test: setup.test });
  if (setup.test.size === 0) throw new RangeError(`${who}: the test set is empty`);
}
