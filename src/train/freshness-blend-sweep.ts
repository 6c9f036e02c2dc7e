/**
 * EASE blended with the freshness prior (Covington et al. 2016, §3.3; freshness-prior.ts), one blend per decay τ,
 * each blend's weights chosen on the holdout of each timestamped user's latest training interaction
 * (latestTimestampedValidation), and the τ with the best validation NDCG@10 kept: the candidate-generation
 * notebook's freshness section. The test split is never seen.
 */
import type { Ratings } from "../data/ratings";
import { createEase } from "../models/implicit/ease";
import { createFreshnessPrior } from "../models/implicit/freshness-prior";
import { createScoreBlend, type ScoreBlendModel } from "../models/implicit/score-blend";
import { Rng } from "../random/rng";
import { latestTimestampedValidation } from "./timestamped-validation";
import type { TrainingHistory } from "./training-history";

/** One τ of the sweep: the weights its validation search chose and their validation scores. */
export interface FreshnessSweepRow {
  /** Decay of the prior, in years. */
  tau: number;
  /** Chosen weights: [EASE, prior]. */
  weights: number[];
  /** Validation HR@10 and NDCG@10 of those weights. */
  hr: number;
  ndcg: number;
  /** Seconds of the blend's fit (validation search and refit). */
  fitSeconds: number;
}

/** The kept blend (fitted on all of `train`), its history, the winning row and every row. */
export interface FreshnessSweep {
  model: ScoreBlendModel;
  history: TrainingHistory;
  best: FreshnessSweepRow;
  rows: FreshnessSweepRow[];
  /** Name of the validation holdout. */
  validation: string;
}

/**
 * Fits "EASE + freshness prior" for each of `taus` on `train` (implicit interactions with `timestamps`, NaN where
 * unknown; `releaseYears` per dense item) with EASE's `easeLambda`, and keeps the one with the best validation
 * NDCG@10 (the others are disposed). Every fit starts from a generator seeded with `seed`, so each τ sees the same
 * holdout and negatives.
 */
export async function freshnessBlendSweep(train: Ratings, releaseYears: Float64Array, easeLambda: number, taus: readonly number[], seed: number): Promise<FreshnessSweep> {
  if (taus.length === 0) throw new RangeError("freshnessBlendSweep: taus is empty");
  const rows: FreshnessSweepRow[] = [];
  let kept: FreshnessSweep | null = null;
  for (const tau of taus) {
    const blend = createScoreBlend([createEase({ lambda: easeLambda }), createFreshnessPrior(releaseYears, { tau })], { name: "EASE + freshness prior" }, (t, r) => latestTimestampedValidation(t, r));
    const history = await blend.fit(train, { rng: new Rng(seed) });
    const b = blend.search!.best;
    const row = { tau, weights: b.weights, hr: b.hr, ndcg: b.ndcg, fitSeconds: history.trainSeconds };
    rows.push(row);
    if (kept === null || row.ndcg > kept.best.ndcg) {
      kept?.model.dispose();
      kept = { model: blend, history, best: row, rows, validation: blend.search!.validation };
    } else {
      blend.dispose();
    }
  }
  return kept!;
}
