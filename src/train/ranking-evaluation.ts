/**
 * Ranking evaluation of implicit-feedback models under a RankingProtocol: scores every evaluated user's
 * candidates in large batches of (user, item) pairs through `model.score`, ranks them with a seeded random
 * tie-break (tie-break-ranks.ts) and averages HR@K, NDCG@K, Precision@K, Recall@K, MAP@K, MRR and AUC over users
 * (ranking-summary.ts). Also the Validator that drives early stopping on such a metric.
 */
import { meanRankingMetrics, checkCutoffs, type UserRanks } from "../metrics/ranking-summary";
import { expectedHitAndNdcg, tiedRange } from "../metrics/expected-tie-metrics";
import { tieBreakRanks, type RankedRelevant } from "../metrics/tie-break-ranks";
import type { ImplicitModel } from "../models/implicit-model";
import { Rng } from "../random/rng";
import type { Validator } from "./epoch-loop";
import { forEachCandidateList, markRepeatedNegatives } from "./candidate-lists";
import type { RankingProtocol } from "./ranking-protocol";

/** What ranking needs of a model: scores of (user, item) pairs, higher first. */
export type PairScorer = Pick<ImplicitModel, "score">;

/** Options of rankTestItems. */
export interface RankTestItemsOptions {
  /** Seeded generator for the random tie-break (see tieBreakRanks); the same seed gives the same result. */
  rng: Rng;
  /** Pairs scored per `model.score` call (memory: 12 bytes per pair); default 1,048,576. */
  batchPairs?: number;
  /**
   * Sampled protocols only: what happens to a negative that repeats a relevant item or an earlier negative of the
   * same list. "drop" (default): the candidates are a set, as in NCF's evaluate.py. "keep": every listed negative is
   * ranked as a separate non-relevant candidate, so a copy of the held-out item ties with it (random tie-break).
   */
  repeatedNegatives?: "drop" | "keep";
}

/** Options of evaluateRanking. */
export interface RankingEvaluationOptions extends RankTestItemsOptions {
  /** Cutoff K of the top-K metrics, or several; default 10. */
  k?: number | readonly number[];
}

/**
 * The positions of every evaluated user's relevant items in its ranked candidate list (CSR over
 * `protocol.users`, see UserRanks), for per-user analysis; evaluateRanking averages them.
 *
 * A user's candidates are a set of items, as in NCF's evaluate.py (a dict keyed by item): in a sampled protocol
 * a negative that equals one of the user's relevant items, or an earlier negative, is not ranked again. This
 * matters on the published ml-1m-loo negatives, where 156 users' negatives contain their own held-out item (the
 * "77 rated negatives among users 1 to 2998" of SOURCES.md); counted as a non-relevant copy with the same score
 * it would lose half of those ties and lower popularity's HR@10 from 0.4535 to 0.4529
 * (`repeatedNegatives: "keep"` ranks it that way).
 */
export function rankTestItems(model: PairScorer, protocol: RankingProtocol, options: RankTestItemsOptions): UserRanks {
  const p = protocol;
  const dropRepeats = repeatedNegativesMode(options) === "drop";
  const numUsers = p.users.length;
  const offsets = new Int32Array(numUsers + 1);
  const ranks = new Int32Array(p.relevantOffsets[numUsers]);
  const candidates = new Int32Array(numUsers);
  const numItems = p.train.numItems;
  const excludedMask = p.negatives ? undefined : new Uint8Array(numItems);
  const itemMark = new Uint8Array(p.negatives ? numItems : 0);
  const repeatMask = new Uint8Array(p.negatives ? p.negativesPerUser + maxRelevant(p) : 0);
  const firstPositions = Int32Array.from({ length: maxRelevant(p) }, (_, j) => j);
  forEachCandidateList("rankTestItems", model, p, options.batchPairs ?? 1 << 20, ({ userIndex: k, items, scores, relevantCount }) => {
    const r0 = p.relevantOffsets[k];
    const r1 = p.relevantOffsets[k + 1];
    let ranked: RankedRelevant;
    if (p.negatives) {
      const drop = repeatMask.subarray(0, items.length);
      if (dropRepeats) markRepeatedNegatives(items, relevantCount, itemMark, drop);
      ranked = tieBreakRanks(scores, firstPositions.subarray(0, relevantCount), options.rng, drop);
      drop.fill(0);
    } else {
      const ex = p.excluded!;
      const u = p.users[k];
      for (let j = ex.offsets[u]; j < ex.offsets[u + 1]; j++) excludedMask![ex.indices[j]] = 1;
      ranked = tieBreakRanks(scores, p.relevantItems.subarray(r0, r1), options.rng, excludedMask);
      for (let j = ex.offsets[u]; j < ex.offsets[u + 1]; j++) excludedMask![ex.indices[j]] = 0;
    }
    ranks.set(ranked.ranks, r0);
    candidates[k] = ranked.candidates;
    offsets[k + 1] = r1;
  });
  return { offsets, ranks, candidates };
}

