/**
 * The two-stage recommender on a sampled-candidates protocol (the NCF protocol's 99 negatives): each user's
 * candidates (held-out item and negatives) are ordered as the two stages would show them: first those in the
 * user's re-ranked top `depth` (in that order), then all others by the retriever's score. `depth` 0 gives the
 * retriever's own order. HR@K and NDCG@K of the held-out item are averaged over users; ties are broken at random.
 */
import { hitRateAtK, ndcgAtK } from "../metrics/ranking-metrics";
import type { ImplicitModel } from "../models/implicit-model";
import type { Rng } from "../random/rng";
import type { TopKLists } from "./full-catalogue-retrieval";
import type { RankingProtocol } from "./ranking-protocol";

/** HR@k and NDCG@k of the two stages' order (module comment) on a sampled protocol; `lists` must cover its users. */
export function sampledTwoStageMetrics(
  protocol: RankingProtocol, lists: TopKLists, retriever: Pick<ImplicitModel, "score">, depth: number, k: number, rng: Rng,
): Record<string, number> {
  const negatives = protocol.negatives;
  if (!negatives) throw new RangeError(`sampledTwoStageMetrics: ${protocol.name} has no sampled negatives`);
  const m = protocol.negativesPerUser;
  const rowOf = new Map<number, number>();
  lists.users.forEach((u, r) => rowOf.set(u, r));
  let hr = 0, ndcg = 0, count = 0;
  for (let e = 0; e < protocol.users.length; e++) {
    const u = protocol.users[e];
    const r = rowOf.get(u);
    if (r === undefined) throw new RangeError(`sampledTwoStageMetrics: user ${u} has no retrieved list`);
    const position = new Map<number, number>();
    for (let p = 0; p < Math.min(depth, lists.k); p++) if (lists.items[r * lists.k + p] >= 0) position.set(lists.items[r * lists.k + p], p);
    const cands = Int32Array.from(negatives.subarray(e * m, (e + 1) * m));
    const users = new Int32Array(m + 1).fill(u);
    for (let j = protocol.relevantOffsets[e]; j < protocol.relevantOffsets[e + 1]; j++) {
      const target = protocol.relevantItems[j];
      const items = Int32Array.from([target, ...cands]);
      const s = retriever.score(users, items);
      // Key: (0, position) for re-ranked items, (1, -score) for the others; smaller comes first.
      const key = (x: number): [number, number] => (position.has(items[x]) ? [0, position.get(items[x])!] : [1, -s[x]]);
      const [ta, tb] = key(0);
      let before = 0, ties = 0;
      for (let x = 1; x <= m; x++) {
        if (items[x] === target) continue;
        const [a, b] = key(x);
        if (a < ta || (a === ta && b < tb)) before++;
        else if (a === ta && b === tb) ties++;
      }
      const rank = [before + rng.int(ties + 1)];
      hr += hitRateAtK(rank, k);
      ndcg += ndcgAtK(rank, k);
      count++;
    }
  }
  return { [`hr@${k}`]: hr / count, [`ndcg@${k}`]: ndcg / count };
}
