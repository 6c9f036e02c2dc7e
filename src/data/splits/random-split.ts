/**
 * Random ratio split (e.g. 80/20): a seeded uniformly random subset of round(size x testFraction) ratings
 * becomes the test set, regardless of user or item.
 */
import type { Rng } from "../../random/rng";
import type { Ratings } from "../ratings";
import { checkFraction, splitByMask, type TrainTest } from "./train-test";

/** Options of randomSplit. */
export interface RandomSplitOptions {
  /** Fraction of the ratings held out, in (0, 1); default 0.2. */
  testFraction?: number;
}

/**
 * Holds out exactly round(r.size x testFraction) ratings drawn uniformly at random with `rng` (the same
 * seed gives the same split); train and test keep `r`'s row order and share its index space.
 */
export function randomSplit(r: Ratings, rng: Rng, options: RandomSplitOptions = {}): TrainTest {
  const fraction = checkFraction(options.testFraction ?? 0.2, "randomSplit");
  const nTest = Math.round(r.size * fraction);
  const perm = rng.permutation(r.size);
  const isTest = new Uint8Array(r.size);
  for (let k = 0; k < nTest; k++) isTest[perm[k]] = 1;
  return splitByMask(r, isTest);
}
