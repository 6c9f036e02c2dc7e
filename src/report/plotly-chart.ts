/**
 * Interactive Plotly rendering of a `LineChart` for notebooks (tslab display) and the HTML reports.
 * In JupyterLab the first chart of a kernel session carries the Plotly bundle inline; under the headless runner
 * (which sets RECSYS_RUNNER_PLOTLY_SRC) charts rely on the report's shared `assets/plotly.min.js` instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { activeTslab } from "./tslab-context";
import type { LineChart } from "./line-chart";
import { modelColour } from "./model-colour";

/** Plotly figure (data traces and layout) for `chart`. */
export function plotlyFigure(chart: LineChart): PlotlyFigure {
  return {
    data: chart.series.map((s) => ({
      type: "scatter",
      mode: s.x.length > 40 ? "lines" : "lines+markers",
      name: s.name,
      x: s.x,
      y: s.y.map((v) => (v === undefined || !Number.isFinite(v) ? null : v)),
      line: s.dashed ? { dash: "dash", color: modelColour(s.name) } : { color: modelColour(s.name) },
      marker: { color: modelColour(s.name) },
    })),
    layout: {
      title: { text: chart.title },
      xaxis: { title: { text: chart.xLabel }, automargin: true },
      yaxis: { title: { text: chart.yLabel }, automargin: true },
      height: 420,
      margin: { t: 48 },
    },
  };
}

const bundleShown = Symbol.for("recsys-notebooks.plotly-bundle-shown");
const chartCounter = Symbol.for("recsys-notebooks.plotly-chart-counter");
type Globals = { [bundleShown]?: boolean; [chartCounter]?: number };


/** The installed `plotly.js-dist-min` bundle's path (read as a file, never `require`d: it is a browser bundle). */
export function plotlyBundleSource(): string {
  const bundle = path.join(path.dirname(require.resolve("plotly.js-dist-min/package.json")), "plotly.min.js");
  if (!fs.existsSync(bundle)) throw new Error(`plotly bundle not found at ${bundle} (is plotly.js-dist-min installed?)`);
  return bundle;
}

/** A Plotly figure: traces and layout, as Plotly.newPlot takes them. */
export interface PlotlyFigure {
  data: object[];
  layout: object;
}

/** `layout` with `automargin` on every axis (x, y, xaxis2, ...), so tick labels and axis titles are never clipped. */
export function withAutomargin(layout: object): object {
  const out: Record<string, unknown> = { ...(layout as Record<string, unknown>) };
  for (const key of ["xaxis", "yaxis", ...Object.keys(out).filter((k) => /^[xy]axis\d+$/.test(k))]) {
    const axis = out[key];
    out[key] = { automargin: true, ...(typeof axis === "object" && axis !== null ? axis : {}) };
  }
  return out;
}

/** HTML that draws `figure` with a global `Plotly`; `elementId` must be unique in the page. */
export function plotlyHtml(figure: PlotlyFigure, elementId: string): string {
  const fig = JSON.stringify({ data: figure.data, layout: withAutomargin(figure.layout) }).replace(/</g, "\\u003c");
  const height = (figure.layout as { height?: unknown }).height;
  return `<div id="${elementId}" style="min-height:${typeof height === "number" ? height : 420}px"></div>
<script>(function(){var f=${fig};function draw(){Plotly.newPlot(${JSON.stringify(elementId)},f.data,f.layout,{responsive:true});}
if(window.Plotly){draw();}else{window.addEventListener("load",draw);}})();</script>`;
}

/**
 * Displays a Plotly figure in the running notebook (tslab); outside a kernel prints a one-line note instead.
 * Per-process state: a chart counter for unique element ids and whether the inline bundle was already sent
 * (kept on globalThis, shared across re-imports of this module).
 */
export function showFigure(figure: PlotlyFigure, title: string): void {
  const tslab = activeTslab();
  if (!tslab) {
    console.log(`[chart] ${title} (displayed in notebooks)`);
    return;
  }
  const g = globalThis as Globals;
  const n = (g[chartCounter] = (g[chartCounter] ?? 0) + 1);
  const inline = !process.env[PLOTLY_SRC_ENV] && !g[bundleShown];
  const prefix = inline ? `<script>${fs.readFileSync(plotlyBundleSource(), "utf8")}</script>` : "";
  tslab.display.html(prefix + plotlyHtml(figure, `recsys-chart-${process.pid}-${n}`));
  if (inline) g[bundleShown] = true;
}

/** Displays a line chart (see `LineChart`) in the running notebook. */
export function showChart(chart: LineChart): void {
  showFigure(plotlyFigure(chart), chart.title);
}

/** Set by the headless runner: the report already loads this shared Plotly bundle, so charts need not inline it. */
export const PLOTLY_SRC_ENV = "RECSYS_RUNNER_PLOTLY_SRC";
