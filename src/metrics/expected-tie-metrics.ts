/**
 * HR@K and NDCG@K of one relevant candidate as their exact expectation over uniformly random orders of the
 * candidates tied with it: with `above` candidates scoring strictly higher and `tied` others scoring the same, its
 * 0-based position is uniform on [above, above + tied], so
 *
 *   E[HR@K]   = #{pos in that range : pos < K} / (tied + 1)
 *   E[NDCG@K] = Σ_{pos in that range, pos < K} 1 / log2(pos + 2) / (tied + 1)
 *
 * (binary relevance, one relevant item: the ideal DCG is 1). This is the mean of what a seeded random tie-break
 * (tie-break-ranks.ts) gives, without its sampling noise: the way a baseline with many ties (popularity) is
 * compared with published numbers. Pure functions, no TF.
 */

/** Candidates above and tied with candidate `relevant` (excluding itself and those flagged in `excluded`). */
export function tiedRange(scores: ArrayLike<number>, relevant: number, excluded?: Uint8Array): { above: number; tied: number } {
  const s = scores[relevant];
  if (Number.isNaN(s)) throw new RangeError(`tiedRange: the score of candidate ${relevant} is NaN`);
  let above = 0;
  let tied = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === relevant || (excluded && excluded[j])) continue;
    if (scores[j] > s) above++;
    else if (scores[j] === s) tied++;
  }
  return { above, tied };
}

/** Expected HR@K and NDCG@K for a position uniform on [above, above + tied] (module comment). */
export function expectedHitAndNdcg(above: number, tied: number, k: number): { hr: number; ndcg: number } {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`expectedHitAndNdcg: k must be an integer >= 1, got ${k}`);
  let hits = 0;
  let gain = 0;
  for (let pos = above; pos <= above + tied && pos < k; pos++) {
    hits++;
    gain += 1 / Math.log2(pos + 2);
  }
  return { hr: hits / (tied + 1), ndcg: gain / (tied + 1) };
}
