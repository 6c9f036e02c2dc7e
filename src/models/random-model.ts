/**
 * The random baseline for implicit feedback: every (user, item) pair gets a uniform score on [0, 1) from a
 * seeded hash, so a model is a fixed random ranking per user (the same pair always scores the same, across
 * batches). Its expected HR@K over n candidates with one relevant item is K / n (0.1 for the NCF protocol).
 */
import type { Ratings } from "../data/ratings";
import type { TrainingHistory } from "../train/training-history";
import type { ImplicitFitOptions, ImplicitModel } from "./implicit-model";
import { checkPairs, singleStepRankingHistory } from "./popularity-model";

/** murmur3's 32-bit finaliser: a bijective mix of the bits of `h`. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Uniform score on [0, 1) of pair (user, item) under `seed` (a 32-bit hash: two rounds of murmur3's finaliser),
 * with 24 random bits so that it is exact in a Float32Array.
 */
export function hashedUniform(seed: number, user: number, item: number): number {
  const h = fmix32(fmix32((seed ^ Math.imul(user, 0x9e3779b1)) >>> 0) ^ Math.imul(item + 0x632be5ab, 0x85ebca77));
  return (h >>> 8) / 16777216;
}

/** Scores pairs by a seeded uniform hash; the seed is drawn from `fit`'s generator. */
export class RandomModel implements ImplicitModel {
  readonly name = "Random";
  private seed = -1;
  private numItems = 0;
  private numUsers = 0;

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  /** Draws the seed from `options.rng`; validates once when `options.validator` is given. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    const start = performance.now();
    if (train.numItems === 0) throw new RangeError("RandomModel.fit: the training set has no items");
    this.seed = options.rng.nextUint32();
    this.numItems = train.numItems;
    this.numUsers = train.numUsers;
    return singleStepRankingHistory(this.name, train, options.validator, start);
  }

  /** Scores for pairs (users[k], items[k]), uniform on [0, 1), shape [n]; throws before fit. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    if (this.seed < 0) throw new Error(`${this.name}: score called before fit`);
    checkPairs(this.name, users, items, this.numUsers, this.numItems);
    const out = new Float32Array(items.length);
    for (let k = 0; k < items.length; k++) out[k] = hashedUniform(this.seed, users[k], items[k]);
    return out;
  }

  /** Forgets the seed. */
  dispose(): void {
    this.seed = -1;
  }
}

/** Creates the random baseline (no settings). */
export function createRandomModel(): RandomModel {
  return new RandomModel();
}
