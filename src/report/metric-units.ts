/**
 * Axis titles with units for the metrics the suite reports, and which direction is better.
 */
import { metricLabel } from "./results-table";

/** True when a smaller value of `metric` is better (errors: RMSE, MAE); ranking metrics are higher-is-better. */
export function lowerIsBetter(metric: string): boolean {
  return /^(rmse|mae|mse|val_rmse|s_to_target|peak_mb|loss|retrieval_s)/i.test(metric.trim());
}

/**
 * Axis title of a metric with its unit, e.g. "RMSE (rating points, lower is better)",
 * "HR@10 (share of test users, higher is better)".
 */
export function metricAxisTitle(metric: string): string {
  const m = metric.toLowerCase();
  const direction = lowerIsBetter(m) ? "lower is better" : "higher is better";
  if (m === "rmse" || m === "mae") return `${metricLabel(m)} (rating points, ${direction})`;
  if (m.startsWith("hr@")) return `${metricLabel(m)} (share of test users, ${direction})`;
  if (m.startsWith("ndcg@")) return `${metricLabel(m)} (0 to 1, ${direction})`;
  return `${metricLabel(m)} (${direction})`;
}

/** Names the spread a results entry records as "<metric> sd": over folds under cross-validation, else over seeds. */
export function spreadName(protocol: string): "fold SD" | "SD over seeds" {
  return /fold/.test(protocol) ? "fold SD" : "SD over seeds";
}
