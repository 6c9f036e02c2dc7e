/**
 * Synthetic ratings of any shape with a planted answer, for benchmarks and for data sets too large to ship
 * (LibimSeTi's 17.4M ratings): r(u, i) = μ + b_u + b_i + p_u · q_i + ε, clipped to the scale, on pairs drawn with
 * a long tail (a few users and items get most ratings, as in MovieLens). Typed arrays only: 12 bytes per rating.
 */
import { newIndexId } from "./index-identity";
import { Rng } from "../random/rng";
import type { Ratings, RatingScale } from "./ratings";

/** Shape and planted structure of a synthetic data set. */
export interface SyntheticRatingsOptions {
  /** Data set name recorded with results. */
  name: string;
  numUsers: number;
  numItems: number;
  /** Number of ratings (pairs may repeat, as the pairs are drawn independently). */
  size: number;
  /** Rating scale; values are clipped to [min, max] and not rounded. */
  scale: RatingScale;
  /** Rank of the planted factors. */
  rank: number;
  /** Standard deviation of the noise ε (rating units); the best achievable RMSE is about this. */
  noise: number;
  /** Skew of the pair distribution: index = floor(n · x^skew) for uniform x (1: uniform; 2: long tail). */
  skew: number;
  seed: number;
}

/** The shape of MovieLens 1M (6,040 users, 3,706 rated movies, 1,000,209 ratings on 1-5). */
export const ml1mShape: SyntheticRatingsOptions = {
  name: "synthetic, ml-1m shape",
  numUsers: 6040,
  numItems: 3706,
  size: 1000209,
  scale: { min: 1, max: 5, step: 1 },
  rank: 8,
  noise: 0.85,
  skew: 2,
  seed: 1,
};

/** The shape of LibimSeTi (135,359 users, 168,791 profiles, 17,359,346 ratings on 1-10). */
export const libimsetiShape: SyntheticRatingsOptions = {
  ...ml1mShape,
  name: "synthetic, LibimSeTi shape",
  numUsers: 135359,
  numItems: 168791,
  size: 17359346,
  scale: { min: 1, max: 10, step: 1 },
  noise: 1.9,
};

/** Generates the data set described by `o` (the same options give the same ratings). */
export function syntheticRatings(o: SyntheticRatingsOptions): Ratings {
  for (const k of ["numUsers", "numItems", "size", "rank"] as const) {
    if (!(Number.isInteger(o[k]) && o[k] >= 1)) throw new RangeError(`syntheticRatings: ${k} must be an integer >= 1, got ${o[k]}`);
  }
  if (!(o.noise >= 0)) throw new RangeError(`syntheticRatings: noise must be >= 0, got ${o.noise}`);
  if (!(o.skew >= 1)) throw new RangeError(`syntheticRatings: skew must be >= 1, got ${o.skew}`);
  if (!(o.scale.max > o.scale.min)) throw new RangeError(`syntheticRatings: scale.max must exceed scale.min`);
  const rng = new Rng(o.seed);
  const { numUsers, numItems, rank } = o;
  const spread = (o.scale.max - o.scale.min) / 4;
  const factorStd = Math.sqrt(spread / Math.sqrt(rank)) * 0.8;
  const P = Float32Array.from({ length: numUsers * rank }, () => rng.normal() * factorStd);
  const Q = Float32Array.from({ length: numItems * rank }, () => rng.normal() * factorStd);
  const bu = Float32Array.from({ length: numUsers }, () => rng.normal() * spread * 0.4);
  const bi = Float32Array.from({ length: numItems }, () => rng.normal() * spread * 0.4);
  const mean = (o.scale.min + o.scale.max) / 2;
  const users = new Int32Array(o.size);
  const items = new Int32Array(o.size);
  const values = new Float32Array(o.size);
  for (let k = 0; k < o.size; k++) {
    const u = Math.min(numUsers - 1, Math.floor(numUsers * Math.pow(rng.next(), o.skew)));
    const i = Math.min(numItems - 1, Math.floor(numItems * Math.pow(rng.next(), o.skew)));
    let dot = 0;
    for (let f = 0; f < rank; f++) dot += P[u * rank + f] * Q[i * rank + f];
    const r = mean + bu[u] + bi[i] + dot + rng.normal() * o.noise;
    users[k] = u;
    items[k] = i;
    values[k] = Math.min(o.scale.max, Math.max(o.scale.min, r));
  }
  return {
    indexId: newIndexId("synthetic"), name: o.name,
    users,
    items,
    values,
    userIds: Array.from({ length: numUsers }, (_, u) => String(u)),
    itemIds: Array.from({ length: numItems }, (_, i) => String(i)),
    numUsers,
    numItems,
    size: o.size,
    scale: o.scale,
  };
}
