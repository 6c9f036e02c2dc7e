/**
 * Ranking metrics averaged over users: each evaluated user (one ranked candidate list with at least one
 * relevant item) weighs the same. Keys of the result: `hr@K`, `ndcg@K`, `precision@K`, `recall@K`, `map@K` for
 * every requested K, plus `mrr` and `auc` (definitions in ranking-metrics.ts).
 */
import { aucOfRanks, averagePrecisionAtK, hitRateAtK, hitsAtK, ndcgAtK, reciprocalRank } from "./ranking-metrics";

/**
 * The ranked lists of many users in CSR form: user k's relevant candidates are at 0-based positions
 * `ranks[offsets[k] .. offsets[k + 1])` (ascending) in a list of `candidates[k]` items.
 */
export interface UserRanks {
  /** Row starts, shape [users + 1]. */
  readonly offsets: Int32Array;
  /** Positions of relevant candidates, shape [offsets[users]]. */
  readonly ranks: Int32Array;
  /** Number of candidates in each user's list, shape [users]. */
  readonly candidates: Int32Array;
}

/** Checks a list of cutoffs K (positive integers, at least one) and returns it as an array. */
export function checkCutoffs(k: number | readonly number[], owner: string): number[] {
  const ks = typeof k === "number" ? [k] : Array.from(k);
  if (ks.length === 0) throw new RangeError(`${owner}: k must name at least one cutoff`);
  for (const c of ks) if (!(Number.isInteger(c) && c >= 1)) throw new RangeError(`${owner}: k must be positive integers, got ${c}`);
  return ks;
}

/** Running sums of per-user ranking metrics; `mean()` gives the averages. */
export class RankingMetricSums {
  private readonly ks: number[];
  private readonly sums: Float64Array;
  private users = 0;

  /** Creates empty sums for cutoffs `k` (one K or several). */
  constructor(k: number | readonly number[]) {
    this.ks = checkCutoffs(k, "RankingMetricSums");
    this.sums = new Float64Array(this.ks.length * 5 + 2);
  }

  /** Number of lists added. */
  get count(): number {
    return this.users;
  }

  /**
   * Adds one user's list: the ascending 0-based positions of its relevant candidates (at least one) in a list
   * of `numCandidates` items (more than the number of relevant ones, for AUC).
   */
  add(ranks: ArrayLike<number>, numCandidates: number): void {
    const s = this.sums;
    for (let c = 0; c < this.ks.length; c++) {
      const k = this.ks[c];
      const hits = hitsAtK(ranks, k);
      s[5 * c] += hitRateAtK(ranks, k);
      s[5 * c + 1] += ndcgAtK(ranks, k);
      s[5 * c + 2] += hits / k;
      s[5 * c + 3] += hits / ranks.length;
      s[5 * c + 4] += averagePrecisionAtK(ranks, k);
    }
    const base = 5 * this.ks.length;
    s[base] += reciprocalRank(ranks);
    s[base + 1] += aucOfRanks(ranks, numCandidates);
    this.users++;
  }

  /** Mean of every metric over the lists added; throws if none was. */
  mean(): Record<string, number> {
    if (this.users === 0) throw new RangeError("RankingMetricSums.mean: no user was evaluated");
    const out: Record<string, number> = {};
    const s = this.sums;
    const n = this.users;
    this.ks.forEach((k, c) => {
      out[`hr@${k}`] = s[5 * c] / n;
      out[`ndcg@${k}`] = s[5 * c + 1] / n;
      out[`precision@${k}`] = s[5 * c + 2] / n;
      out[`recall@${k}`] = s[5 * c + 3] / n;
      out[`map@${k}`] = s[5 * c + 4] / n;
    });
    const base = 5 * this.ks.length;
    out.mrr = s[base] / n;
    out.auc = s[base + 1] / n;
    return out;
  }
}

/**
 * Mean ranking metrics over the users of `lists` at cutoffs `k`: HR@K, NDCG@K, Precision@K, Recall@K, MAP@K for
 * each K, MRR and AUC, keyed "hr@10", ..., "mrr", "auc". Throws if there are no users or a user has no
 * relevant item.
 */
export function meanRankingMetrics(lists: UserRanks, k: number | readonly number[]): Record<string, number> {
  const users = lists.candidates.length;
  if (lists.offsets.length !== users + 1) {
    throw new RangeError(`meanRankingMetrics: offsets has ${lists.offsets.length} entries, expected ${users + 1} (users + 1)`);
  }
  const sums = new RankingMetricSums(k);
  for (let u = 0; u < users; u++) {
    sums.add(lists.ranks.subarray(lists.offsets[u], lists.offsets[u + 1]), lists.candidates[u]);
  }
  return sums.mean();
}
