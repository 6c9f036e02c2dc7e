/**
 * Implicit feedback from any loaded `Ratings`: every (user, item) pair becomes one positive interaction whose
 * value is a confidence (1, `1 + alpha * count` or `1 + alpha * ln(1 + count / epsilon)`; see
 * implicit-confidence.ts). Rows of the same pair are summed into one count, so the result has no duplicate pairs.
 *
 * Count data (user, item, count), e.g. play counts, is easiest loaded with a data-set descriptor whose columns
 * name a `count` (see dataset-descriptor.ts): the result is marked `implicitCounts`, so `toImplicit` sums the
 * counts (not the rows) by default. By hand: `loadDelimited` with the count as the rating column and
 * `IMPLICIT_COUNT_SCALE` as the scale, then `toImplicit` with `countFrom: "values"`:
 *
 * ```ts
 * const plays = await loadDelimited({ file: "plays.tsv", delimiter: "\t", header: true,
 *   columns: { user: "user", item: "artist", rating: "plays" }, scale: IMPLICIT_COUNT_SCALE });
 * const train = toImplicit(plays, { countFrom: "values", confidence: { scheme: "log", alpha: 2, epsilon: 1 } });
 * ```
 */
import { BINARY_CONFIDENCE, checkConfidence, confidenceValues, type ConfidenceConfig } from "./implicit-confidence";
import type { RatingScale, Ratings } from "./ratings";
import { groupRowsByUser } from "./splits/train-test";

/**
 * Declared scale for count files read with `loadDelimited` (counts 0 to 1e9, fractional allowed, e.g. hours).
 * RatingsBuilder tolerates values slightly outside a scale (1e-6 of its largest magnitude); `interactionCounts`
 * rejects every negative count itself.
 */
export const IMPLICIT_COUNT_SCALE: RatingScale = { min: 0, max: 1e9 };

/** Whether the values of `r` are counts: marked `implicitCounts`, or declared on IMPLICIT_COUNT_SCALE. */
export function holdsCounts(r: Ratings): boolean {
  return r.implicitCounts !== undefined || (r.scale.min === IMPLICIT_COUNT_SCALE.min && r.scale.max === IMPLICIT_COUNT_SCALE.max);
}

/** Options of interactionCounts and toImplicit. */
export interface ImplicitOptions {
  /**
   * Keep only rows whose value is >= threshold (e.g. 4 on 1-5 stars for "liked"), before summing; default:
   * every row is a positive.
   */
  threshold?: number;
  /**
   * What one row adds to its pair's count: `"rows"` (1 per row: ratings, click logs) or `"values"` (the row's
   * value: count data); default "values" when the input holds counts (marked `implicitCounts` by a descriptor's
   * `count` column, or read on IMPLICIT_COUNT_SCALE), else "rows". Pairs whose summed count is 0 are dropped;
   * negative values are errors.
   */
  countFrom?: "rows" | "values";
  /**
   * How counts become confidences (toImplicit only); default the input's `implicitCounts.confidence`, else binary
   * (every value 1).
   */
  confidence?: ConfidenceConfig;
  /** Name of the result; default the input's name. */
  name?: string;
  /** Receives the one-line warning of toImplicit when confidences span more than 3 orders of magnitude; default console.log. */
  warn?: (line: string) => void;
}

/** Largest ratio of the largest to the smallest confidence toImplicit accepts without a warning (3 orders of magnitude). */
export const CONFIDENCE_SPREAD_WARNING = 1e3;

/**
 * One row per distinct (user, item) pair of `r` that passes `options.threshold`, with value = the pair's summed
 * count (see ImplicitOptions.countFrom) and, when `r` has timestamps, the pair's latest timestamp (seconds).
 * Rows are ordered by user, then item index, both ascending; the index space (ids, features) is `r`'s.
 * The scale is [smallest count, largest count].
 */
