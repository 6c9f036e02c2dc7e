/**
 * The result type of every split and the helpers the splits share: selecting train and test rows by a mask,
 * grouping rows by user, and requiring timestamps.
 */
import { selectRatings, type Ratings } from "../ratings";

/** A split of one Ratings into two that share its index space (numUsers, numItems, ids, features). */
export interface TrainTest {
  /** Ratings to fit on. */
  readonly train: Ratings;
  /** Held-out ratings to evaluate on. */
  readonly test: Ratings;
}

/** Splits `r` by `isTest` (1 = test row, shape [r.size]); both parts keep the rows in `r`'s order. */
export function splitByMask(r: Ratings, isTest: Uint8Array): TrainTest {
  if (isTest.length !== r.size) throw new RangeError(`splitByMask: mask has ${isTest.length} entries, ratings ${r.size}`);
  let nTest = 0;
  for (let i = 0; i < r.size; i++) nTest += isTest[i] ? 1 : 0;
  const trainRows = new Int32Array(r.size - nTest);
  const testRows = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < r.size; i++) {
    if (isTest[i]) testRows[b++] = i;
    else trainRows[a++] = i;
  }
  return { train: selectRatings(r, trainRows), test: selectRatings(r, testRows) };
}

/** Rows of `r` grouped by user: rows of user u are `rows[offsets[u] .. offsets[u + 1])`, in `r`'s order. */
export interface UserRows {
  /** Start of each user's block; shape [numUsers + 1]. */
  readonly offsets: Int32Array;
  /** Row indices into `r`, grouped by user; shape [size]. */
  readonly rows: Int32Array;
}

/** Groups the rows of `r` by user (counting sort, O(size + numUsers)). */
export function groupRowsByUser(r: Ratings): UserRows {
  const offsets = new Int32Array(r.numUsers + 1);
  for (let i = 0; i < r.size; i++) offsets[r.users[i] + 1]++;
  for (let u = 0; u < r.numUsers; u++) offsets[u + 1] += offsets[u];
  const next = offsets.slice(0, r.numUsers);
  const rows = new Int32Array(r.size);
  for (let i = 0; i < r.size; i++) rows[next[r.users[i]]++] = i;
  return { offsets, rows };
}

/**
 * Returns `r.timestamps`, or throws an Error saying that split `who` needs timestamps that `r.name` lacks and
 * naming the option that fixes it (`fix`; default: the random splits).
 */
export function requireTimestamps(r: Ratings, who: string, fix = "split at random instead (perUserHoldout for one held-out rating per user, randomSplit)"): Float64Array {
  if (!r.timestamps) {
    throw new Error(`${who} needs timestamps, but "${r.name}" has none (e.g. ml-1m's derived ratings file); ${fix}`);
  }
  return r.timestamps;
}

/** Checks that a fraction lies strictly between 0 and 1; returns it. */
export function checkFraction(fraction: number, who: string): number {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`${who}: testFraction must be in (0, 1), got ${fraction}`);
  return fraction;
}
