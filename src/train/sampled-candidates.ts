/**
 * The two random steps of a generated sampled-candidates protocol: holding out each user's latest interaction
 * (ties at the latest timestamp drawn at random) and drawing distinct negatives per evaluated user.
 */
import { NegativeSampler } from "../data/negative-sampler";
import { ratingsByUser, rowLength } from "../data/rating-matrix";
import type { Ratings } from "../data/ratings";
import { groupRowsByUser, requireTimestamps, splitByMask, type TrainTest } from "../data/splits/train-test";
import type { Rng } from "../random/rng";

/**
 * Leave-latest-one-out with a seeded random choice among ties: for every user with at least two interactions,
 * one of the interactions at the user's latest timestamp, drawn uniformly with `rng`, goes to test. (The
 * split's own rule, the last tied row, would pick the largest item index after toImplicit's sort; indices follow
 * first appearance in the file, so that rule favours unpopular items. In ml-100k 415 of 943 users have several
 * interactions at their latest second.)
 */
export function leaveLatestOneOutRandomTies(r: Ratings, rng: Rng): TrainTest {
  const ts = requireTimestamps(r, "leaveLatestOneOutRandomTies");
  const { offsets, rows } = groupRowsByUser(r);
  const isTest = new Uint8Array(r.size);
  for (let u = 0; u < r.numUsers; u++) {
    if (offsets[u + 1] - offsets[u] < 2) continue;
    let latest = -Infinity;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) if (ts[rows[k]] > latest) latest = ts[rows[k]];
    let chosen = -1;
    let ties = 0;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      if (ts[rows[k]] === latest && rng.int(++ties) === 0) chosen = rows[k]; // reservoir sampling of one
    }
    isTest[chosen] = 1;
  }
  return splitByMask(r, isTest);
}

/**
 * `perUser` distinct negatives for each user of `users` (dense indices), drawn with `sampler` (built over
 * `positives`, so never one of the user's interactions) and `rng`; row-major, shape [users.length, perUser].
 * Throws, naming `owner` and the user, if a user has fewer than `perUser` items without an interaction or the
 * sampler cannot reach enough distinct items.
 */
export function drawDistinctNegatives(
  sampler: NegativeSampler,
  positives: Ratings,
  users: Int32Array,
  perUser: number,
  rng: Rng,
  owner: string,
): Int32Array {
  const byUser = ratingsByUser(positives);
  const negatives = new Int32Array(users.length * perUser);
  const taken = new Uint8Array(positives.numItems);
  for (let k = 0; k < users.length; k++) {
    const u = users[k];
    const free = positives.numItems - rowLength(byUser, u);
    if (free < perUser) {
      throw new RangeError(`${owner}: user ${positives.userIds[u]} has only ${free} items without an interaction, fewer than negatives = ${perUser}`);
    }
    const row = negatives.subarray(k * perUser, (k + 1) * perUser);
    for (let j = 0, draws = 0; j < perUser; ) {
      if (++draws > 1000 * perUser) {
        throw new Error(`${owner}: could not draw ${perUser} distinct negatives for user ${positives.userIds[u]} (the sampler's weights concentrate on too few items)`);
      }
      const item = sampler.draw(u, rng);
      if (taken[item]) continue;
      taken[item] = 1;
      row[j++] = item;
    }
    for (let j = 0; j < perUser; j++) taken[row[j]] = 0;
  }
  return negatives;
}
