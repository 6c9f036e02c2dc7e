/**
 * Timestamps for a timestamp-free Ratings from another file of the same events: ml-1m-loo's train.dat has none,
 * and ml-1m's `ratings.dat` (`UserID::MovieID::Rating::Timestamp`) has them for every rating (here, its verbatim
 * prefix `ratings.first487650lines.dat` has them for users 1-2998).
 */
import { DataFormatError } from "./data-format-error";
import { parseIdField } from "./parse-fields";
import type { Ratings } from "./ratings";
import { forEachRecord, parseIntegerField } from "./read-records";

/** The ratings with timestamps, and how many rows got one. */
export interface TimestampedRatings {
  /** `r` with `timestamps` (seconds, shape [r.size]); NaN for rows the file does not have. */
  readonly ratings: Ratings;
  /** Rows of `r` that got a timestamp. */
  readonly matched: number;
  /** Users of `r` whose every row got one. */
  readonly completeUsers: number;
}

/**
 * Looks up every (user, item) row of `r` in `file` (`UserID::ItemID::Rating::Timestamp`, ids as in `r.userIds`
 * / `r.itemIds`) and attaches its timestamp. Lines of pairs `r` lacks are skipped (the file may hold test
 * ratings and other users); a malformed line, or a pair of `r` that appears twice in the file, is a
 * DataFormatError naming the file and line.
 */
export async function attachTimestamps(r: Ratings, file: string): Promise<TimestampedRatings> {
  const userOf = new Map<string, number>();
  r.userIds.forEach((id, u) => userOf.set(id, u));
  const itemOf = new Map<string, number>();
  r.itemIds.forEach((id, i) => itemOf.set(id, i));
  const rowOf = new Map<number, number>();
  for (let k = 0; k < r.size; k++) rowOf.set(r.users[k] * r.numItems + r.items[k], k);
  const timestamps = new Float64Array(r.size).fill(NaN);
  let matched = 0;
  await forEachRecord(file, { delimiter: "::", fields: 4 }, (f, line) => {
    const u = userOf.get(parseIdField(f[0], "UserID", "integer", file, line, "::"));
    const i = itemOf.get(parseIdField(f[1], "MovieID", "integer", file, line, "::"));
    const t = parseIntegerField(f[3], "Timestamp", file, line);
    if (u === undefined || i === undefined) return;
    const k = rowOf.get(u * r.numItems + i);
    if (k === undefined) return;
    if (!Number.isNaN(timestamps[k])) throw new DataFormatError(file, line, `UserID ${f[0].trim()} and MovieID ${f[1].trim()} appear twice`);
    timestamps[k] = t;
    matched++;
  });
  const missing = new Uint8Array(r.numUsers);
  const present = new Uint8Array(r.numUsers);
  for (let k = 0; k < r.size; k++) {
    present[r.users[k]] = 1;
    if (Number.isNaN(timestamps[k])) missing[r.users[k]] = 1;
  }
  let completeUsers = 0;
  for (let u = 0; u < r.numUsers; u++) if (present[u] && !missing[u]) completeUsers++;
  return { ratings: { ...r, timestamps }, matched, completeUsers };
}
