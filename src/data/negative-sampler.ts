/**
 * Negative sampling for implicit feedback: draws, for each user, items the user has not interacted with,
 * uniformly or in proportion to popularity^exponent (word2vec's 0.75 smoothing; exponent 0 is uniform).
 * Rejection sampling over an alias table (Walker 1977): O(1) per draw, typed arrays only, seeded. The "is it a
 * positive?" check is a bit lookup (`PairBitset`) when the users x items grid fits in 64 MiB, else a binary search
 * in the user's sorted row; both give the same answers, so the draws are the same.
 */
import type { Rng } from "../random/rng";
import { DEFAULT_MAX_BITSET_BYTES, pairBitset, type PairBitset } from "./pair-bitset";
import { findInRow, ratingsByUser, type SparseRows } from "./rating-matrix";
import type { Ratings } from "./ratings";

/** How negatives are drawn. */
export interface NegativeSamplerConfig {
  /** "uniform" over the catalogue, or "popularity": P(i) ∝ count(i)^exponent. */
  distribution: "uniform" | "popularity";
  /** Popularity exponent (0.75 in word2vec; ignored for "uniform"). */
  exponent: number;
}

/** Uniform sampling. */
export const uniformSampling: NegativeSamplerConfig = { distribution: "uniform", exponent: 0 };

/** Draws items a user has no interaction with in `positives`. */
export class NegativeSampler {
  private readonly seen: SparseRows;
  private readonly seenBits: PairBitset | null;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  private readonly numItems: number;

  /**
   * Sampler over `positives`' users; `maxBitsetBytes` caps the O(1) membership bitset (0: always binary search,
   * the reference path tests compare with).
   */
  constructor(positives: Ratings, readonly config: NegativeSamplerConfig = uniformSampling, maxBitsetBytes = DEFAULT_MAX_BITSET_BYTES) {
    if (config.distribution !== "uniform" && config.distribution !== "popularity") {
      throw new RangeError(`NegativeSamplerConfig.distribution must be "uniform" or "popularity", got ${JSON.stringify(config.distribution)}`);
    }
    if (!(config.exponent >= 0)) throw new RangeError(`NegativeSamplerConfig.exponent must be >= 0, got ${config.exponent}`);
    this.numItems = positives.numItems;
    if (this.numItems === 0) throw new RangeError("NegativeSampler: no items");
    this.seen = ratingsByUser(positives);
    this.seenBits = pairBitset(this.seen, maxBitsetBytes);
    const weights = new Float64Array(this.numItems).fill(1);
    if (config.distribution === "popularity") {
      const counts = new Float64Array(this.numItems);
      for (let k = 0; k < positives.size; k++) counts[positives.items[k]]++;
      for (let i = 0; i < this.numItems; i++) weights[i] = Math.pow(counts[i], config.exponent);
    }
    [this.prob, this.alias] = aliasTable(weights);
    for (let u = 0; u < this.seen.rows; u++) {
      const start = this.seen.offsets[u];
      const end = this.seen.offsets[u + 1];
      if (end - start < this.numItems) continue;
      // Rows may repeat a pair (positives with duplicates): count the distinct items (each row is sorted).
      let distinct = 0;
      for (let j = start; j < end; j++) if (j === start || this.seen.indices[j] !== this.seen.indices[j - 1]) distinct++;
      if (distinct >= this.numItems) throw new RangeError(`NegativeSampler: user ${positives.userIds[u]} interacted with every item; no negative exists`);
    }
  }

  /** True when `user` has an interaction with `item` in the positives. */
  isPositive(user: number, item: number): boolean {
    const bits = this.seenBits;
    if (bits !== null) return bits.has(user, item);
    return user < this.seen.rows && findInRow(this.seen, user, item) >= 0;
  }

  /** One negative item for `user`. */
  draw(user: number, rng: Rng): number {
    for (let attempt = 0; attempt < 10000; attempt++) {
      const slot = rng.int(this.numItems);
      const item = rng.next() < this.prob[slot] ? slot : this.alias[slot];
      if (!this.isPositive(user, item)) return item;
    }
    throw new Error(`NegativeSampler: no negative found for user index ${user} in 10000 draws (weights concentrate on their items)`);
  }

  /** Fills `out[k]` with a negative for `users[k]`, for every k. */
  drawMany(users: Int32Array, out: Int32Array, rng: Rng): Int32Array {
    if (out.length < users.length) throw new RangeError("drawMany: out is shorter than users");
    for (let k = 0; k < users.length; k++) out[k] = this.draw(users[k], rng);
    return out;
  }
}

/** Walker's alias table for `weights` (non-negative, not all zero): acceptance probabilities and aliases. */
export function aliasTable(weights: Float64Array): [Float64Array, Int32Array] {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  if (!(total > 0)) throw new RangeError("aliasTable: weights sum to zero");
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return [prob, alias];
}
