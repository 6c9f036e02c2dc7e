/**
 * Ranking evaluation of implicit-feedback models under a RankingProtocol: scores every evaluated user's
 * candidates in large batches of (user, item) pairs through `model.score`, ranks them with a seeded random
 * tie-break (tie-break-ranks.ts) and averages HR@K, NDCG@K, Precision@K, Recall@K, MAP@K, MRR and AUC over users
 * (ranking-summary.ts). Also the Validator that drives early stopping on such a metric.
 */
import { meanRankingMetrics, checkCutoffs, type UserRanks } from "../metrics/ranking-summary";
import { tieBreakRanks, type RankedRelevant } from "../metrics/tie-break-ranks";
import type { ImplicitModel } from "../models/implicit-model";
import { Rng } from "../random/rng";
import type { Validator } from "./epoch-loop";
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
  const batchPairs = options.batchPairs ?? 1 << 20;
  if (!(Number.isInteger(batchPairs) && batchPairs >= 1)) throw new RangeError(`rankTestItems: batchPairs must be a positive integer, got ${batchPairs}`);
  const repeated = options.repeatedNegatives ?? "drop";
  if (repeated !== "drop" && repeated !== "keep") throw new RangeError(`rankTestItems: repeatedNegatives must be "drop" or "keep", got "${String(repeated)}"`);
  const dropRepeats = repeated === "drop";
  const p = protocol;
  const numUsers = p.users.length;
  if (p.relevantOffsets.length !== numUsers + 1) {
    throw new RangeError(`rankTestItems: protocol.relevantOffsets has ${p.relevantOffsets.length} entries, expected ${numUsers + 1}`);
  }
  if (!p.negatives && !p.excluded) throw new RangeError("rankTestItems: the protocol has neither negatives nor excluded items");
  const offsets = new Int32Array(numUsers + 1);
  const ranks = new Int32Array(p.relevantOffsets[numUsers]);
  const candidates = new Int32Array(numUsers);
  const numItems = p.train.numItems;
  const listLength = (k: number): number =>
    p.negatives ? p.relevantOffsets[k + 1] - p.relevantOffsets[k] + p.negativesPerUser : numItems;
  let maxList = 0;
  for (let k = 0; k < numUsers; k++) maxList = Math.max(maxList, listLength(k));
  const capacity = Math.max(batchPairs, maxList);
  const pairUsers = new Int32Array(capacity);
  const pairItems = new Int32Array(capacity);
  const excludedMask = p.negatives ? undefined : new Uint8Array(numItems);
  const itemMark = p.negatives ? new Uint8Array(numItems) : undefined;
  const repeatMask = new Uint8Array(p.negatives ? maxList : 0);
  let maxRelevant = 0;
  for (let k = 0; k < numUsers; k++) maxRelevant = Math.max(maxRelevant, p.relevantOffsets[k + 1] - p.relevantOffsets[k]);
  const firstPositions = Int32Array.from({ length: maxRelevant }, (_, j) => j);
  const allItems = p.negatives ? undefined : Int32Array.from({ length: numItems }, (_, i) => i);

  for (let start = 0; start < numUsers; ) {
    // Fill one batch of whole lists.
    let end = start;
    let n = 0;
    while (end < numUsers && n + listLength(end) <= capacity) {
      const u = p.users[end];
      const r0 = p.relevantOffsets[end];
      const r1 = p.relevantOffsets[end + 1];
      if (r1 === r0) throw new RangeError(`rankTestItems: evaluated user ${p.train.userIds[u]} has no relevant item`);
      const len = listLength(end);
      pairUsers.fill(u, n, n + len);
      if (p.negatives) {
        pairItems.set(p.relevantItems.subarray(r0, r1), n);
        pairItems.set(p.negatives.subarray(end * p.negativesPerUser, (end + 1) * p.negativesPerUser), n + r1 - r0);
      } else {
        pairItems.set(allItems!, n);
      }
      n += len;
      end++;
    }
    const scores = model.score(pairUsers.subarray(0, n), pairItems.subarray(0, n));
    if (scores.length !== n) throw new Error(`rankTestItems: model.score returned ${scores.length} scores for ${n} pairs`);
    // Rank each list of the batch.
    let at = 0;
    for (let k = start; k < end; k++) {
      const len = listLength(k);
      const r0 = p.relevantOffsets[k];
      const r1 = p.relevantOffsets[k + 1];
      const list = scores.subarray(at, at + len);
      let ranked: RankedRelevant;
      if (p.negatives) {
        // Candidates are a set of items ("drop"): a negative equal to a relevant item or to an earlier negative is dropped.
        const listItems = pairItems.subarray(at, at + len);
        const drop = repeatMask.subarray(0, len);
        for (let j = 0; j < len && dropRepeats; j++) {
          const item = listItems[j];
          if (j >= r1 - r0 && itemMark![item]) drop[j] = 1;
          itemMark![item] = 1;
        }
        ranked = tieBreakRanks(list, firstPositions.subarray(0, r1 - r0), options.rng, drop);
        for (let j = 0; j < len; j++) {
          itemMark![listItems[j]] = 0;
          drop[j] = 0;
        }
      } else {
        const ex = p.excluded!;
        const u = p.users[k];
        for (let j = ex.offsets[u]; j < ex.offsets[u + 1]; j++) excludedMask![ex.indices[j]] = 1;
        ranked = tieBreakRanks(list, p.relevantItems.subarray(r0, r1), options.rng, excludedMask);
        for (let j = ex.offsets[u]; j < ex.offsets[u + 1]; j++) excludedMask![ex.indices[j]] = 0;
      }
      ranks.set(ranked.ranks, r0);
      candidates[k] = ranked.candidates;
      offsets[k + 1] = r1;
      at += len;
    }
    start = end;
  }
  return { offsets, ranks, candidates };
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
