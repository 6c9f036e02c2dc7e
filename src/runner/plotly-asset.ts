/**
 * The shared Plotly bundle for HTML reports. Charts are displayed as text/html holding
 * `<div id=...></div><script>Plotly.newPlot(...)</script>`, which needs a global `Plotly`.
 * Instead of inlining 4.8 MB into every report, the runner copies
 * `node_modules/plotly.js-dist-min/plotly.min.js` once into `<out>/assets/` (only when absent
 * or changed) and every report loads it with a relative `<script src>`, so reports work
 * offline when opened from disk.
 */
import { PLOTLY_SRC_ENV, plotlyBundleSource } from "../report/plotly-chart";
import * as fs from "fs";
import * as path from "path";
import { copyFileIfChanged } from "../report/atomic-write";

/** Where the bundle lives relative to the output folder. */
export const PLOTLY_BUNDLE_RELATIVE = "assets/plotly.min.js";

/**
 * Environment variable set for the notebook's kernel when run by the runner: the bundle's
 * path relative to the HTML report (e.g. "assets/plotly.min.js"). Its presence tells a
 * notebook-side chart helper that the report already loads Plotly, so it need not inline it.
 */


/** Absolute path of the shared bundle for an output folder. */
export function plotlyBundlePath(outDir: string): string {
  return path.join(path.resolve(outDir), ...PLOTLY_BUNDLE_RELATIVE.split("/"));
}

/**
 * Copies the bundle into `<outDir>/assets/` unless an identical copy is there.
 * @returns the bundle's absolute path and whether it was written
 */
export function ensurePlotlyBundle(outDir: string): { path: string; copied: boolean } {
  const dest = plotlyBundlePath(outDir);
  const copied = copyFileIfChanged(plotlyBundleSource(), dest);
  return { path: dest, copied };
}

/**
 * The bundle's URL relative to a report, for `<script src=...>` (forward slashes on every OS).
 * @param reportPath - the HTML report (or any file in the folder the page is served from)
 * @param bundlePath - the bundle, by default the shared copy in the report's own folder
 */
export function plotlyBundleHref(reportPath: string, bundlePath?: string): string {
  const from = path.dirname(path.resolve(reportPath));
  const to = bundlePath ? path.resolve(bundlePath) : plotlyBundlePath(from);
  return path.relative(from, to).split(path.sep).join("/");
}
