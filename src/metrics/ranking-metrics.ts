/**
 * Top-K ranking metrics of one user's ranked candidate list with binary relevance: pure functions, no
 * TensorFlow import. A list is described by `ranks`, the 0-based positions of its R relevant candidates in the
 * ranking (ascending, distinct; position 0 is the top), and, for AUC, the number of candidates n. Every relevant
 * item is a candidate, so R = ranks.length; `tieBreakRanks` (tie-break-ranks.ts) computes `ranks` from scores.
 *
 * Notation: rel_p = 1 if the item at position p is relevant, else 0; hits@K = sum_{p<K} rel_p; positions are
 * shown 1-based (i = p + 1) in the formulas, as in the literature; the discount is log2.
 */

/** Checks that `ranks` are ascending distinct non-negative integers and `k` a positive integer (or Infinity). */
function checkList(fn: string, ranks: ArrayLike<number>, k: number): void {
  if (!(k >= 1 && (Number.isInteger(k) || k === Infinity))) throw new RangeError(`${fn}: k must be a positive integer, got ${k}`);
  checkRanks(fn, ranks);
}

function checkRanks(fn: string, ranks: ArrayLike<number>): void {
  if (ranks.length === 0) throw new RangeError(`${fn}: the list has no relevant item (ranks is empty)`);
  let prev = -1;
  for (let m = 0; m < ranks.length; m++) {
    const p = ranks[m];
    if (!(Number.isInteger(p) && p > prev)) {
      throw new RangeError(`${fn}: ranks must be ascending distinct integers >= 0, got ranks[${m}] = ${p} after ${prev}`);
    }
    prev = p;
  }
}

/** Number of relevant items in the top k: hits@K = #{m : ranks[m] < K}. */
export function hitsAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("hitsAtK", ranks, k);
  let h = 0;
  while (h < ranks.length && ranks[h] < k) h++;
  return h;
}

/**
 * Hit rate (HR@K, He et al. 2017): 1 if at least one relevant item is in the top K, else 0.
 * With one held-out item per user (the NCF protocol), its mean over users is the fraction of users whose item
 * makes the top K.
 */
export function hitRateAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("hitRateAtK", ranks, k);
  return ranks[0] < k ? 1 : 0;
}

/** Precision@K = hits@K / K (a fraction in [0, 1]; K counts positions even past the end of a short list). */
export function precisionAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("precisionAtK", ranks, k);
  if (k === Infinity) throw new RangeError("precisionAtK: k must be finite");
  return hitsAtK(ranks, k) / k;
}

/** Recall@K = hits@K / R, the fraction of the user's relevant items found in the top K. */
export function recallAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("recallAtK", ranks, k);
  return hitsAtK(ranks, k) / ranks.length;
}

/**
 * Normalised discounted cumulative gain (Järvelin and Kekäläinen 2002) with binary gains and a log2 discount:
 * DCG@K = sum_{i=1..K} rel_i / log2(i + 1); IDCG@K = sum_{i=1..min(K, R)} 1 / log2(i + 1) (all relevant items
 * on top); NDCG@K = DCG@K / IDCG@K, in [0, 1]. With one relevant item at 1-based position i <= K it is
 * 1 / log2(i + 1), the NCF paper's NDCG.
 */
export function ndcgAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("ndcgAtK", ranks, k);
  let dcg = 0;
  for (let m = 0; m < ranks.length && ranks[m] < k; m++) dcg += 1 / Math.log2(ranks[m] + 2);
  let idcg = 0;
  const ideal = Math.min(k, ranks.length);
  for (let p = 0; p < ideal; p++) idcg += 1 / Math.log2(p + 2);
  return dcg / idcg;
}

/**
 * Average precision at K: AP@K = (1 / min(K, R)) * sum_{i=1..K} rel_i * Precision@i, in [0, 1] (the
 * normalisation by min(K, R) makes a perfect top-K list score 1). Its mean over users is MAP@K.
 */
export function averagePrecisionAtK(ranks: ArrayLike<number>, k: number): number {
  checkList("averagePrecisionAtK", ranks, k);
  let s = 0;
  for (let m = 0; m < ranks.length && ranks[m] < k; m++) s += (m + 1) / (ranks[m] + 1);
  return s / Math.min(k, ranks.length);
}

/**
 * Reciprocal rank: 1 / i for the 1-based position i of the first relevant item, over the whole list (no
 * cutoff). Its mean over users is MRR (Voorhees, TREC-8 QA track, 1999).
 */
export function reciprocalRank(ranks: ArrayLike<number>): number {
  checkRanks("reciprocalRank", ranks);
  return 1 / (ranks[0] + 1);
}

/**
 * Area under the ROC curve of one list: the fraction of (relevant, non-relevant) pairs in which the relevant
 * item ranks higher, AUC = (1 / (R * (n - R))) * sum_{m} #{non-relevant below the m-th relevant}
 * = (1 / (R (n - R))) * sum_{m=0..R-1} ((n - R) - (ranks[m] - m)), with m 0-based. In [0, 1]; 0.5 is chance.
 * `numCandidates` n must exceed R (the list needs a non-relevant item) and every rank must be below n.
 */
export function aucOfRanks(ranks: ArrayLike<number>, numCandidates: number): number {
  checkRanks("aucOfRanks", ranks);
  const r = ranks.length;
  if (!(Number.isInteger(numCandidates) && numCandidates > r)) {
    throw new RangeError(`aucOfRanks: numCandidates must be an integer > the number of relevant items (${r}), got ${numCandidates}`);
  }
  if (ranks[r - 1] >= numCandidates) throw new RangeError(`aucOfRanks: rank ${ranks[r - 1]} is outside a list of ${numCandidates} candidates`);
  const negatives = numCandidates - r;
  let below = 0;
  for (let m = 0; m < r; m++) below += negatives - (ranks[m] - m);
  return below / (r * negatives);
}

/** 0-based positions of the relevant entries of a ranked list of 0/1 relevance flags (position 0 on top). */
export function ranksOfRelevance(ranked: ArrayLike<number>): Int32Array {
  let r = 0;
  for (let p = 0; p < ranked.length; p++) if (ranked[p]) r++;
  const out = new Int32Array(r);
  let m = 0;
  for (let p = 0; p < ranked.length; p++) if (ranked[p]) out[m++] = p;
  return out;
}
