/**
 * Plotly figures of the data-exploration notebook: rating histogram, long-tail curves, and a heatmap of the
 * densest block of the user x item matrix.
 */
import type { PlotlyFigure } from "./plotly-chart";

/** Bar chart of how many ratings have each value. */
export function ratingHistogramFigure(dist: { values: number[]; counts: number[] }, title: string): PlotlyFigure {
  return {
    data: [{ type: "bar", x: dist.values, y: dist.counts, name: "ratings" }],
    layout: { title: { text: title }, xaxis: { title: { text: "rating" }, type: "category" }, yaxis: { title: { text: "number of ratings" } }, height: 380 },
  };
}

/** Ratings per user and per item against their rank, log-log: the long tail. */
export function longTailFigure(userCounts: Int32Array, itemCounts: Int32Array, title: string): PlotlyFigure {
  const trace = (name: string, c: Int32Array) => ({ type: "scatter", mode: "lines", name, x: Array.from(c, (_, k) => k + 1), y: Array.from(c) });
  return {
    data: [trace("ratings per user", userCounts), trace("ratings per item", itemCounts)],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "rank (most active first)" }, type: "log" },
      yaxis: { title: { text: "number of ratings" }, type: "log" },
      height: 420,
    },
  };
}

/** Heatmap of a block of the rating matrix; missing cells (NaN) stay blank. */
export function matrixHeatmapFigure(block: { matrix: number[][]; userIds: string[]; itemIds: string[] }, title: string): PlotlyFigure {
  return {
    data: [{
      type: "heatmap",
      z: block.matrix.map((row) => row.map((v) => (Number.isNaN(v) ? null : v))),
      x: block.itemIds.map((i) => `item ${i}`),
      y: block.userIds.map((u) => `user ${u}`),
      colorscale: "Viridis",
      colorbar: { title: { text: "rating" } },
      hoverongaps: false,
    }],
    layout: { title: { text: title }, xaxis: { showticklabels: false, title: { text: "items (most rated first)" } }, yaxis: { showticklabels: false, autorange: "reversed", title: { text: "users (most active first)" } }, height: 520 },
  };
}
