/**
 * Grouped bar chart of a result entry: each model's metric (e.g. RMSE) beside its published anchor.
 */
import type { PlotlyFigure } from "./plotly-chart";
import type { ResultEntry } from "./result-entry";
import { metricLabel } from "./results-table";

/** Bars of `metric` per model: ours, and the published number where one exists. */
export function comparisonFigure(entry: ResultEntry, metric = "rmse"): PlotlyFigure {
  const models = entry.rows.map((r) => r.model);
  const ours = entry.rows.map((r) => r.metrics[metric] ?? null);
  const published = entry.rows.map((r) => r.anchors?.[metric]?.value ?? null);
  const data: object[] = [{ type: "bar", name: "this suite", x: models, y: ours }];
  if (published.some((v) => v !== null)) data.push({ type: "bar", name: "published", x: models, y: published });
  const values = [...ours, ...published].filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const pad = (hi - lo) * 0.15 || 0.05;
  return {
    data,
    layout: {
      title: { text: `${metricLabel(metric)}: ${entry.dataset.name}, ${entry.protocol}` },
      barmode: "group",
      yaxis: { title: { text: metricLabel(metric) }, range: [Math.max(0, lo - pad), hi + pad] },
      height: 420,
      margin: { b: 140 },
    },
  };
}
