/**
 * The negatives of one training epoch for pairwise and pointwise implicit-feedback losses: `perPositive` items
 * for each positive interaction, drawn afresh every epoch from a seeded generator. Negatives are drawn only among
 * items with at least one training interaction, so items without any keep zero parameters (their defined
 * fallback score) instead of learning "never chosen" from sampling alone.
 */
import { NegativeSampler, uniformSampling, type NegativeSamplerConfig } from "../../data/negative-sampler";
import { ratingsByUser } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { seenIndices } from "../seen-indices";

/** How negatives are drawn. */
export interface NegativeDrawConfig {
  /** Negatives per positive interaction and epoch (an integer >= 0). */
  perPositive: number;
  /**
   * True: only items the user has no interaction with (NegativeSampler, uniform or by popularity). False:
   * uniform over all items with training interactions, the user's own included, as in the code of Rendle et al.
   * 2020 (cheaper; about |I_u| / |I| of the draws are the user's positives). False requires uniform `sampler`.
   */
  excludePositives: boolean;
  /** Distribution of the negatives (NegativeSampler's; uniform by default). */
  sampler: NegativeSamplerConfig;
}

/** Uniform negatives excluding the user's positives, one per positive. */
export const defaultNegativeDraw: NegativeDrawConfig = { perPositive: 1, excludePositives: true, sampler: uniformSampling };

/** Checks a NegativeDrawConfig; throws a RangeError naming the bad field of `owner`. */
export function checkNegativeDraw(c: NegativeDrawConfig, owner: string): void {
  if (!(Number.isInteger(c.perPositive) && c.perPositive >= 0)) throw new RangeError(`${owner}.negatives must be an integer >= 0, got ${c.perPositive}`);
  if (typeof c.excludePositives !== "boolean") throw new RangeError(`${owner}.excludePositives must be true or false, got ${c.excludePositives}`);
  if (!c.excludePositives && c.sampler.distribution !== "uniform") {
    throw new RangeError(`${owner}.sampler must be uniform when excludePositives is false, got ${JSON.stringify(c.sampler.distribution)}`);
  }
}

/**
 * Per-epoch negatives of a training set: after `draw(order, rng)`, `items[t * perPositive + s]` is the s-th
 * negative of positive `order[t]` (for its user). Shape [train.size * perPositive]; allocated once.
 */
export class EpochNegatives {
  /** The current epoch's negatives, shape [train.size * perPositive]. */
  readonly items: Int32Array;
  readonly perPositive: number;
  private readonly sampler: NegativeSampler | null;
  private readonly itemSeen: Uint8Array;
  private readonly seenList: Int32Array;

  constructor(private readonly train: Ratings, readonly config: NegativeDrawConfig, owner: string) {
    checkNegativeDraw(config, owner);
    this.perPositive = config.perPositive;
    this.items = new Int32Array(train.size * config.perPositive);
    this.itemSeen = seenIndices(train).items;
    const list: number[] = [];
    for (let i = 0; i < train.numItems; i++) if (this.itemSeen[i]) list.push(i);
    this.seenList = Int32Array.from(list);
    this.sampler = null;
    if (config.perPositive > 0 && config.excludePositives) {
      this.sampler = new NegativeSampler(train, config.sampler);
      checkRoomForNegatives(train, this.seenList.length, owner);
    }
  }

  /** Draws every negative of the epoch whose positives come in `order` (a permutation of 0..train.size-1). */
  draw(order: Uint32Array, rng: Rng): Int32Array {
    const n = this.perPositive;
    if (n === 0) return this.items;
    const users = this.train.users;
    const out = this.items;
    const sampler = this.sampler;
    if (sampler === null) {
      const list = this.seenList;
      for (let k = 0; k < out.length; k++) out[k] = list[rng.int(list.length)];
      return out;
    }
    const seen = this.itemSeen;
    for (let t = 0; t < order.length; t++) {
      const u = users[order[t]];
      for (let s = 0; s < n; s++) {
        let item = sampler.draw(u, rng);
        for (let tries = 1; seen[item] === 0; tries++) {
          if (tries > 10000) throw new Error(`EpochNegatives: no negative with training interactions found for user index ${u} in 10000 draws`);
          item = sampler.draw(u, rng);
        }
        out[t * n + s] = item;
      }
    }
    return out;
  }
}

/** Throws when a user has interacted with every item that has training interactions (no negative exists). */
function checkRoomForNegatives(train: Ratings, seenItems: number, owner: string): void {
  const rows = ratingsByUser(train);
  for (let u = 0; u < rows.rows; u++) {
    let distinct = 0;
    for (let k = rows.offsets[u]; k < rows.offsets[u + 1]; k++) if (k === rows.offsets[u] || rows.indices[k] !== rows.indices[k - 1]) distinct++;
    if (distinct >= seenItems) throw new RangeError(`${owner}: user ${train.userIds[u]} interacted with every trained item; no negative exists`);
  }
}
