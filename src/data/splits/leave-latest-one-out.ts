/**
 * Leave-latest-one-out (NCF protocol, He et al. 2017): each user's most recent rating is the test rating.
 * Needs timestamps. Ties (several ratings at the user's latest second) go to the row that comes last in the
 * ratings' order, so the split is deterministic and needs no random generator. Users with a single rating
 * keep it in train.
 */
import type { Ratings } from "../ratings";
import { groupRowsByUser, requireTimestamps, splitByMask, type TrainTest } from "./train-test";

/** Options of leaveLatestOneOut. */
export interface LeaveLatestOneOutOptions {
  /** Minimum number of ratings a user must have to contribute a test rating; default 2 (so train keeps one). */
  minRatings?: number;
}

/**
 * Moves each user's latest rating (max timestamp; ties: the last such row) to test, for users with at least
 * `minRatings` ratings. Throws an Error if `r` has no timestamps.
 */
export function leaveLatestOneOut(r: Ratings, options: LeaveLatestOneOutOptions = {}): TrainTest {
  const ts = requireTimestamps(r, "leaveLatestOneOut");
  const minRatings = options.minRatings ?? 2;
  if (!(Number.isInteger(minRatings) && minRatings >= 1)) {
    throw new RangeError(`leaveLatestOneOut: minRatings must be a positive integer, got ${minRatings}`);
  }
  const { offsets, rows } = groupRowsByUser(r);
  const isTest = new Uint8Array(r.size);
  for (let u = 0; u < r.numUsers; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    if (end - start < minRatings) continue;
    // Rows within a user's block are in increasing row order, so ">=" keeps the last of equal timestamps.
    let best = rows[start];
    for (let k = start + 1; k < end; k++) if (ts[rows[k]] >= ts[best]) best = rows[k];
    isTest[best] = 1;
  }
  return splitByMask(r, isTest);
}
