/**
 * Leaderboards of the results site: one table per data set and protocol, gathered from every notebook's results
 * (`results/*.json`): model, each metric with its fold (or seed) SD where recorded, the published anchor and our difference
 * to it, fit time and commit. Cells carry a sort key for the page's sortable tables; the best value of each metric
 * is marked.
 */
import { escapeHtml } from "../html-escape";
import { lowerIsBetter, spreadName } from "../metric-units";
import { entryKey, type ResultEntry } from "../result-entry";
import type { NotebookResults } from "../results-store";
import { metricLabel } from "../results-table";

/** One table cell: shown text, sort key (null sorts last), whether it is the best of its column, a tooltip. */
export interface Cell {
  text: string;
  sort: number | string | null;
  best?: boolean;
  title?: string;
  /** Relative link for the text (e.g. the notebook's report). */
  href?: string;
}

/** A column: heading and whether its values are numbers. */
export interface Column {
  label: string;
  numeric: boolean;
}

/** One leaderboard: a data set under one protocol. */
export interface Leaderboard {
  /** Anchor id in the page. */
  id: string;
  dataset: string;
  protocol: string;
  /** Ratings, users, items of the data set. */
  size: ResultEntry["dataset"];
  columns: Column[];
  rows: Cell[][];
}

/** Notebooks whose results are not model comparisons (training-speed benchmark). */
const NOT_LEADERBOARDS = new Set(["bench"]);

const fmt = (v: number, decimals = 4) => v.toFixed(decimals).replace(/^-/, "\u2212");
const signed = (v: number) => (v > 0 ? "+" : "") + fmt(v);

function metricsOf(entries: ResultEntry[]): string[] {
  const all = entries.flatMap((e) => e.rows.flatMap((r) => [...Object.keys(r.metrics), ...Object.keys(r.anchors ?? {})]));
  return [...new Set(all)].filter((m) => !m.endsWith(" sd"));
}

/** Marks the best numeric cell of each metric column (`better` per column index). */
function markBest(rows: Cell[][], better: Map<number, "lower" | "higher">): void {
  for (const [col, direction] of better) {
    const values = rows.map((r) => r[col].sort).filter((v): v is number => typeof v === "number");
    if (values.length < 2) continue;
    const best = direction === "lower" ? Math.min(...values) : Math.max(...values);
    for (const r of rows) if (r[col].sort === best) r[col].best = true;
  }
}