/** The largest number of relevant items of one evaluated user. */
function maxRelevant(p: RankingProtocol): number {
  let m = 0;
  for (let k = 0; k < p.users.length; k++) m = Math.max(m, p.relevantOffsets[k + 1] - p.relevantOffsets[k]);
  return m;
}

/** The validated `repeatedNegatives` option. */
function repeatedNegativesMode(options: Pick<RankTestItemsOptions, "repeatedNegatives">): "drop" | "keep" {
  const mode = options.repeatedNegatives ?? "drop";
  if (mode !== "drop" && mode !== "keep") throw new RangeError(`rankTestItems: repeatedNegatives must be "drop" or "keep", got "${String(mode)}"`);
  return mode;
}

/**
 * HR@K and NDCG@K of a sampled protocol with one relevant item per user, as their exact expectation over the
 * random orders of tied candidates (expected-tie-metrics.ts) instead of one seeded draw: what a random tie-break
 * gives on average, without its noise. This is how a popularity baseline (many ties) is compared with published
 * numbers. Returns { "hr@K", "ndcg@K" } averaged over users.
 */
export function expectedSampledMetrics(model: PairScorer, protocol: RankingProtocol, options: Omit<RankingEvaluationOptions, "rng"> & { k?: number }): Record<string, number> {
  const p = protocol;
  const k = options.k ?? 10;
  if (!p.negatives) throw new RangeError("expectedSampledMetrics: the protocol has no sampled negatives");
  const dropRepeats = repeatedNegativesMode(options) === "drop";
  const itemMark = new Uint8Array(p.train.numItems);
  const drop = new Uint8Array(p.negativesPerUser + maxRelevant(p));
  let hr = 0;
  let ndcg = 0;
  forEachCandidateList("expectedSampledMetrics", model, p, options.batchPairs ?? 1 << 20, ({ items, scores, relevantCount }) => {
    if (relevantCount !== 1) throw new RangeError(`expectedSampledMetrics: needs one relevant item per user, found ${relevantCount}`);
    const mask = drop.subarray(0, items.length);
    if (dropRepeats) markRepeatedNegatives(items, relevantCount, itemMark, mask);
    const { above, tied } = tiedRange(scores, 0, mask);
    const e = expectedHitAndNdcg(above, tied, k);
    mask.fill(0);
    hr += e.hr;
    ndcg += e.ndcg;
  });
  return { [`hr@${k}`]: hr / p.users.length, [`ndcg@${k}`]: ndcg / p.users.length };
}

/**
 * Ranking metrics of `model` under `protocol`, averaged over the evaluated users: for each cutoff K of
 * `options.k` (default 10) "hr@K", "ndcg@K", "precision@K", "recall@K", "map@K", and "mrr", "auc" (definitions
 * in ranking-metrics.ts). Ties are broken in random order drawn from `options.rng`.
 */
export function evaluateRanking(model: PairScorer, protocol: RankingProtocol, options: RankingEvaluationOptions): Record<string, number> {
  const ks = checkCutoffs(options.k ?? 10, "evaluateRanking");
  return meanRankingMetrics(rankTestItems(model, protocol, options), ks);
}

/** Options of rankingValidator. */
export interface RankingValidatorOptions {
  /** Cutoff K (or several); default 10. */
  k?: number | readonly number[];
  /** Metric that drives early stopping, a key of evaluateRanking's result; default "hr@K" for the first K. */
  metric?: string;
  /** Generator from which the validator draws one tie-break seed; every `evaluate()` reuses that seed. */
  rng: Rng;
  /** Pairs scored per call; default as rankTestItems. */
  batchPairs?: number;
}

/**
 * A Validator (higher is better) that evaluates `model` under `protocol` after each epoch, e.g. HR@10 on a
 * validation holdout carved from the training data:
 *
 * ```ts
 * const inner = validationProtocol(outer.train, rng); // one interaction per user + 99 negatives, from train
 * await model.fit(inner.train, { rng, validator: rankingValidator(model, inner, { k: 10, rng }) });
 * ```
 *
 * Every evaluation uses the same tie-break seed, so epochs are compared on equal terms.
 */
export function rankingValidator(model: PairScorer, protocol: RankingProtocol, options: RankingValidatorOptions): Validator {
  const ks = checkCutoffs(options.k ?? 10, "rankingValidator");
  const metric = options.metric ?? `hr@${ks[0]}`;
  const known = ks.flatMap((k) => [`hr@${k}`, `ndcg@${k}`, `precision@${k}`, `recall@${k}`, `map@${k}`]).concat(["mrr", "auc"]);
  if (known.indexOf(metric) < 0) throw new RangeError(`rankingValidator: metric must be one of ${known.join(", ")}, got "${metric}"`);
  const seed = options.rng.nextSeed();
  return {
    metric,
    lowerIsBetter: false,
    evaluate: () => evaluateRanking(model, protocol, { k: ks, rng: new Rng(seed), batchPairs: options.batchPairs }),
  };
}
