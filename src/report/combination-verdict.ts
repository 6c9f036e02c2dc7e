/**
 * States, with numbers, whether a combined model beats each of its parts on a metric (lower is better), as the
 * hybrid notebook must say either way.
 */

/** One model's score. */
export interface ScoredModel {
  model: string;
  value: number;
}

/**
 * A sentence such as "MF + MLP (0.9012) beats Biased MF (0.9105) by 0.0093 and MLP + features (0.9150) by 0.0138
 * RMSE" or "... does not beat Biased MF (0.8990): it is 0.0022 RMSE worse". Throws if a named model is missing.
 */
export function combinationVerdict(scores: ScoredModel[], combined: string, parts: string[], metric = "RMSE"): string {
  const find = (name: string): ScoredModel => {
    const s = scores.find((x) => x.model === name);
    if (!s) throw new Error(`combinationVerdict: no score for "${name}" (have: ${scores.map((x) => x.model).join(", ")})`);
    return s;
  };
  const c = find(combined);
  const fmt = (s: ScoredModel) => `${s.model} (${s.value.toFixed(4)})`;
  const beaten = parts.map(find).filter((p) => c.value < p.value);
  const notBeaten = parts.map(find).filter((p) => c.value >= p.value);
  if (notBeaten.length === 0) {
    return `${fmt(c)} beats ${beaten.map((p) => `${fmt(p)} by ${(p.value - c.value).toFixed(4)}`).join(" and ")} ${metric}.`;
  }
  return `${fmt(c)} does not beat ${notBeaten.map((p) => `${fmt(p)}: it is ${(c.value - p.value).toFixed(4)} ${metric} worse`).join("; nor ")}.`;
}
