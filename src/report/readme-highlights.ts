/**
 * The README's "headline results" table, generated from results/*.json so that no number in the README is typed by
 * hand: for a fixed list of (notebook, data set, protocol) picks, the best model of the entry (lowest error or
 * highest hit rate), its score with the fold (or seed) SD where the entry records one, the strongest published number on the
 * same table with its source, and the one command that reproduces the entry. Rewritten between two marker lines by
 * `npm run experiments`, `npm run experiments:shared` and `npm run report`; a test checks the README is current.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "./atomic-write";
import { spreadName } from "./metric-units";
import type { ResultEntry, ResultRow } from "./result-entry";
import { readAllResults, type NotebookResults } from "./results-store";
import { reproduceCommand } from "./results-readme";

/** First marker line of the generated block. */
export const HIGHLIGHTS_START = "<!-- highlights:start (generated from results/*.json; do not edit) -->";
/** Last marker line of the generated block. */
export const HIGHLIGHTS_END = "<!-- highlights:end -->";

/** One headline: the entry of `notebook` on `dataset` whose protocol starts with `protocol`, scored by `metric`. */
export interface HighlightSpec {
  notebook: string;
  dataset: string;
  protocol: string;
  /** Metric that picks the best model; "rmse" is lower-is-better, ranking metrics higher-is-better. */
  metric: string;
}

/** The headlines the README shows, in order. */
export const readmeHighlights: HighlightSpec[] = [
  { notebook: "matrix-factorization", dataset: "ml-100k", protocol: "5-fold cross-validation", metric: "rmse" },
  { notebook: "matrix-factorization", dataset: "ml-1m", protocol: "5-fold cross-validation", metric: "rmse" },
  { notebook: "collaborative-filtering", dataset: "ml-1m", protocol: "5-fold cross-validation", metric: "rmse" },
  { notebook: "beyond-the-talk", dataset: "ml-100k", protocol: "5-fold cross-validation", metric: "rmse" },
  { notebook: "beyond-the-talk", dataset: "ml-1m", protocol: "5-fold cross-validation", metric: "rmse" },
  { notebook: "hybrid", dataset: "ml-1m", protocol: "5 held-out ratings per user", metric: "rmse" },
  { notebook: "ranking", dataset: "ml-1m-loo", protocol: "ml-1m-loo: NCF leave-one-out", metric: "hr@10" },
  { notebook: "ranking", dataset: "ml-1m-loo", protocol: "ml-1m-loo: NCF leave-one-out", metric: "ndcg@10" },
  { notebook: "ranking", dataset: "ml-1m-loo", protocol: "Blend weights chosen on a validation holdout", metric: "hr@10" },
  { notebook: "ranking", dataset: "ml-1m-loo", protocol: "Blend weights chosen on a validation holdout", metric: "ndcg@10" },
  { notebook: "matrix-factorization", dataset: "ml-latest-small", protocol: "random 80/20 split", metric: "rmse" },
];

const lowerIsBetter = (metric: string): boolean => metric === "rmse" || metric === "mae";

function better(metric: string, a: number, b: number): boolean {
  return lowerIsBetter(metric) ? a < b : a > b;
}

/** The row with the best `metric` among rows that have it (ours, not "published only"); undefined if none. */
export function bestRow(entry: ResultEntry, metric: string): ResultRow | undefined {
  let best: ResultRow | undefined;
  for (const row of entry.rows) {
    const v = row.metrics[metric];
    if (!Number.isFinite(v)) continue;
    if (!best || better(metric, v, best.metrics[metric])) best = row;
  }
  return best;
}

/** The best published anchor for `metric` on any row of the entry, with the row's model name. */
function bestAnchor(entry: ResultEntry, metric: string): { value: number; source: string } | undefined {
  let best: { value: number; source: string } | undefined;
  for (const row of entry.rows) {
    const a = row.anchors?.[metric];
    if (a && (!best || better(metric, a.value, best.value))) best = { value: a.value, source: a.source };
  }
  return best;
}

function findEntry(all: NotebookResults[], spec: HighlightSpec): ResultEntry | undefined {
  const nb = all.find((n) => n.notebook === spec.notebook);
  return Object.values(nb?.entries ?? {}).find((e) => e.dataset.name === spec.dataset && e.protocol.startsWith(spec.protocol));
}

/** The generated Markdown table (without markers) for `specs` over the results files `all`. */
export function renderHighlights(all: NotebookResults[], specs: HighlightSpec[] = readmeHighlights): string {
  const lines = [
    "| data set | protocol | best of ours | metric | ours | best published on that table | reproduce |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const spec of specs) {
    const entry = findEntry(all, spec);
    const row = entry && bestRow(entry, spec.metric);
    if (!entry || !row) continue;
    const sd = row.metrics[`${spec.metric} sd`];
    const sdName = spreadName(entry.protocol);
    const ours = row.metrics[spec.metric].toFixed(4) + (Number.isFinite(sd) ? ` ± ${sd.toFixed(4)} (${sdName})` : "");
    const anchor = bestAnchor(entry, spec.metric);
    const published = anchor ? `${anchor.value} (${anchor.source})` : "none";
    lines.push(`| ${entry.dataset.name} | ${entry.protocol} | ${row.model} | ${spec.metric} | ${ours} | ${published} | \`${reproduceCommand(entry)}\` |`);
  }
  return lines.join("\n");
}

/** `readme` with the block between the highlight markers replaced; an error naming `file` if a marker is missing. */
export function replaceHighlights(readme: string, table: string, file: string): string {
  const start = readme.indexOf(HIGHLIGHTS_START);
  const end = readme.indexOf(HIGHLIGHTS_END);
  if (start < 0 || end < start) throw new Error(`${file}: the highlight markers are missing (${HIGHLIGHTS_START} ... ${HIGHLIGHTS_END})`);
  return readme.slice(0, start + HIGHLIGHTS_START.length) + "\n" + table + "\n" + readme.slice(end);
}

/** Rewrites the highlights block of the README at `readmePath` from the results files in `resultsDir`. */
export function updateReadmeHighlights(resultsDir: string, readmePath: string): void {
  const readme = fs.readFileSync(readmePath, "utf8");
  const next = replaceHighlights(readme, renderHighlights(readAllResults(resultsDir)), readmePath);
  if (next !== readme) writeFileAtomic(readmePath, next);
}
