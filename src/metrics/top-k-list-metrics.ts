/**
 * Full-catalogue ranking metrics from retrieved top-K lists: pure functions, no TensorFlow import. Each user has
 * a list of its Kmax best items (full-catalogue-retrieval.ts) and a set of relevant (held-out) items. A relevant
 * item missing from the list ranks somewhere below position Kmax, which is all that metrics at a cutoff
 * K <= Kmax need: missing items are placed at positions Kmax, Kmax + 1, ... and the definitions of
 * ranking-metrics.ts apply unchanged (HR@K, NDCG@K, Recall@K, Precision@K, MAP@K). MRR and AUC need the whole
 * ranking and are not defined here.
 */
import { averagePrecisionAtK, hitRateAtK, hitsAtK, ndcgAtK } from "./ranking-metrics";
import { checkCutoffs } from "./ranking-summary";

/** Retrieved lists, row-major [users, listLength] (item -1 pads a short list). */
export interface RetrievedLists {
  readonly items: Int32Array;
  /** Kmax, the length of every row. */
  readonly listLength: number;
}

/**
 * 0-based positions of user r's relevant items `relevant` (distinct) in row r of `lists`, ascending; relevant
 * items not in the row get positions listLength, listLength + 1, ... (their true rank is at least listLength).
 */
export function ranksInList(lists: RetrievedLists, row: number, relevant: ArrayLike<number>): Int32Array {
  const len = lists.listLength;
  const base = row * len;
  const ranks = new Int32Array(relevant.length);
  let found = 0;
  for (let m = 0; m < relevant.length; m++) {
    let p = 0;
    while (p < len && lists.items[base + p] !== relevant[m]) p++;
    if (p < len) ranks[found++] = p;
  }
  ranks.subarray(0, found).sort();
  for (let m = found; m < relevant.length; m++) ranks[m] = len + (m - found);
  return ranks;
}

/**
 * Mean over users of HR@K, NDCG@K, Recall@K, Precision@K and MAP@K for every cutoff K of `k` (each <= the list
 * length), keyed "hr@10", "ndcg@10", "recall@10", "precision@10", "map@10", ... Row r of `lists` belongs to the
 * user whose relevant items are `relevantItems[relevantOffsets[r] .. relevantOffsets[r + 1])` (at least one,
 * distinct). Throws a RangeError naming the problem on bad input.
 */
export function topKListMetrics(
  lists: RetrievedLists, relevantOffsets: Int32Array, relevantItems: Int32Array, k: number | readonly number[],
): Record<string, number> {
  const ks = checkCutoffs(k, "topKListMetrics");
  const len = lists.listLength;
  for (const c of ks) if (c > len) throw new RangeError(`topKListMetrics: cutoff ${c} exceeds the retrieved list length ${len}`);
  const users = relevantOffsets.length - 1;
  if (users < 1) throw new RangeError("topKListMetrics: no user to evaluate");
  if (lists.items.length !== users * len) {
    throw new RangeError(`topKListMetrics: lists hold ${lists.items.length} items, expected ${users} users x ${len}`);
  }
  const sums = new Float64Array(ks.length * 5);
  for (let r = 0; r < users; r++) {
    const rel = relevantItems.subarray(relevantOffsets[r], relevantOffsets[r + 1]);
    if (rel.length === 0) throw new RangeError(`topKListMetrics: user row ${r} has no relevant item`);
    const ranks = ranksInList(lists, r, rel);
    ks.forEach((c, j) => {
      const hits = hitsAtK(ranks, c);
      sums[5 * j] += hitRateAtK(ranks, c);
      sums[5 * j + 1] += ndcgAtK(ranks, c);
      sums[5 * j + 2] += hits / rel.length;
      sums[5 * j + 3] += hits / c;
      sums[5 * j + 4] += averagePrecisionAtK(ranks, c);
    });
  }
  const out: Record<string, number> = {};
  ks.forEach((c, j) => {
    out[`hr@${c}`] = sums[5 * j] / users;
    out[`ndcg@${c}`] = sums[5 * j + 1] / users;
    out[`recall@${c}`] = sums[5 * j + 2] / users;
    out[`precision@${c}`] = sums[5 * j + 3] / users;
    out[`map@${c}`] = sums[5 * j + 4] / users;
  });
  return out;
}
