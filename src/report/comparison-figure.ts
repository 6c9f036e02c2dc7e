/**
 * Comparison chart of one metric across the models of a result entry, drawn so that differences are not
 * exaggerated: with a fold SD (or seed spread, metric `"<metric> sd"`) it is a dot plot with ±1 SD error bars;
 * without one, horizontal bars that start at zero. Published anchors are black diamonds on the same axis. Models
 * sit on the vertical axis (long names stay readable, automargin), each in its fixed colour (`modelColour`).
 */
import { modelColour } from "./model-colour";
import { metricAxisTitle } from "./metric-units";
import type { PlotlyFigure } from "./plotly-chart";
import type { ResultEntry } from "./result-entry";
import { metricLabel } from "./results-table";

/** The spread of `metric` for a row, if recorded (`"<metric> sd"`). */
function spreadOf(metrics: Record<string, number>, metric: string): number | null {
  const sd = metrics[`${metric} sd`];
  return typeof sd === "number" && Number.isFinite(sd) ? sd : null;
}

/**
 * Chart of `metric` per model: ours (dots with ±1 SD bars when a spread is recorded, else zero-based bars) and
 * the published number where one exists. Rows with neither are left out.
 */
export function comparisonFigure(entry: ResultEntry, metric = "rmse"): PlotlyFigure {
  const rows = entry.rows.filter((r) => Number.isFinite(r.metrics[metric]) || r.anchors?.[metric] !== undefined);
  const models = rows.map((r) => r.model);
  const ours = rows.map((r) => (Number.isFinite(r.metrics[metric]) ? r.metrics[metric] : null));
  const spreads = rows.map((r) => spreadOf(r.metrics, metric));
  const published = rows.map((r) => r.anchors?.[metric]?.value ?? null);
  const colours = models.map(modelColour);
  const dotPlot = spreads.some((s) => s !== null);
  const data: object[] = [];
  if (dotPlot) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "this suite (±1 SD over folds)",
      orientation: "h",
      x: ours,
      y: models,
      marker: { color: colours, size: 11 },
      error_x: { type: "data", array: spreads.map((s) => s ?? 0), visible: true, thickness: 1.5, width: 6 },
    });
  } else {
    data.push({ type: "bar", name: "this suite", orientation: "h", x: ours, y: models, marker: { color: colours } });
  }
  if (published.some((v) => v !== null)) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "published",
      x: published,
      y: models,
      marker: { symbol: "diamond-open", color: "#000", size: 11, line: { width: 2 } },
    });
  }
  const label = metricLabel(metric);
  return {
    data,
    layout: {
      title: { text: `${label}: ${entry.dataset.name}, ${entry.protocol}${dotPlot ? " (dots: mean, bars: ±1 SD)" : ""}` },
      xaxis: { title: { text: metricAxisTitle(metric) }, rangemode: dotPlot ? "normal" : "tozero", automargin: true },
      yaxis: { title: { text: "model", standoff: 12 }, automargin: true, autorange: "reversed", type: "category" },
      height: Math.max(320, 140 + 34 * models.length),
      margin: { t: 60 },
    },
  };
}