/** Builds one leaderboard from the entries (one or several notebooks) sharing a data set and protocol. */
export function leaderboardOf(entries: ResultEntry[], id: string, reportHref: (notebook: string) => string | undefined): Leaderboard {
  const metrics = metricsOf(entries);
  const columns: Column[] = [{ label: "model", numeric: false }, { label: "notebook", numeric: false }];
  const better = new Map<number, "lower" | "higher">();
  const plan: { metric: string; kind: "value" | "sd" | "anchor" | "diff" }[] = [];
  for (const m of metrics) {
    const rows = entries.flatMap((e) => e.rows);
    better.set(columns.length, lowerIsBetter(m) ? "lower" : "higher");
    columns.push({ label: metricLabel(m), numeric: true });
    plan.push({ metric: m, kind: "value" });
    if (rows.some((r) => Number.isFinite(r.metrics[`${m} sd`]))) {
      columns.push({ label: `${metricLabel(m)} ${spreadName(entries[0]?.protocol ?? "")}`, numeric: true });
      plan.push({ metric: m, kind: "sd" });
    }
    if (rows.some((r) => r.anchors?.[m] !== undefined)) {
      columns.push({ label: `published ${metricLabel(m)}`, numeric: true }, { label: `\u0394 ${metricLabel(m)} (ours \u2212 published)`, numeric: true });
      plan.push({ metric: m, kind: "anchor" }, { metric: m, kind: "diff" });
    }
  }
  columns.push({ label: "fit (s)", numeric: true }, { label: "commit", numeric: false });
  const rows: Cell[][] = [];
  for (const e of entries) {
    for (const r of e.rows) {
      const measured = Object.keys(r.metrics).length > 0;
      const cells: Cell[] = [{ text: r.model, sort: r.model }, { text: e.notebook, sort: e.notebook, href: reportHref(e.notebook) }];
      for (const { metric, kind } of plan) {
        const ours = r.metrics[metric];
        const anchor = r.anchors?.[metric];
        if (kind === "value") cells.push(Number.isFinite(ours) ? { text: fmt(ours), sort: ours } : { text: "", sort: null });
        else if (kind === "sd") {
          const sd = r.metrics[`${metric} sd`];
          cells.push(Number.isFinite(sd) ? { text: `\u00b1${fmt(sd)}`, sort: sd } : { text: "", sort: null });
        } else if (kind === "anchor") cells.push(anchor ? { text: fmt(anchor.value, 4).replace(/0+$/, "").replace(/\.$/, ""), sort: anchor.value, title: anchor.source } : { text: "", sort: null });
        else cells.push(anchor && Number.isFinite(ours) ? { text: signed(ours - anchor.value), sort: ours - anchor.value, title: anchor.source } : { text: "", sort: null });
      }
      cells.push(measured ? { text: r.trainSeconds.toFixed(r.trainSeconds < 10 ? 2 : 1), sort: r.trainSeconds } : { text: "", sort: null });
      const commit = e.environment.commit ?? "";
      cells.push({ text: commit, sort: commit, title: `finished ${e.finishedAt}` });
      rows.push(cells);
    }
  }
  markBest(rows, better);
  return { id, dataset: entries[0].dataset.name, protocol: entries[0].protocol, size: entries[0].dataset, columns, rows };
}

/** Every leaderboard of a results folder, ordered by data set then protocol. */
export function buildLeaderboards(results: NotebookResults[], reportHref: (notebook: string) => string | undefined): Leaderboard[] {
  const groups = new Map<string, ResultEntry[]>();
  for (const file of results) {
    if (NOT_LEADERBOARDS.has(file.notebook)) continue;
    for (const e of Object.values(file.entries)) {
      const key = entryKey(e);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
  }
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key, k) => leaderboardOf(groups.get(key)!, `leaderboard-${k + 1}`, reportHref));
}

function renderCell(c: Cell, numeric: boolean): string {
  const attrs = [
    c.sort === null ? `data-sort=""` : `data-sort="${escapeHtml(String(c.sort))}"`,
    numeric ? `class="num${c.best ? " best" : ""}"` : "",
    c.title ? `title="${escapeHtml(c.title)}"` : "",
  ].filter(Boolean).join(" ");
  const text = escapeHtml(c.text);
  const body = c.href ? `<a href="${escapeHtml(c.href)}">${text}</a>` : text;
  return `<td ${attrs}>${c.best ? `<strong>${body}</strong> <span class="best-mark" aria-label="best">\u2605</span>` : body}</td>`;
}

/** HTML of a leaderboard: a heading and a sortable table (sorted on click by the page's script). */
export function renderLeaderboard(lb: Leaderboard): string {
  const head = lb.columns
    .map((c, k) => `<th data-col="${k}" data-type="${c.numeric ? "number" : "text"}" aria-sort="none"><button type="button">${escapeHtml(c.label)}</button></th>`)
    .join("");
  const body = lb.rows.map((r) => `<tr>${r.map((c, k) => renderCell(c, lb.columns[k].numeric)).join("")}</tr>`).join("\n");
  const size = `${lb.size.ratings.toLocaleString("en-US")} ratings, ${lb.size.users.toLocaleString("en-US")} users, ${lb.size.items.toLocaleString("en-US")} items`;
  return `<section class="leaderboard" id="${lb.id}">
<h3>${escapeHtml(lb.dataset)} <span class="protocol">${escapeHtml(lb.protocol)}</span></h3>
<p class="size">${escapeHtml(size)}</p>
<div class="table-wrap"><table class="sortable"><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>
</section>`;
}
