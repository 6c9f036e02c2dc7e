/**
 * Ranking evaluation protocols for implicit feedback: which interactions a model trains on, which held-out items
 * each evaluated user should find, and which candidates they are ranked among. Two kinds:
 *
 * - sampled candidates (the NCF protocol, He et al. 2017): each user's held-out items ranked among a fixed list
 *   of sampled negatives (ncf-protocol.ts);
 * - full catalogue (this file): every item of the index space is a candidate except the user's training items.
 */
import { toImplicit, type ImplicitOptions } from "../data/implicit-interactions";
import type { LeaveOneOutData } from "../data/load-ml-1m-loo";
import { ratingsByUser, type SparseRows } from "../data/rating-matrix";
import type { Ratings } from "../data/ratings";
import { perUserHoldout } from "../data/splits/per-user-holdout";
import { groupRowsByUser } from "../data/splits/train-test";
import type { Rng } from "../random/rng";

/**
 * One evaluation protocol. Evaluated user k (`users[k]`) must find its relevant items
 * `relevantItems[relevantOffsets[k] .. relevantOffsets[k + 1])`. Its candidates are those items plus either
 * `negatives[k * negativesPerUser .. (k + 1) * negativesPerUser)` (sampled protocol; `excluded` is null) or every
 * item of the catalogue not in `excluded`'s row for the user (full catalogue; `negatives` is null).
 */
export interface RankingProtocol {
  /** Display name, e.g. "ml-1m-loo: NCF leave-one-out, 99 published negatives". */
  readonly name: string;
  /** Interactions to fit on (values are confidences). */
  readonly train: Ratings;
  /** The held-out interactions (the relevant items), as a Ratings in train's index space. */
  readonly test: Ratings;
  /** Dense indices of the evaluated users, shape [U]. */
  readonly users: Int32Array;
  /** Row starts into relevantItems, shape [U + 1]. */
  readonly relevantOffsets: Int32Array;
  /** Relevant (held-out) items of each evaluated user, shape [relevantOffsets[U]]. */
  readonly relevantItems: Int32Array;
  /** Sampled protocol: negatives of each evaluated user, row-major, shape [U, negativesPerUser]; else null. */
  readonly negatives: Int32Array | null;
  /** Negatives per evaluated user (99 in NCF); 0 for the full catalogue. */
  readonly negativesPerUser: number;
  /** Full catalogue: per user (all numUsers rows), items left out of the candidates (training items); else null. */
  readonly excluded: SparseRows | null;
}

/** Evaluated users and their relevant items, grouped from `test` (users ascending, items in `test`'s order). */
export function relevantByUser(test: Ratings): { users: Int32Array; relevantOffsets: Int32Array; relevantItems: Int32Array } {
  const { offsets, rows } = groupRowsByUser(test);
  let count = 0;
  for (let u = 0; u < test.numUsers; u++) if (offsets[u + 1] > offsets[u]) count++;
  const users = new Int32Array(count);
  const relevantOffsets = new Int32Array(count + 1);
  const relevantItems = new Int32Array(test.size);
  let k = 0;
  for (let u = 0; u < test.numUsers; u++) {
    if (offsets[u + 1] === offsets[u]) continue;
    users[k] = u;
    for (let j = offsets[u]; j < offsets[u + 1]; j++) relevantItems[j] = test.items[rows[j]];
    relevantOffsets[++k] = offsets[u + 1];
  }
  return { users, relevantOffsets, relevantItems };
}

/** Options of fullCatalogueProtocol. */
export interface FullCatalogueOptions {
  /** Interactions held out per user, drawn uniformly (perUserHoldout); users with this many or fewer keep all in train. Default 5. */
  testPerUser?: number;
  /** How ratings become implicit interactions before the split (toImplicit); default: every rating a positive, confidence 1. */
  implicit?: ImplicitOptions;
}

/**
 * Full-catalogue protocol: `toImplicit(ratings, options.implicit)`, then `testPerUser` random interactions of
 * every user with more than that many are held out (seeded by `rng`). Each evaluated user ranks every item of
 * the index space except its training items; top-K metrics are over that whole list.
 */
export function fullCatalogueProtocol(ratings: Ratings, rng: Rng, options: FullCatalogueOptions = {}): RankingProtocol {
  const testPerUser = options.testPerUser ?? 5;
  if (!(Number.isInteger(testPerUser) && testPerUser >= 1)) {
    throw new RangeError(`fullCatalogueProtocol: testPerUser must be a positive integer, got ${testPerUser}`);
  }
  const implicit = toImplicit(ratings, options.implicit);
  const { train, test } = perUserHoldout(implicit, rng, { testPerUser });
  if (test.size === 0) throw new RangeError(`fullCatalogueProtocol: no user of ${ratings.name} has more than ${testPerUser} interactions`);
  return {
    name: `${ratings.name}: full catalogue, ${testPerUser} random held-out interaction${testPerUser === 1 ? "" : "s"} per user`,
    train,
    test,
    ...relevantByUser(test),
    negatives: null,
    negativesPerUser: 0,
    excluded: ratingsByUser(train),
  };
}

/**
 * The full-catalogue protocol on the published NCF leave-one-out files (`loadMl1mLoo`): train = every training
 * rating as a positive (confidence 1); each test user ranks its held-out item among every item of the index
 * space it has no training interaction with (the published 99 negatives are not used). Issue 15's EASE anchor
 * (HR@10 0.1121, NDCG@10 0.0552 at λ = 300) is on this protocol.
 */
export function fullCatalogueFromLoo(data: LeaveOneOutData): RankingProtocol {
  const train = toImplicit(data.train);
  return {
    name: `${data.test.name}: leave-one-out, full catalogue`,
    train,
    test: data.test,
    ...relevantByUser(data.test),
    negatives: null,
    negativesPerUser: 0,
    excluded: ratingsByUser(train),
  };
}
