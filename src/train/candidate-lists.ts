/**
 * Scores every evaluated user's candidate list of a RankingProtocol in large batches of (user, item) pairs through
 * `model.score`, and hands each list to a visitor: the shared front end of rankTestItems (seeded random tie-break)
 * and expectedSampledMetrics (expectation over tie orders).
 */
import type { RankingProtocol } from "./ranking-protocol";
import type { PairScorer } from "./ranking-evaluation";

/** One scored list: candidate k's item and score; the first `relevantCount` candidates are the relevant items. */
export interface ScoredList {
  /** Index of the evaluated user in `protocol.users`. */
  userIndex: number;
  items: Int32Array;
  scores: Float32Array;
  relevantCount: number;
}

/**
 * Calls `visit` for every evaluated user's list, in order (errors name `owner`, the calling function). Sampled protocols list the relevant items then the
 * negatives; full-catalogue protocols list every item (relevantCount 0: the caller finds its relevant items).
 * The arrays are reused after `visit` returns.
 */
export function forEachCandidateList(owner: string, model: PairScorer, p: RankingProtocol, batchPairs: number, visit: (list: ScoredList) => void): void {
  if (!(Number.isInteger(batchPairs) && batchPairs >= 1)) throw new RangeError(`${owner}: batchPairs must be a positive integer, got ${batchPairs}`);
  const numUsers = p.users.length;
  if (p.relevantOffsets.length !== numUsers + 1) {
    throw new RangeError(`${owner}: protocol.relevantOffsets has ${p.relevantOffsets.length} entries, expected ${numUsers + 1}`);
  }
  if (!p.negatives && !p.excluded) throw new RangeError(`${owner}: the protocol has neither negatives nor excluded items`);
  const numItems = p.train.numItems;
  const listLength = (k: number): number => (p.negatives ? p.relevantOffsets[k + 1] - p.relevantOffsets[k] + p.negativesPerUser : numItems);
  let maxList = 0;
  for (let k = 0; k < numUsers; k++) maxList = Math.max(maxList, listLength(k));
  const capacity = Math.max(batchPairs, maxList);
  const pairUsers = new Int32Array(capacity);
  const pairItems = new Int32Array(capacity);
  const allItems = p.negatives ? undefined : Int32Array.from({ length: numItems }, (_, i) => i);
  for (let start = 0; start < numUsers; ) {
    let end = start;
    let n = 0;
    while (end < numUsers && n + listLength(end) <= capacity) {
      const u = p.users[end];
      const r0 = p.relevantOffsets[end];
      const r1 = p.relevantOffsets[end + 1];
      if (r1 === r0) throw new RangeError(`${owner}: evaluated user ${p.train.userIds[u]} has no relevant item`);
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
    if (scores.length !== n) throw new Error(`${owner}: model.score returned ${scores.length} scores for ${n} pairs`);
    let at = 0;
    for (let k = start; k < end; k++) {
      const len = listLength(k);
      const relevantCount = p.negatives ? p.relevantOffsets[k + 1] - p.relevantOffsets[k] : 0;
      visit({ userIndex: k, items: pairItems.subarray(at, at + len), scores: scores.subarray(at, at + len), relevantCount });
      at += len;
    }
    start = end;
  }
}

/**
 * Marks in `drop` (length of the list, zeroed) the negatives that repeat a relevant item or an earlier negative
 * of the same list; `mark` is a zeroed scratch of numItems entries, left zeroed.
 */
export function markRepeatedNegatives(items: Int32Array, relevantCount: number, mark: Uint8Array, drop: Uint8Array): void {
  for (let j = 0; j < items.length; j++) {
    if (j >= relevantCount && mark[items[j]]) drop[j] = 1;
    mark[items[j]] = 1;
  }
  for (let j = 0; j < items.length; j++) mark[items[j]] = 0;
}
