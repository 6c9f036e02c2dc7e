/**
 * A validation holdout for data whose timestamps are only partly known (ml-1m-loo's training interactions with
 * timestamps from ml-1m's ratings file where it has them): each user whose every training interaction has a
 * timestamp gives up its latest one, ranked among sampled unrated items as in the NCF protocol; the other users
 * keep all their interactions in training. The held-out items then look like the test's (each user's latest
 * rating), which a random holdout does not: settings that depend on recency (the freshness prior) can only be
 * chosen on such a holdout.
 */
import type { Ratings } from "../data/ratings";
import { groupRowsByUser, splitByMask } from "../data/splits/train-test";
import type { Rng } from "../random/rng";
import { sampledProtocolFromSplit } from "./ncf-protocol";
import type { RankingProtocol } from "./ranking-protocol";

/** Options of latestTimestampedValidation. */
export interface TimestampedValidationOptions {
  /** Sampled negatives per held-out interaction; default 99. */
  negatives?: number;
}

/**
 * Splits `train` (implicit interactions with `timestamps`, NaN where unknown) as the module comment says. Ties at
 * the latest timestamp are drawn with `rng`, which also draws the negatives (uniform over the items the user has
 * no training interaction with). Throws when `train` has no timestamps or no user qualifies.
 */
export function latestTimestampedValidation(train: Ratings, rng: Rng, options: TimestampedValidationOptions = {}): RankingProtocol {
  const owner = "latestTimestampedValidation";
  const perUser = options.negatives ?? 99;
  if (!(Number.isInteger(perUser) && perUser >= 1)) throw new RangeError(`${owner}: negatives must be a positive integer, got ${perUser}`);
  const ts = train.timestamps;
  if (!ts) throw new Error(`${owner}: "${train.name}" has no timestamps (attach them first, e.g. attachTimestamps)`);
  const { offsets, rows } = groupRowsByUser(train);
  const isTest = new Uint8Array(train.size);
  let held = 0;
  for (let u = 0; u < train.numUsers; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    if (end - start < 2) continue;
    let latest = -Infinity;
    let complete = true;
    for (let k = start; k < end; k++) {
      const t = ts[rows[k]];
      if (!Number.isFinite(t)) complete = false;
      else if (t > latest) latest = t;
    }
    if (!complete) continue;
    let chosen = -1;
    let ties = 0;
    for (let k = start; k < end; k++) if (ts[rows[k]] === latest && rng.int(++ties) === 0) chosen = rows[k];
    isTest[chosen] = 1;
    held++;
  }
  if (held === 0) throw new RangeError(`${owner}: no user of ${train.name} has two or more interactions that all have timestamps`);
  const what = `each timestamped user's latest training interaction (${held} users)`;
  return sampledProtocolFromSplit(train, splitByMask(train, isTest), rng, { negatives: perUser, what, owner });
}
