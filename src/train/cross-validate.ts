/**
 * k-fold cross-validation of rating models (Surprise's public benchmark protocol: shuffled, seeded folds; mean
 * RMSE, MAE and fit time over the folds), with a validation share carved from each training fold for early
 * stopping so that test folds stay untouched.
 */
import { kFold } from "../data/splits/k-fold";
import { randomSplit } from "../data/splits/random-split";
import type { Ratings } from "../data/ratings";
import type { RatingModel } from "../models/rating-model";
import type { Rng } from "../random/rng";
import { evaluateRatingModels } from "./evaluate-rating-models";
import type { ProgressReporter } from "./progress";

/** One model's scores on one fold. */
export interface FoldScore {
  rmse: number;
  mae: number;
  /** Seconds to fit on the fold's training ratings. */
  trainSeconds: number;
  /** Epoch whose parameters were kept (1 for closed-form models). */
  bestEpoch: number;
}

/** One model's cross-validated scores. */
export interface CrossValidationResult {
  model: string;
  /** Scores per fold, in fold order. */
  folds: FoldScore[];
  /** Means over the folds. */
  mean: FoldScore;
  /** Sample standard deviation of the fold RMSEs. */
  rmseStd: number;
}

/** Settings of `crossValidate`. */
export interface CrossValidationOptions {
  /** Number of folds (Surprise's benchmark: 5). */
  folds: number;
  /** Share of each training fold held out for early stopping (0: none). */
  validationFraction: number;
  /** Seeded generator for the folds, the validation carve-outs and the models. */
  rng: Rng;
  progress?: ProgressReporter;
  /** Called after each fold with its number (1-based) and the scores so far. */
  onFold?: (fold: number, results: CrossValidationResult[]) => void;
}

/** Cross-validates fresh models from `factories` (one call per fold) on `ratings`. */
export async function crossValidate(
  factories: (() => RatingModel)[],
  ratings: Ratings,
  options: CrossValidationOptions,
): Promise<CrossValidationResult[]> {
  if (!(options.validationFraction >= 0 && options.validationFraction < 1)) {
    throw new RangeError(`crossValidate: validationFraction must be in [0, 1), got ${options.validationFraction}`);
  }
  const splits = kFold(ratings, options.rng, options.folds);
  const perModel: FoldScore[][] = factories.map(() => []);
  const names: string[] = [];
  let results: CrossValidationResult[] = [];
  for (let f = 0; f < splits.length; f++) {
    const foldRng = options.rng.fork();
    const { train: trainAll, test } = splits[f];
    const inner = options.validationFraction > 0 ? randomSplit(trainAll, foldRng, { testFraction: options.validationFraction }) : undefined;
    const models = factories.map((make) => make());
    const evaluations = await evaluateRatingModels(models, {
      train: inner ? inner.train : trainAll,
      validation: inner?.test,
      test,
      rng: foldRng,
      progress: options.progress,
    });
    evaluations.forEach((e, m) => {
      names[m] = e.model.name;
      perModel[m].push({ ...e.metrics, trainSeconds: e.trainSeconds, bestEpoch: e.history.bestEpoch });
      e.model.dispose();
    });
    results = perModel.map((folds, m) => summarize(names[m], folds));
    options.onFold?.(f + 1, results);
  }
  return results;
}

function summarize(model: string, folds: FoldScore[]): CrossValidationResult {
  const mean = (k: keyof FoldScore) => folds.reduce((s, x) => s + x[k], 0) / folds.length;
  const m = mean("rmse");
  const variance = folds.length > 1 ? folds.reduce((s, x) => s + (x.rmse - m) ** 2, 0) / (folds.length - 1) : 0;
  return {
    model,
    folds,
    mean: { rmse: m, mae: mean("mae"), trainSeconds: mean("trainSeconds"), bestEpoch: mean("bestEpoch") },
    rmseStd: Math.sqrt(variance),
  };
}
