/**
 * Conclusions computed from a run's numbers, never typed: which model wins on a metric and by how much, with the
 * uncertainty the protocol gives (fold SD under cross-validation, binomial standard error of a hit rate), in
 * sentences a notebook prints and records as its entry's `conclusion`.
 */

/** One model's score on a metric, with its uncertainty when the protocol gives one. */
export interface VerdictScore {
  model: string;
  value: number;
  /** Spread of `value` (same units), e.g. the SD over folds; omitted when the protocol gives none. */
  spread?: number;
}

/** The metric the verdict is about. */
export interface VerdictMetric {
  /** Display name, e.g. "RMSE", "HR@10". */
  name: string;
  /** True for errors (RMSE), false for scores (HR@10). */
  lowerIsBetter: boolean;
  /** What `spread` is, e.g. "fold SD", "binomial SE"; required when any score carries a spread. */
  spreadName?: string;
}

const fmt = (x: number) => x.toFixed(4);

function checkScores(scores: VerdictScore[], metric: VerdictMetric, owner: string): void {
  if (scores.length === 0) throw new RangeError(`${owner}: no scores`);
  for (const s of scores) {
    if (!Number.isFinite(s.value)) throw new RangeError(`${owner}: ${s.model} has ${metric.name} ${s.value}`);
    if (s.spread !== undefined && !(s.spread >= 0)) throw new RangeError(`${owner}: ${s.model} has a negative or invalid spread ${s.spread}`);
    if (s.spread !== undefined && !metric.spreadName) throw new RangeError(`${owner}: scores carry a spread but metric.spreadName is not set`);
  }
}

function find(scores: VerdictScore[], name: string, owner: string): VerdictScore {
  const s = scores.find((x) => x.model === name);
  if (!s) throw new Error(`${owner}: no score for "${name}" (have: ${scores.map((x) => x.model).join(", ")})`);
  return s;
}

/** "0.9020 (fold SD 0.0030)" or "0.9020". */
function withSpread(s: VerdictScore, metric: VerdictMetric): string {
  return s.spread === undefined ? fmt(s.value) : `${fmt(s.value)} (${metric.spreadName} ${fmt(s.spread)})`;
}

/**
 * How a margin compares with the spreads: "" without spreads; else whether it exceeds the larger spread of the
 * two (the rule: a margin within one spread is not a clear difference).
 */
function marginNote(margin: number, a: VerdictScore, b: VerdictScore, metric: VerdictMetric): string {
  if (a.spread === undefined || b.spread === undefined) return "";
  const spread = Math.max(a.spread, b.spread);
  return margin > spread
    ? `, more than the larger ${metric.spreadName} (${fmt(spread)})`
    : `, within the larger ${metric.spreadName} (${fmt(spread)}): not a clear difference`;
}

/** Whether `a` is strictly better than `b` on `metric`. */
function better(a: VerdictScore, b: VerdictScore, metric: VerdictMetric): boolean {
  return metric.lowerIsBetter ? a.value < b.value : a.value > b.value;
}

/**
 * Names the best model and its margin over the runner-up, e.g. "Best RMSE: SGD MF, 0.9020 (fold SD 0.0030),
 * ahead of ALS MF, 0.9183 (fold SD 0.0040), by 0.0163, more than the larger fold SD (0.0040)." Ties are named.
 */
export function bestModelVerdict(scores: VerdictScore[], metric: VerdictMetric): string {
  checkScores(scores, metric, "bestModelVerdict");
  const sorted = [...scores].sort((a, b) => (metric.lowerIsBetter ? a.value - b.value : b.value - a.value));
  const [first, second] = sorted;
  if (!second) return `Only one model scored: ${first.model}, ${metric.name} ${withSpread(first, metric)}.`;
  const margin = Math.abs(first.value - second.value);
  if (margin === 0) return `Best ${metric.name}: ${first.model} and ${second.model} tie at ${fmt(first.value)}.`;
  return `Best ${metric.name}: ${first.model}, ${withSpread(first, metric)}, ahead of ${second.model}, ${withSpread(second, metric)}, by ${fmt(margin)}${marginNote(margin, first, second, metric)}.`;
}

/**
 * Compares model `a` with model `b`, e.g. "MLP + features (0.9085) does not beat MLP (0.9074): it is 0.0011 RMSE
 * worse." or "... beats ... by 0.0230 HR@10, more than the larger binomial SE (0.0190)."
 */
export function pairVerdict(scores: VerdictScore[], a: string, b: string, metric: VerdictMetric): string {
  checkScores(scores, metric, "pairVerdict");
  const x = find(scores, a, "pairVerdict");
  const y = find(scores, b, "pairVerdict");
  const margin = Math.abs(x.value - y.value);
  const head = `${x.model} (${withSpread(x, metric)})`;
  const other = `${y.model} (${withSpread(y, metric)})`;
  if (margin === 0) return `${head} ties with ${other} on ${metric.name}.`;
  const note = marginNote(margin, x, y, metric);
  return better(x, y, metric)
    ? `${head} beats ${other} by ${fmt(margin)} ${metric.name}${note}.`
    : `${head} does not beat ${other}: it is ${fmt(margin)} ${metric.name} worse${note}.`;
}

/** Binomial standard error sqrt(p (1 - p) / n) of a hit rate p measured on n users: the spread of HR@K. */
export function hitRateStandardError(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`hitRateStandardError: p must be in [0, 1], got ${p}`);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`hitRateStandardError: n must be an integer >= 1, got ${n}`);
  return Math.sqrt((p * (1 - p)) / n);
}

/**
 * The scores of a results entry's rows on `metric` (rows without it, e.g. published-only rows, are left out),
 * with the spread read from the row's `spreadMetric` when given (e.g. "rmse sd" of a cross-validation entry).
 */
export function entryScores(entry: { rows: { model: string; metrics: Record<string, number> }[] }, metric: string, spreadMetric?: string): VerdictScore[] {
  return entry.rows
    .filter((r) => r.metrics[metric] !== undefined)
    .map((r) => (spreadMetric && r.metrics[spreadMetric] !== undefined ? { model: r.model, value: r.metrics[metric], spread: r.metrics[spreadMetric] } : { model: r.model, value: r.metrics[metric] }));
}
