/**
 * Drawing distinct negatives per evaluated user, the random step of a generated sampled-candidates protocol after
 * its holdout (`leaveLatestOneOut` with a generator, or `perUserHoldout`).
 */
import { NegativeSampler } from "../data/negative-sampler";
import { ratingsByUser, rowLength } from "../data/rating-matrix";
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";

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
