/**
 * Per-user score normalisation for blending ranking models: each member's scores of one user's whole catalogue
 * are turned into z-scores, z = (s - mean) / sd over the catalogue row, so that models on different scales (EASE's
 * sums of item-item weights, a factor model's dot products) can be added with weights.
 */
import type { CatalogueScorer } from "../implicit-model";

/**
 * Replaces `row[start .. end)` by its z-scores: (x - mean) / sd with the population standard deviation over that
 * range. A constant range (sd 0, e.g. a user without training interactions under EASE) becomes all zeros, so it
 * adds nothing to a blend. Mean and sd are accumulated in float64.
 */
export function zScoreInPlace(row: Float32Array, start: number, end: number): void {
  const n = end - start;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= row.length && n >= 1)) {
    throw new RangeError(`zScoreInPlace: range [${start}, ${end}) is empty or outside a row of ${row.length}`);
  }
  let sum = 0;
  for (let j = start; j < end; j++) sum += row[j];
  const mean = sum / n;
  let sq = 0;
  for (let j = start; j < end; j++) sq += (row[j] - mean) * (row[j] - mean);
  const sd = Math.sqrt(sq / n);
  if (!(sd > 0) || !Number.isFinite(sd)) {
    if (!Number.isFinite(mean)) throw new RangeError(`zScoreInPlace: non-finite scores in [${start}, ${end})`);
    row.fill(0, start, end);
    return;
  }
  const inv = 1 / sd;
  for (let j = start; j < end; j++) row[j] = (row[j] - mean) * inv;
}

/**
 * Writes `member`'s catalogue z-scores of `users` into `out` (shape [users.length, n], n = member.catalogueSize()):
 * row r is scoreCatalogue's row for users[r], z-scored by zScoreInPlace.
 */
export function normalisedCatalogueRows(member: CatalogueScorer, users: Int32Array, out: Float32Array): void {
  const n = member.catalogueSize();
  member.scoreCatalogue(users, out);
  for (let r = 0; r < users.length; r++) zScoreInPlace(out, r * n, (r + 1) * n);
}
