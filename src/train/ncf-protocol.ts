/**
 * The sampled-candidates protocol of Neural Collaborative Filtering (He et al., WWW 2017, section 4.1): each
 * user's latest interaction is held out and ranked among 99 items the user did not interact with; HR@10 and
 * NDCG@10 are averaged over users. Two sources: the published MovieLens-1M files (`ml-1m-loo`, whose negatives
 * are fixed) and a generator for any data set (leave-latest-one-out with random tie-breaking, or one random
 * interaction per user when there are no timestamps, plus negatives drawn with a seeded NegativeSampler).
 */
import { toImplicit, type ImplicitOptions } from "../data/implicit-interactions";
import { assertSameIndex } from "../data/index-identity";
import type { LeaveOneOutData } from "../data/load-ml-1m-loo";
import { NegativeSampler, uniformSampling, type NegativeSamplerConfig } from "../data/negative-sampler";
import { ratingsByUser } from "../data/rating-matrix";
import { leaveLatestOneOut } from "../data/splits/leave-latest-one-out";
import { perUserHoldout } from "../data/splits/per-user-holdout";
import type { Ratings } from "../data/ratings";
import type { TrainTest } from "../data/splits/train-test";
import type { Rng } from "../random/rng";
import { relevantByUser, type RankingProtocol } from "./ranking-protocol";
import { drawDistinctNegatives } from "./sampled-candidates";

/**
 * The NCF protocol on the published leave-one-out files (`loadMl1mLoo`): train = every training rating as a
 * positive with confidence 1; user k of `data.test` ranks its held-out item among its row of `data.negatives`
 * (99 in the files). The negatives are used as published, including the few that are items the user rated
 * (77 among users 1 to 2998; see ../shared/data/SOURCES.md) and which therefore count as non-relevant.
 */
export function ncfProtocolFromLoo(data: LeaveOneOutData): RankingProtocol {
  const { test, negatives, negativesPerUser } = data;
  assertSameIndex("ncfProtocolFromLoo", { train: data.train, test });
  if (negatives.length !== test.size * negativesPerUser) {
    throw new RangeError(`ncfProtocolFromLoo: negatives has ${negatives.length} entries, expected ${test.size} x ${negativesPerUser}`);
  }
  const seen = new Uint8Array(test.numUsers);
  for (let k = 0; k < test.size; k++) {
    const u = test.users[k];
    if (seen[u]) throw new RangeError(`ncfProtocolFromLoo: user ${test.userIds[u]} has more than one test rating`);
    seen[u] = 1;
  }
  for (let j = 0; j < negatives.length; j++) {
    if (!(negatives[j] >= 0 && negatives[j] < test.numItems)) throw new RangeError(`ncfProtocolFromLoo: negative item index ${negatives[j]} is outside [0, ${test.numItems})`);
  }
  const relevantOffsets = new Int32Array(test.size + 1);
  for (let k = 0; k <= test.size; k++) relevantOffsets[k] = k;
  return {
    name: `${test.name}: NCF leave-one-out, ${negativesPerUser} published negatives`,
    train: toImplicit(data.train),
    test,
    users: test.users.slice(),
    relevantOffsets,
    relevantItems: test.items.slice(),
    negatives,
    negativesPerUser,
    excluded: null,
  };
}

/** Options of sampledProtocol. */
export interface SampledProtocolOptions {
  /** Negatives per evaluated user, distinct and never the user's interactions; default 99. */
  negatives?: number;
  /**
   * Which interaction is held out: "latest" (at the latest timestamp, ties drawn at random; needs timestamps; see
   * leaveLatestOneOut with a generator) or "random" (one uniformly drawn interaction per user, perUserHoldout); default
   * "latest".
   */
  holdout?: "latest" | "random";
  /** Distribution of the negatives; default uniform over the items the user has no interaction with. */
  sampler?: NegativeSamplerConfig;
  /** How ratings become implicit interactions before the split (toImplicit); default: every rating a positive, confidence 1. */
  implicit?: ImplicitOptions;
}

/**
 * A generated NCF protocol for any data set: `toImplicit(ratings, options.implicit)` (duplicate pairs merged,
 * each keeping its latest timestamp), one held-out interaction per user with at least two (see
 * SampledProtocolOptions.holdout), and `negatives` distinct items per evaluated user drawn with a NegativeSampler
 * over ALL the user's interactions (train and held out), seeded by `rng`. Throws if a user has fewer
 * non-interacted items than `negatives`.
 */
