/**
 * Choosing the weights of a score blend (src/models/implicit/score-blend.ts) on a sampled ranking protocol, in
 * practice a validation holdout carved from the training data: every member's catalogue z-scores of every
 * candidate pair are computed once (CandidateZScores), then each weight vector of a grid over the simplex is
 * scored by evaluateRanking on those cached values, without scoring the members again.
 */
import type { CatalogueScorer } from "../models/implicit-model";
import { normalisedCatalogueRows } from "../models/implicit/score-normalisation";
import { Rng } from "../random/rng";
import { evaluateRanking, type PairScorer } from "./ranking-evaluation";
import type { RankingProtocol } from "./ranking-protocol";

/** Members' z-scores of the candidate pairs of a sampled protocol (relevant items and negatives of each user). */
export interface CandidateZScores {
  /** Number of members M. */
  readonly members: number;
  /** Key user * numItems + item to the pair's row in `z`. */
  readonly pairRow: Map<number, number>;
  /** Row-major [pairs, M]: member m's catalogue z-score of the pair. */
  readonly z: Float32Array;
  readonly numItems: number;
}

/** Computes CandidateZScores of fitted `members` on `protocol`'s candidates; throws unless the protocol is sampled. */
export function candidateZScores(members: readonly CatalogueScorer[], protocol: RankingProtocol, usersPerChunk = 128): CandidateZScores {
  const p = protocol;
  if (!p.negatives) throw new RangeError("candidateZScores: the protocol has no sampled negatives (a full-catalogue protocol is not supported)");
  if (members.length === 0) throw new RangeError("candidateZScores: no members");
  const n = p.train.numItems;
  members.forEach((m, j) => {
    if (m.catalogueSize() !== n) throw new RangeError(`candidateZScores: member ${j} scores ${m.catalogueSize()} items, the protocol has ${n}`);
  });
  const M = members.length;
  const pairRow = new Map<number, number>();
  for (let k = 0; k < p.users.length; k++) {
    const u = p.users[k];
    const add = (i: number): void => {
      const key = u * n + i;
      if (!pairRow.has(key)) pairRow.set(key, pairRow.size);
    };
    for (let r = p.relevantOffsets[k]; r < p.relevantOffsets[k + 1]; r++) add(p.relevantItems[r]);
    for (let j = k * p.negativesPerUser; j < (k + 1) * p.negativesPerUser; j++) add(p.negatives[j]);
  }
  const z = new Float32Array(pairRow.size * M);
  const rows = new Float32Array(usersPerChunk * n);
  for (let start = 0; start < p.users.length; start += usersPerChunk) {
    const end = Math.min(p.users.length, start + usersPerChunk);
    const users = p.users.subarray(start, end);
    members.forEach((member, m) => {
      normalisedCatalogueRows(member, users, rows);
      for (let k = start; k < end; k++) {
        const o = (k - start) * n;
        const u = p.users[k];
        const put = (i: number): void => {
          z[pairRow.get(u * n + i)! * M + m] = rows[o + i];
        };
        for (let r = p.relevantOffsets[k]; r < p.relevantOffsets[k + 1]; r++) put(p.relevantItems[r]);
        for (let j = k * p.negativesPerUser; j < (k + 1) * p.negativesPerUser; j++) put(p.negatives![j]);
      }
    });
  }
  return { members: M, pairRow, z, numItems: n };
}

/** A PairScorer giving Σ_m weights[m] z_m(u, i) from `cache`; throws on a pair the cache does not hold. */
export function cachedBlendScorer(cache: CandidateZScores, weights: readonly number[]): PairScorer {
  const M = cache.members;
  if (weights.length !== M) throw new RangeError(`cachedBlendScorer: ${weights.length} weights for ${M} members`);
  return {
    score(users: Int32Array, items: Int32Array): Float32Array {
      const out = new Float32Array(users.length);
      for (let k = 0; k < users.length; k++) {
        const row = cache.pairRow.get(users[k] * cache.numItems + items[k]);
        if (row === undefined) throw new RangeError(`cachedBlendScorer: pair (user ${users[k]}, item ${items[k]}) is not among the cached candidates`);
        let s = 0;
        for (let m = 0; m < M; m++) s += weights[m] * cache.z[row * M + m];
        out[k] = s;
      }
      return out;
    },
  };
}

/**
 * Every weight vector of M non-negative entries that are multiples of `step` and sum to 1 (1/step must be an
 * integer), e.g. M = 2, step 0.5: [1, 0], [0.5, 0.5], [0, 1]. Count: C(1/step + M - 1, M - 1).
 */
export function simplexGrid(members: number, step: number): number[][] {
  const parts = Math.round(1 / step);
  if (!(Number.isInteger(members) && members >= 1)) throw new RangeError(`simplexGrid: members must be an integer >= 1, got ${members}`);
  if (!(step > 0 && step <= 1 && Math.abs(parts * step - 1) < 1e-9)) throw new RangeError(`simplexGrid: step must divide 1 (e.g. 0.1, 0.05), got ${step}`);
  const out: number[][] = [];
  const current: number[] = [];
  const walk = (m: number, left: number): void => {
    if (m === members - 1) {
      out.push([...current, left / parts]);
      return;
    }
    for (let c = left; c >= 0; c--) {
      current.push(c / parts);
      walk(m + 1, left - c);
      current.pop();
    }
  };
  walk(0, parts);
  return out;
}

/** One grid point's validation scores. */
export interface BlendGridPoint {
  weights: number[];
  hr: number;
  ndcg: number;
}

/** Options of searchBlendWeights. */
export interface BlendSearchOptions {
  /** Cutoff K; default 10. */
  k?: number;
  /** Grid step over the simplex; default 0.05. */
  step?: number;
  /** Metric that picks the winner: "ndcg" (default; the finer one) or "hr"; ties go to the other metric, then to the earlier point. */
  select?: "ndcg" | "hr";
  /** Generator of the one tie-break seed shared by every grid point. */
  rng: Rng;
}

/** Scores every point of simplexGrid(M, step) on `protocol` from `cache`; returns the winner and the whole grid. */
export function searchBlendWeights(cache: CandidateZScores, protocol: RankingProtocol, options: BlendSearchOptions): { best: BlendGridPoint; grid: BlendGridPoint[] } {
  const k = options.k ?? 10;
  const select = options.select ?? "ndcg";
  if (select !== "ndcg" && select !== "hr") throw new RangeError(`searchBlendWeights: select must be "ndcg" or "hr", got ${JSON.stringify(select)}`);
  const seed = options.rng.nextSeed();
  const grid = simplexGrid(cache.members, options.step ?? 0.05).map((weights) => {
    const m = evaluateRanking(cachedBlendScorer(cache, weights), protocol, { k, rng: new Rng(seed) });
    return { weights, hr: m[`hr@${k}`], ndcg: m[`ndcg@${k}`] };
  });
  const key = (g: BlendGridPoint): [number, number] => (select === "ndcg" ? [g.ndcg, g.hr] : [g.hr, g.ndcg]);
  const best = grid.reduce((a, b) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    return b1 > a1 || (b1 === a1 && b2 > a2) ? b : a;
  });
  return { best, grid };
}
