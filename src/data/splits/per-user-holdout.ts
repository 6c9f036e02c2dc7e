/**
 * Per-user holdout: N randomly chosen ratings of every user go to the test set (the talk's protocol holds
 * out 5 per user). A user needs MORE than N ratings to contribute test ratings, so that at least one of
 * theirs stays in train; users with N or fewer ratings keep all of them in train.
 */
import type { Rng } from "../../random/rng";
import type { Ratings } from "../ratings";
import { groupRowsByUser, splitByMask, type TrainTest } from "./train-test";

/** Options of perUserHoldout. */
export interface PerUserHoldoutOptions {
  /** Ratings held out per eligible user (a positive integer); default 5. */
  testPerUser?: number;
}

/**
 * For each user (in dense index order) with more than `testPerUser` ratings, moves `testPerUser` of them, drawn
 * uniformly with `rng`, to test. Test size = testPerUser x (number of users with more than testPerUser ratings).
 */
export function perUserHoldout(r: Ratings, rng: Rng, options: PerUserHoldoutOptions = {}): TrainTest {
  const n = options.testPerUser ?? 5;
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`perUserHoldout: testPerUser must be a positive integer, got ${n}`);
  const { offsets, rows } = groupRowsByUser(r);
  const isTest = new Uint8Array(r.size);
  for (let u = 0; u < r.numUsers; u++) {
    const start = offsets[u];
    const count = offsets[u + 1] - start;
    if (count <= n) continue;
    // Partial Fisher-Yates over this user's block of `rows` (a private copy, so shuffling it in place is fine).
    for (let j = 0; j < n; j++) {
      const k = j + rng.int(count - j);
      const t = rows[start + j];
      rows[start + j] = rows[start + k];
      rows[start + k] = t;
      isTest[rows[start + j]] = 1;
    }
  }
  return splitByMask(r, isTest);
}
