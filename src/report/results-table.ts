/**
 * Turns a `ResultEntry` into a table (arquero) with each metric beside its published anchor, rendered as
 * Markdown for results/README.md or as HTML for notebooks.
 */
import * as aq from "arquero";
import { escapeHtml } from "./html-escape";
import type { ResultEntry } from "./result-entry";

/** Metric display names; unknown metrics are upper-cased. */
const metricLabels: Record<string, string> = {
  rmse: "RMSE",
  mae: "MAE",
  mratings_per_s: "M ratings/s",
  x_reference: "x reference",
  val_rmse: "Val. RMSE",
  s_to_target: "s to target",
  peak_mb: "Peak MB",
};

/** Decimals shown per metric (default 4). */
const metricDecimals: Record<string, number> = { mratings_per_s: 2, x_reference: 2, s_to_target: 1, peak_mb: 0 };

/** Label of a metric name, e.g. "rmse" -> "RMSE". */
export function metricLabel(m: string): string {
  return metricLabels[m] ?? m.toUpperCase();
}

/** Rows of the comparison table plus the numbered anchor sources they cite. */
export interface ComparisonTable {
  /** One object per model, columns in display order. */
  rows: Record<string, string>[];
  /** Anchor sources, numbered from 1 in order of first citation. */
  sources: string[];
}

/** Builds the comparison table: model, each metric with its published anchor, epochs, fit seconds. */
export function comparisonTable(entry: ResultEntry): ComparisonTable {
  const metrics = [...new Set(entry.rows.flatMap((r) => [...Object.keys(r.metrics), ...Object.keys(r.anchors ?? {})]))];
  const anchored = new Set(entry.rows.flatMap((r) => Object.keys(r.anchors ?? {})));
  const sources: string[] = [];
  const cite = (source: string): number => {
    const at = sources.indexOf(source);
    if (at >= 0) return at + 1;
    sources.push(source);
    return sources.length;
  };
  const rows = entry.rows.map((r) => {
    const row: Record<string, string> = { Model: r.model };
    for (const m of metrics) {
      row[metricLabel(m)] = r.metrics[m] === undefined ? "" : r.metrics[m].toFixed(metricDecimals[m] ?? 4);
      if (!anchored.has(m)) continue;
      const a = r.anchors?.[m];
      row[`published ${metricLabel(m)}`] = a ? `${a.value.toFixed(3)} [${cite(a.source)}]` : "";
    }
    row.Epochs = r.epochs === undefined ? "" : String(r.epochs);
    row["Fit (s)"] = Number.isFinite(r.trainSeconds) ? r.trainSeconds.toFixed(1) : "";
    return row;
  });
  return { rows, sources };
}

/** Markdown rendering of `comparisonTable(entry)` followed by its numbered sources. */
export function comparisonMarkdown(entry: ResultEntry): string {
  const { rows, sources } = comparisonTable(entry);
  const table = aq.from(rows).toMarkdown();
  const notes = sources.map((s, i) => `[${i + 1}] ${s}`).join("  \n");
  return notes ? `${table}\n${notes}\n` : table;
}

/** HTML rendering of `comparisonTable(entry)`, for display in a notebook. */
export function comparisonHtml(entry: ResultEntry): string {
  const { rows, sources } = comparisonTable(entry);
  const notes = sources.map((s, i) => `[${i + 1}] ${escapeHtml(s)}`).join("<br>");
  return `${aq.from(rows).toHTML()}${notes ? `<p><small>${notes}</small></p>` : ""}`;
}

