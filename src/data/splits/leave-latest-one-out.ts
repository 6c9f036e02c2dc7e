/**
 * Leave-latest-one-out (NCF protocol, He et al. 2017): each user's most recent rating is the test rating.
 * Needs timestamps. Ties (several ratings at the user's latest second) are drawn uniformly with `rng` when one is
 * given (what the NCF protocol uses); without one they go to the row that comes last in the ratings' order, which
 * is deterministic but biased: in implicit data sorted by item (`toImplicit`) the last row has the largest item
 * index, and indices follow first appearance in the file, so that rule favours unpopular items (in ml-100k, 415
 * of 943 users have several interactions at their latest second). Users with fewer than `minRatings` ratings keep
 * them all in train.
 */
import type { Rng } from "../../random/rng";
import type { Ratings } from "../ratings";
import { groupRowsByUser, requireTimestamps, splitByMask, type TrainTest } from "./train-test";

/** Options of leaveLatestOneOut. */
export interface LeaveLatestOneOutOptions {
  /** Minimum number of ratings a user must have to contribute a test rating; default 2 (so train keeps one). */
  minRatings?: number;
  /** Draws among ties at the latest timestamp uniformly with this generator; without it, the last tied row. */
  rng?: Rng;
}

/**
 * Moves each user's latest rating (max timestamp; ties: drawn with `options.rng`, else the last such row) to
 * test, for users with at least `minRatings` ratings. Throws an Error if `r` has no timestamps.
 */
export function leaveLatestOneOut(r: Ratings, options: LeaveLatestOneOutOptions = {}): TrainTest {
  const ts = requireTimestamps(r, "leaveLatestOneOut");
  const minRatings = options.minRatings ?? 2;
  if (!(Number.isInteger(minRatings) && minRatings >= 1)) {
    throw new RangeError(`leaveLatestOneOut: minRatings must be a positive integer, got ${minRatings}`);
  }
  const rng = options.rng;
  if (rng !== undefined && typeof (rng as Partial<Rng>).int !== "function") {
    throw new TypeError("leaveLatestOneOut: options.rng must be a seeded generator (new Rng(seed)) or left out");
  }
  const { offsets, rows } = groupRowsByUser(r);
  const isTest = new Uint8Array(r.size);
  for (let u = 0; u < r.numUsers; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    if (end - start < minRatings) continue;
    let chosen = rows[start];
    if (rng) {
      let latest = -Infinity;
      for (let k = start; k < end; k++) if (ts[rows[k]] > latest) latest = ts[rows[k]];
      let ties = 0;
      for (let k = start; k < end; k++) {
        if (ts[rows[k]] === latest && rng.int(++ties) === 0) chosen = rows[k]; // reservoir sampling of one
      }
    } else {
      // Rows within a user's block are in increasing row order, so ">=" keeps the last of equal timestamps.
      for (let k = start + 1; k < end; k++) if (ts[rows[k]] >= ts[chosen]) chosen = rows[k];
    }
    isTest[chosen] = 1;
  }
  return splitByMask(r, isTest);
}
