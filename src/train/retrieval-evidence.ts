/**
 * The retriever's evidence for the two-stage ranker (Covington et al. 2016 feed the ranker features of the
 * candidate's retrieval; here the retrieval rank and score): for each user's first `depth` retrieved items, the
 * rank bucket (positions [0, edges[0]), [edges[0], edges[1]), ...; one more bucket for items outside those
 * positions) and the retrieval score z-scored over those items ((s - mean) / sd; 0 when sd is 0 and outside).
 * Built the same way from the retriever fitted without the carved items (training) and from the one fitted on all
 * training data (serving), so the ranker sees the same feature distribution in both.
 */
import type { PairEvidence } from "../models/wide-deep/pair-evidence";
import type { TopKLists } from "./full-catalogue-retrieval";

/** Default rank bucket edges (0-based positions): top 1, 2-3, 4-5, 6-10, 11-20, 21-50, 51-100, 101-200. */
export const defaultRankEdges: readonly number[] = [1, 3, 5, 10, 20, 50, 100, 200];

/** The rank bucket of 0-based `position` for ascending `edges`: the number of edges <= position. */
export function rankBucket(position: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && edges[b] <= position) b++;
  return b;
}

/** Retrieval evidence of `lists`' first `depth` items per row (module comment); buckets = edges.length + 2. */
export function retrievalEvidence(lists: TopKLists, depth: number, edges: readonly number[] = defaultRankEdges): PairEvidence {
  if (!(Number.isInteger(depth) && depth >= 1)) throw new RangeError(`retrievalEvidence: depth must be an integer >= 1, got ${depth}`);
  for (let e = 0; e < edges.length; e++) {
    if (!(Number.isInteger(edges[e]) && edges[e] >= 1 && (e === 0 || edges[e] > edges[e - 1]))) throw new RangeError(`retrievalEvidence: edges must be ascending integers >= 1, got [${edges.join(", ")}]`);
  }
  const d = Math.min(depth, lists.k);
  const outside = edges.length + 1;
  const rowOf = new Map<number, Map<number, { bucket: number; z: number }>>();
  for (let r = 0; r < lists.users.length; r++) {
    const base = r * lists.k;
    const pos: number[] = [];
    for (let p = 0; p < d; p++) if (lists.items[base + p] >= 0) pos.push(p);
    let mean = 0;
    for (const p of pos) mean += lists.scores[base + p];
    mean /= Math.max(pos.length, 1);
    let v = 0;
    for (const p of pos) v += (lists.scores[base + p] - mean) ** 2;
    const sd = Math.sqrt(v / Math.max(pos.length, 1));
    const m = new Map<number, { bucket: number; z: number }>();
    for (const p of pos) m.set(lists.items[base + p], { bucket: rankBucket(p, edges), z: sd > 0 ? (lists.scores[base + p] - mean) / sd : 0 });
    rowOf.set(lists.users[r], m);
  }
  return {
    buckets: edges.length + 2,
    lookup(users: Int32Array, items: Int32Array, bucket: Int32Array, value: Float32Array): void {
      for (let k = 0; k < users.length; k++) {
        const hit = rowOf.get(users[k])?.get(items[k]);
        bucket[k] = hit ? hit.bucket : outside;
        value[k] = hit ? hit.z : 0;
      }
    },
  };
}