export function sampledProtocol(ratings: Ratings, rng: Rng, options: SampledProtocolOptions = {}): RankingProtocol {
  return sampledFromInteractions(toImplicit(ratings, options.implicit), rng, options, "sampledProtocol");
}

/** Options of validationProtocol. */
export interface ValidationProtocolOptions {
  /** Negatives per validation user; default 99. */
  negatives?: number;
  /** "latest" or "random" (see SampledProtocolOptions.holdout); default "latest" when `train` has timestamps, else "random". */
  holdout?: "latest" | "random";
  /** Distribution of the negatives; default uniform. */
  sampler?: NegativeSamplerConfig;
}

/**
 * A validation protocol carved from implicit training data `train` (e.g. `protocol.train`), values (confidences)
 * kept as they are: one interaction per user with at least two is held out and ranked among `negatives` items the
 * user has no training interaction with. Fit on the result's `train` with `rankingValidator(model, result, ...)`
 * for early stopping. `train` must have no duplicate (user, item) pairs (toImplicit's output has none). The outer
 * test items are unknown here, so they may be drawn as validation negatives.
 */
export function validationProtocol(train: Ratings, rng: Rng, options: ValidationProtocolOptions = {}): RankingProtocol {
  const byUser = ratingsByUser(train);
  for (let u = 0; u < byUser.rows; u++) {
    for (let j = byUser.offsets[u] + 1; j < byUser.offsets[u + 1]; j++) {
      if (byUser.indices[j] === byUser.indices[j - 1]) {
        throw new RangeError(`validationProtocol: user ${train.userIds[u]} has item ${train.itemIds[byUser.indices[j]]} twice; pass toImplicit(train)`);
      }
    }
  }
  const holdout = options.holdout ?? (train.timestamps ? "latest" : "random");
  return sampledFromInteractions(train, rng, { ...options, holdout }, "validationProtocol");
}

/** The generated protocol on interactions without duplicate pairs; `owner` names the caller in errors. */
function sampledFromInteractions(implicit: Ratings, rng: Rng, options: SampledProtocolOptions, owner: string): RankingProtocol {
  const perUser = options.negatives ?? 99;
  if (!(Number.isInteger(perUser) && perUser >= 1)) throw new RangeError(`${owner}: negatives must be a positive integer, got ${perUser}`);
  const holdout = options.holdout ?? "latest";
  if (holdout !== "latest" && holdout !== "random") {
    throw new RangeError(`${owner}: holdout must be "latest" or "random", got ${JSON.stringify(holdout)}`);
  }
  if (holdout === "latest" && !implicit.timestamps) {
    throw new Error(`${owner}: "${implicit.name}" has no timestamps, so its latest interactions cannot be held out; set holdout: "random" (one seeded random interaction per user)`);
  }
  const split: TrainTest = holdout === "latest" ? leaveLatestOneOut(implicit, { rng: rng }) : perUserHoldout(implicit, rng, { testPerUser: 1 });
  const what = holdout === "latest" ? "leave-latest-one-out" : "one random held-out interaction per user";
  return sampledProtocolFromSplit(implicit, split, rng, { negatives: perUser, sampler: options.sampler, what, owner });
}

/** Settings of sampledProtocolFromSplit. */
export interface SplitProtocolSettings {
  /** Negatives per evaluated user (a positive integer). */
  negatives: number;
  /** Distribution of the negatives; default uniform. */
  sampler?: NegativeSamplerConfig;
  /** How the held-out interactions were chosen, for the protocol's name (e.g. "leave-latest-one-out"). */
  what: string;
  /** The caller, named in errors. */
  owner: string;
}

/**
 * The sampled protocol of a split of `implicit` (no duplicate pairs): `split.test`'s users are evaluated, each
 * among `negatives` distinct items drawn (seeded by `rng`) from those it has no interaction with in `implicit`.
 * Throws when the split holds nothing out.
 */
export function sampledProtocolFromSplit(implicit: Ratings, split: TrainTest, rng: Rng, settings: SplitProtocolSettings): RankingProtocol {
  const { negatives: perUser, what, owner } = settings;
  if (split.test.size === 0) throw new RangeError(`${owner}: no user of ${implicit.name} has two or more interactions`);
  const relevant = relevantByUser(split.test);
  const sampler = new NegativeSampler(implicit, settings.sampler ?? uniformSampling);
  const negatives = drawDistinctNegatives(sampler, implicit, relevant.users, perUser, rng, owner);
  return {
    name: `${implicit.name}: ${what}, ${perUser} sampled negatives`,
    train: split.train,
    test: split.test,
    ...relevant,
    negatives,
    negativesPerUser: perUser,
    excluded: null,
  };
}
