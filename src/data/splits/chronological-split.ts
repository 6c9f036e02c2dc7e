/**
 * Chronological global split: the latest ratings (by timestamp, across all users) form the test set, either
 * a fraction of them or all from a cutoff time on. Needs timestamps; deterministic (no random generator).
 */
import type { Ratings } from "../ratings";
import { checkFraction, requireTimestamps, splitByMask, type TrainTest } from "./train-test";

/** Options of chronologicalSplit: give `testFraction` (default 0.2) or `cutoff`. */
export interface ChronologicalSplitOptions {
  /** Fraction of ratings, the latest ones, held out, in (0, 1); default 0.2. Ignored when `cutoff` is given. */
  testFraction?: number;
  /** Time in seconds since the epoch: ratings at or after it are test, earlier ones train. */
  cutoff?: number;
}

/**
 * Orders ratings by (timestamp, row) and holds out the last round(size x testFraction) of them, or, with
 * `cutoff`, every rating with timestamp >= cutoff. Ratings at the boundary second are split by row order.
 */
export function chronologicalSplit(r: Ratings, options: ChronologicalSplitOptions = {}): TrainTest {
  const ts = requireTimestamps(r, "chronologicalSplit");
  const isTest = new Uint8Array(r.size);
  if (options.cutoff !== undefined) {
    const cutoff = options.cutoff;
    if (!Number.isFinite(cutoff)) throw new RangeError(`chronologicalSplit: cutoff must be a finite number, got ${cutoff}`);
    for (let i = 0; i < r.size; i++) if (ts[i] >= cutoff) isTest[i] = 1;
    return splitByMask(r, isTest);
  }
  const fraction = checkFraction(options.testFraction ?? 0.2, "chronologicalSplit");
  const nTest = Math.round(r.size * fraction);
  if (nTest === 0) return splitByMask(r, isTest);
  const sorted = Float64Array.from(ts).sort();
  const boundary = sorted[r.size - nTest];
  let remaining = nTest;
  for (let i = 0; i < r.size; i++) {
    if (ts[i] > boundary) {
      isTest[i] = 1;
      remaining--;
    }
  }
  // Of the ratings at the boundary second, the last ones in row order go to test.
  for (let i = r.size - 1; i >= 0 && remaining > 0; i--) {
    if (ts[i] === boundary) {
      isTest[i] = 1;
      remaining--;
    }
  }
  return splitByMask(r, isTest);
}
