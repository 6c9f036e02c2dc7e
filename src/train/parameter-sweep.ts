/**
 * A grid sweep of hyperparameters: fits one model per parameter combination on the same split and scores it,
 * for "effect of dimension and regularisation" charts.
 */
import { assertSameIndex } from "../data/index-identity";
import type { RatingModel } from "../models/rating-model";
import { evaluateRatingModels, type EvaluationSetup } from "./evaluate-rating-models";

/** One point of a sweep: its parameters, test scores, kept epoch and fit time. */
export interface SweepPoint<P> {
  params: P;
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
    out.push({ params, ...e.metrics, bestEpoch: e.history.bestEpoch, trainSeconds: e.trainSeconds });
    e.model.dispose();
  }
  return out;
}
