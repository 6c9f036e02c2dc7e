/**
 * Choosing a setting from a small grid scored on several validation splits: the lowest mean score, or rather the
 * cheapest candidate whose score is within noise of it (a one-standard-error rule over paired differences, in the
 * spirit of Breiman et al.'s 1-SE rule). Used by `scripts/measure-autorec.ts --mode select` to pick AutoRec presets.
 */

/** One candidate setting: its score (lower is better) on each split, in the same split order for every candidate, and its cost. */
export interface ScoredCandidate<T> {
  setting: T;
  /** Score per split (e.g. validation RMSE per fold or seed); every candidate lists the same splits in the same order. */
  scores: readonly number[];
  /** What running it costs (e.g. training epochs, fit plus refit); lower is cheaper. */
  cost: number;
}

/** What `cheapestWithinNoise` chose and why. */
export interface NoiseSelection<T> {
  /** Index (into the candidates) of the lowest mean score; ties go to the earlier candidate. */
  bestIndex: number;
  /** Index of the chosen candidate: the cheapest within noise of the best (ties in cost: the lower mean score, then the earlier). */
  chosenIndex: number;
  chosen: ScoredCandidate<T>;
  /** Per candidate: mean score, mean paired difference to the best, its standard error, and whether it is within noise. */
  rows: { mean: number; diff: number; diffSe: number; withinNoise: boolean }[];
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Picks the cheapest candidate within noise of the best. A candidate is within noise when the mean of its paired
 * differences to the best (score minus best score, split by split) is at most `k` standard errors of those
 * differences (sample SD / sqrt(splits)), or at most `tolerance`. Needs at least two splits, so that the standard
 * error exists; the best is always within noise of itself.
 */
export function cheapestWithinNoise<T>(candidates: readonly ScoredCandidate<T>[], options: { k?: number; tolerance?: number } = {}): NoiseSelection<T> {
  const k = options.k ?? 1;
  const tolerance = options.tolerance ?? 0;
  if (candidates.length === 0) throw new RangeError("cheapestWithinNoise: no candidates");
  const splits = candidates[0].scores.length;
  if (splits < 2) throw new RangeError(`cheapestWithinNoise: needs scores on at least 2 splits, got ${splits}`);
  for (const c of candidates) {
    if (c.scores.length !== splits) throw new RangeError(`cheapestWithinNoise: every candidate needs ${splits} scores, got ${c.scores.length}`);
    if (!c.scores.every(Number.isFinite) || !Number.isFinite(c.cost)) throw new RangeError("cheapestWithinNoise: scores and costs must be finite numbers");
  }
  if (!(k >= 0 && tolerance >= 0)) throw new RangeError(`cheapestWithinNoise: k and tolerance must be >= 0, got ${k} and ${tolerance}`);
  const means = candidates.map((c) => mean(c.scores));
  let bestIndex = 0;
  means.forEach((m, i) => { if (m < means[bestIndex]) bestIndex = i; });
  const best = candidates[bestIndex].scores;
  const rows = candidates.map((c, i) => {
    const d = c.scores.map((s, j) => s - best[j]);
    const diff = mean(d);
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - diff) ** 2, 0) / (splits - 1));
    const diffSe = sd / Math.sqrt(splits);
    return { mean: means[i], diff, diffSe, withinNoise: i === bestIndex || diff <= k * diffSe || diff <= tolerance };
  });
  let chosenIndex = bestIndex;
  candidates.forEach((c, i) => {
    if (!rows[i].withinNoise) return;
    const current = candidates[chosenIndex];
    if (c.cost < current.cost || (c.cost === current.cost && means[i] < means[chosenIndex])) chosenIndex = i;
  });
  return { bestIndex, chosenIndex, chosen: candidates[chosenIndex], rows };
}
