/**
 * A grid sweep of hyperparameters: fits one model per parameter combination on the same split and scores it on
 * validation (carved from the training data, the score that chooses) and on test (reported for the chosen point),
 * for "effect of dimension and regularisation" charts.
 */
import { assertSameIndex } from "../data/index-identity";
import type { RatingModel } from "../models/rating-model";
import { evaluateRatingModels, type EvaluationSetup } from "./evaluate-rating-models";

/** One point of a sweep: its parameters, validation and test scores, kept epoch and fit time. */
export interface SweepPoint<P> {
  params: P;
  /** Validation RMSE at the kept epoch (rating points); NaN when the setup has no validation ratings. */
  validationRmse: number;
  /** Test RMSE and MAE (rating points): report them for the point chosen on validation, never choose by them. */
  rmse: number;
  mae: number;
  bestEpoch: number;
  trainSeconds: number;
}

/** The cartesian product of named value lists, e.g. { dim: [16, 64], reg: [0.02, 0.1] } -> 4 combinations. */
export function parameterGrid<K extends string>(axes: Record<K, number[]>): Record<K, number>[] {
  let grid: Record<string, number>[] = [{}];
  for (const [name, values] of Object.entries(axes) as [string, number[]][]) {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`parameterGrid: axis ${name} needs at least one value`);
    grid = grid.flatMap((g) => values.map((v) => ({ ...g, [name]: v })));
  }
  return grid as Record<K, number>[];
}

/** Fits `make(p)` for every `p` of `grid` on `setup` (each with its own forked generator) and scores it. */
export async function sweepRatingModel<P>(grid: P[], make: (p: P) => RatingModel, setup: EvaluationSetup): Promise<SweepPoint<P>[]> {
  assertSameIndex("sweepRatingModel", { train: setup.train, validation: setup.validation, test: setup.test });
  const out: SweepPoint<P>[] = [];
  for (const params of grid) {
    const [e] = await evaluateRatingModels([make(params)], { ...setup, rng: setup.rng.fork() });
    const kept = e.history.epochs.find((r) => r.epoch === e.history.bestEpoch) ?? e.history.epochs[e.history.epochs.length - 1];
    const validationRmse = kept?.validation?.rmse ?? NaN;
    out.push({ params, validationRmse, ...e.metrics, bestEpoch: e.history.bestEpoch, trainSeconds: e.trainSeconds });
    e.model.dispose();
  }
  return out;
}

/** The sweep point with the lowest validation RMSE; throws when the sweep had no validation ratings. */
export function chooseOnValidation<P>(points: SweepPoint<P>[]): SweepPoint<P> {
  const scored = points.filter((p) => Number.isFinite(p.validationRmse));
  if (scored.length === 0) throw new Error("chooseOnValidation: no sweep point has a validation RMSE; give the sweep validation ratings carved from the training data");
  return scored.reduce((best, p) => (p.validationRmse < best.validationRmse ? p : best));
}