export function interactionCounts(r: Ratings, options: ImplicitOptions = {}): Ratings {
  const threshold = options.threshold;
  if (threshold !== undefined && !Number.isFinite(threshold)) {
    throw new RangeError(`interactionCounts: threshold must be a finite number, got ${threshold}`);
  }
  const countFrom = options.countFrom ?? (holdsCounts(r) ? "values" : "rows");
  if (countFrom !== "rows" && countFrom !== "values") {
    throw new RangeError(`interactionCounts: countFrom must be "rows" or "values", got ${JSON.stringify(countFrom)}`);
  }
  const byValue = countFrom === "values";
  const { offsets, rows } = groupRowsByUser(r);
  const ts = r.timestamps;
  // Scratch per item, reset after each user: slot of the item in the user's output, or -1.
  const slot = new Int32Array(r.numItems).fill(-1);
  const distinct = new Int32Array(r.numItems);
  const sum = new Float64Array(r.numItems);
  const latest = new Float64Array(r.numItems);
  const users = new Int32Array(r.size);
  const items = new Int32Array(r.size);
  const values = new Float32Array(r.size);
  const times = ts ? new Float64Array(r.size) : undefined;
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let u = 0; u < r.numUsers; u++) {
    let m = 0;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const row = rows[k];
      const v = r.values[row];
      if (byValue && !(v >= 0)) throw new RangeError(negativeCountMessage(r, row, v));
      if (threshold !== undefined && !(v >= threshold)) continue;
      const i = r.items[row];
      if (slot[i] < 0) {
        slot[i] = m;
        distinct[m++] = i;
        sum[i] = 0;
        latest[i] = -Infinity;
      }
      sum[i] += byValue ? v : 1;
      if (ts && ts[row] > latest[i]) latest[i] = ts[row];
    }
    const mine = distinct.subarray(0, m).sort();
    for (let j = 0; j < m; j++) {
      const i = mine[j];
      slot[i] = -1;
      if (!(sum[i] > 0)) continue;
      users[n] = u;
      items[n] = i;
      values[n] = sum[i];
      if (times) times[n] = latest[i];
      if (sum[i] < lo) lo = sum[i];
      if (sum[i] > hi) hi = sum[i];
      n++;
    }
  }
  const scale: RatingScale = n > 0 ? { min: lo, max: hi } : { min: 0, max: 0 };
  return {
    ...r,
    name: options.name ?? r.name,
    users: users.slice(0, n),
    items: items.slice(0, n),
    values: values.slice(0, n),
    timestamps: times ? times.slice(0, n) : undefined,
    size: n,
    scale,
  };
}

function negativeCountMessage(r: Ratings, row: number, v: number): string {
  const where = `row ${row} (user ${r.userIds[r.users[row]]}, item ${r.itemIds[r.items[row]]})`;
  if (r.implicitCounts) return `interactionCounts(${r.name}): ${where} has count ${v}; counts must be >= 0`;
  return (
    `interactionCounts(${r.name}): countFrom "values" uses each rating as a count (a confidence weight), but ${where} has ${v}; ` +
    `weights need values >= 0 (the scale of ${r.name} is ${r.scale.min} to ${r.scale.max}): use countFrom "rows" (every rating one interaction), ` +
    `or data whose ratings or counts are >= 0 (in a notebook: another DATASET)`
  );
}

/**
 * Implicit interactions of `r`: `interactionCounts(r, options)` with each summed count replaced by its
 * confidence under `options.confidence` (default binary, every value 1). Shapes and order as interactionCounts;
 * the scale is [smallest confidence, largest confidence] (both 1 when binary).
 */
export function toImplicit(r: Ratings, options: ImplicitOptions = {}): Ratings {
  const confidence = checkConfidence(options.confidence ?? r.implicitCounts?.confidence ?? BINARY_CONFIDENCE, "toImplicit: confidence");
  const counts = interactionCounts(r, options);
  const values = confidenceValues(counts.values, confidence);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    if (values[k] < lo) lo = values[k];
    if (values[k] > hi) hi = values[k];
  }
  if (values.length > 0 && hi > CONFIDENCE_SPREAD_WARNING * lo) {
    const orders = Math.log10(hi / lo).toFixed(1);
    const fix = confidence.scheme === "log" ? "a smaller alpha" : 'the log confidence ({ scheme: "log", alpha: 1, epsilon: 1 }) or a smaller alpha';
    (options.warn ?? console.log)(
      `toImplicit(${r.name}): warning: confidences span ${lo.toPrecision(3)} to ${hi.toPrecision(3)} (${orders} orders of magnitude), so a few interactions dominate the loss; consider ${fix}`,
    );
  }
  const scale: RatingScale = values.length > 0 ? { min: lo, max: hi } : { min: 1, max: 1 };
  return { ...counts, values, scale, implicitCounts: undefined };
}
