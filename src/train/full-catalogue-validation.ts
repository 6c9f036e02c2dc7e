/**
 * Model selection for full-catalogue retrieval without touching the test split: a validation protocol carved
 * from the training data (one random training interaction per user held out, ranked against every item the
 * user has no other training interaction with), and EASE's λ sweep on it (Steck 2019; issue 15).
 */
import { ratingsByUser } from "../data/rating-matrix";
import type { Ratings } from "../data/ratings";
import { perUserHoldout } from "../data/splits/per-user-holdout";
import { createEase } from "../models/implicit/ease";
import type { Rng } from "../random/rng";
import { evaluateFullCatalogue } from "./full-catalogue-evaluation";
import { relevantByUser, type RankingProtocol } from "./ranking-protocol";

/** A full-catalogue protocol on `train`: one interaction per user (with at least two) held out at random by `rng`. */
export function fullCatalogueValidation(train: Ratings, rng: Rng): RankingProtocol {
  const split = perUserHoldout(train, rng, { testPerUser: 1 });
  return {
    name: "validation (1 random training interaction per user), full catalogue",
    train: split.train, test: split.test, ...relevantByUser(split.test),
    negatives: null, negativesPerUser: 0, excluded: ratingsByUser(split.train),
  };
}

/** One λ of an EASE sweep and its validation metrics. */
export interface EaseSweepRow {
  lambda: number;
  /** HR@10, NDCG@10 and Recall@50 on the validation holdout, full catalogue. */
  metrics: Record<string, number>;
  fitSeconds: number;
}

/**
 * Fits EASE for every λ of `lambdas` on `validation.train` and scores the validation holdout over the full
 * catalogue; returns the rows and the λ with the best NDCG@10 (ties: the smaller λ).
 */
export async function easeLambdaSweep(validation: RankingProtocol, lambdas: readonly number[], rng: Rng): Promise<{ rows: EaseSweepRow[]; best: number }> {
  if (lambdas.length === 0) throw new RangeError("easeLambdaSweep: lambdas is empty");
  const rows: EaseSweepRow[] = [];
  for (const lambda of lambdas) {
    const model = createEase({ lambda });
    const h = await model.fit(validation.train, { rng });
    const e = evaluateFullCatalogue(model, validation, { k: [10, 50] });
    rows.push({ lambda, metrics: { "hr@10": e.metrics["hr@10"], "ndcg@10": e.metrics["ndcg@10"], "recall@50": e.metrics["recall@50"] }, fitSeconds: h.trainSeconds });
    model.dispose();
  }
  const best = rows.reduce((a, b) => (b.metrics["ndcg@10"] > a.metrics["ndcg@10"] ? b : a));
  return { rows, best: best.lambda };
}
