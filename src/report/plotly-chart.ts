/**
 * Interactive Plotly rendering of a `LineChart` for notebooks (tslab display) and the HTML reports.
 * In JupyterLab the first chart of a kernel session carries the Plotly bundle inline; under the headless runner
 * (which sets RECSYS_RUNNER_PLOTLY_SRC) charts rely on the report's shared `assets/plotly.min.js` instead.
 */
import * as fs from "node:fs";
import type { LineChart } from "./line-chart";

/** Plotly figure (data traces and layout) for `chart`. */
export function plotlyFigure(chart: LineChart): { data: object[]; layout: object } {
  return {
    data: chart.series.map((s) => ({
      type: "scatter",
      mode: s.x.length > 40 ? "lines" : "lines+markers",
      name: s.name,
      x: s.x,
      y: s.y.map((v) => (v === undefined || !Number.isFinite(v) ? null : v)),
      line: s.dashed ? { dash: "dash" } : {},
    })),
    layout: {
      title: { text: chart.title },
      xaxis: { title: { text: chart.xLabel } },
      yaxis: { title: { text: chart.yLabel } },
      height: 420,
      margin: { t: 48 },
    },
  };
}

const bundleShown = Symbol.for("recsys-notebooks.plotly-bundle-shown");
const chartCounter = Symbol.for("recsys-notebooks.plotly-chart-counter");
type Globals = { [bundleShown]?: boolean; [chartCounter]?: number };

/** HTML that draws `chart` with a global `Plotly`; `elementId` must be unique in the page. */
export function plotlyHtml(chart: LineChart, elementId: string): string {
  const fig = JSON.stringify(plotlyFigure(chart)).replace(/</g, "\\u003c");
  return `<div id="${elementId}" style="min-height:420px"></div>
<script>(function(){var f=${fig};function draw(){Plotly.newPlot(${JSON.stringify(elementId)},f.data,f.layout,{responsive:true});}
if(window.Plotly){draw();}else{window.addEventListener("load",draw);}})();</script>`;
}

/** The Plotly bundle as an inline script tag (about 4.6 MB). */
function inlineBundle(): string {
  const file = require.resolve("plotly.js-dist-min/plotly.min.js");
  return `<script>${fs.readFileSync(file, "utf8")}</script>`;
}

/**
 * Displays `chart` in the running notebook (tslab). Per-process state: a chart counter for unique element ids
 * and whether the inline bundle was already sent (kept on globalThis, shared across re-imports).
 */
export function showChart(chart: LineChart): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tslab = require("tslab") as { display: { html(s: string): void } };
  const g = globalThis as Globals;
  const n = (g[chartCounter] = (g[chartCounter] ?? 0) + 1);
  const id = `recsys-chart-${process.pid}-${n}`;
  let prefix = "";
  if (!process.env.RECSYS_RUNNER_PLOTLY_SRC && !g[bundleShown]) {
    prefix = inlineBundle();
    g[bundleShown] = true;
  }
  tslab.display.html(prefix + plotlyHtml(chart, id));
}
