/**
 * K-fold cross-validation: a seeded shuffle of the ratings cut into k nearly equal folds; fold f is the test
 * set of split f and every rating is in exactly one test fold.
 */
import type { Rng } from "../../random/rng";
import type { Ratings } from "../ratings";
import { splitByMask, type TrainTest } from "./train-test";

/**
 * The fold (0..k-1) of each of `size` ratings: shuffles 0..size-1 with `rng` and gives fold f the shuffled
 * positions [floor(f x size / k), floor((f + 1) x size / k)), so fold sizes differ by at most one. Shape [size].
 */
export function kFoldAssignment(size: number, rng: Rng, k = 5): Int32Array {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`kFold: k must be an integer >= 2, got ${k}`);
  if (k > size) throw new RangeError(`kFold: k = ${k} is larger than the ${size} ratings`);
  const perm = rng.permutation(size);
  const foldOf = new Int32Array(size);
  for (let f = 0; f < k; f++) {
    const end = Math.floor(((f + 1) * size) / k);
    for (let p = Math.floor((f * size) / k); p < end; p++) foldOf[perm[p]] = f;
  }
  return foldOf;
}

/** Returns k train/test splits of `r` (test of split f = fold f of kFoldAssignment), sharing `r`'s index space. */
export function kFold(r: Ratings, rng: Rng, k = 5): TrainTest[] {
  const foldOf = kFoldAssignment(r.size, rng, k);
  const splits: TrainTest[] = [];
  const isTest = new Uint8Array(r.size);
  for (let f = 0; f < k; f++) {
    for (let i = 0; i < r.size; i++) isTest[i] = foldOf[i] === f ? 1 : 0;
    splits.push(splitByMask(r, isTest));
  }
  return splits;
}
