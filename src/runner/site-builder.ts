/**
 * Builds the results site from what runs left behind, without running anything: every executed notebook in a
 * reports folder (with its run record), and every results file. Re-renders each report page (so "Next" links point
 * to the reports that exist) and writes `index.html` (leaderboards, notebook cards, environment). With `outDir`,
 * writes a self-contained copy (pages, executed notebooks, run records, the Plotly asset, results/README.md and its
 * figures) that can be copied as is to any static host.
 */
import * as fs from "fs";
import * as path from "path";
import { copyFileIfChanged, writeFileAtomic } from "../report/atomic-write";
import { type NotebookResults, readAllResults } from "../report/results-store";
import { type NotebookCard, renderIndexPage, type SiteEnvironment } from "../report/site/index-page";
import { buildLeaderboards } from "../report/site/leaderboard";
import { readNotebook } from "./nbformat";
import { notebookCard } from "./notebook-cards";
import { ensurePlotlyBundle, plotlyBundleHref } from "./plotly-asset";
import { recordOfRun, renderReportPage, runnerMetadata } from "./report-page";
import { readRunRecord, RunRecord, runRecordPath } from "./run-record";

/** Options of {@link buildSite}. */
export interface SiteOptions {
  /** Folder with the executed notebooks `<stem>.ipynb` and their run records (default "reports"). */
  reportsDir: string;
  /** Folder with `*.json` results and README.md (default: results/). */
  resultsDir: string;
  /** Write the site here instead of into `reportsDir` (a self-contained copy). */
  outDir?: string;
  /** The source notebooks, for cards of notebooks without a report and links to them (default: none). */
  notebooksDir?: string;
}

/** What {@link buildSite} wrote. */
export interface SiteBuild {
  indexPath: string;
  /** Report pages written. */
  pages: string[];
  cards: NotebookCard[];
  seconds: number;
}

function stemsIn(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(suffix) && !f.startsWith(".")).map((f) => f.slice(0, -suffix.length)).sort();
}

/** The environment of the runs (from their run records), else of the newest recorded result. */
function environmentOf(records: RunRecord[], results: NotebookResults[]): SiteEnvironment {
  const latest = [...records].sort((a, b) => Date.parse(b.finished) - Date.parse(a.finished));
  const newest = latest[0];
  if (!newest) {
    const entry = results.flatMap((r) => Object.values(r.entries)).sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
    if (!entry) return {};
    const e = entry.environment;
    return { backend: `${e.backend}, tfjs-core ${e.tfjs} (newest recorded result)`, node: e.node, machine: `${e.cpu}, ${e.os}`, date: entry.finishedAt, commit: e.commit };
  }
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))].join("; ") || undefined;
  return {
    backend: distinct(latest.map((r) => r.backend)),
    node: distinct(latest.map((r) => r.machine.node)),
    machine: distinct(latest.map((r) => `${r.machine.cpu}, ${r.machine.os}`)),
    date: newest.finished,
    commit: distinct(latest.map((r) => r.commit)),
  };
}

/** Copies results/README.md and results/figures/ into `<outDir>/results/`; returns the README's path there. */
function copyResults(resultsDir: string, outDir: string): string | undefined {
  const readme = path.join(resultsDir, "README.md");
  if (!fs.existsSync(readme)) return undefined;
  const dest = path.join(outDir, "results");
  copyFileIfChanged(readme, path.join(dest, "README.md"));
  const figures = path.join(resultsDir, "figures");
  if (fs.existsSync(figures)) for (const f of fs.readdirSync(figures)) copyFileIfChanged(path.join(figures, f), path.join(dest, "figures", f));
  return path.join(dest, "README.md");
}

/** Builds the site (see the module comment) and returns what it wrote. */
export function buildSite(options: SiteOptions): SiteBuild {
  const started = Date.now();
  const reportsDir = path.resolve(options.reportsDir);
  const target = path.resolve(options.outDir ?? reportsDir);
  const copying = target !== reportsDir;
  fs.mkdirSync(target, { recursive: true });
  const results = readAllResults(path.resolve(options.resultsDir));
  const stems = stemsIn(reportsDir, ".ipynb");
  const reported = new Set(stems);
  const sources = options.notebooksDir ? stemsIn(options.notebooksDir, ".ipynb") : [];
  const resolve = (stem: string): string | undefined => {
    if (reported.has(stem)) return `${stem}.html`;
    if (!copying && options.notebooksDir && sources.includes(stem)) {
      return path.relative(target, path.join(path.resolve(options.notebooksDir), `${stem}.ipynb`)).split(path.sep).join("/");
    }
    return undefined;
  };
  ensurePlotlyBundle(target);
  const plotlyHref = plotlyBundleHref(path.join(target, "index.html"));
  const pages: string[] = [];
  const records: RunRecord[] = [];
  const cards: NotebookCard[] = [];
  for (const stem of stems) {
    const nbPath = path.join(reportsDir, `${stem}.ipynb`);
    const nb = readNotebook(nbPath);
    const record = readRunRecord(reportsDir, stem) ?? (runnerMetadata(nb).started ? recordOfRun(nb, stem, `${stem}.ipynb`, null) : undefined);
    if (!record) continue; // not written by the runner (e.g. a notebook saved by hand): no page
    records.push(record);
    const page = path.join(target, `${stem}.html`);
    writeFileAtomic(page, renderReportPage(nb, record, { plotlyHref, resolveNotebookLink: resolve }));
    pages.push(page);
    if (copying) {
      copyFileIfChanged(nbPath, path.join(target, `${stem}.ipynb`));
      if (fs.existsSync(runRecordPath(reportsDir, stem))) copyFileIfChanged(runRecordPath(reportsDir, stem), runRecordPath(target, stem));
    }
    cards.push(notebookCard(stem, nb, record, results, `${stem}.html`));
  }
  for (const stem of sources.filter((s) => !reported.has(s))) {
    cards.push(notebookCard(stem, readNotebook(path.join(options.notebooksDir!, `${stem}.ipynb`)), undefined, results, undefined));
  }
  cards.sort((a, b) => (a.notebook < b.notebook ? -1 : a.notebook > b.notebook ? 1 : 0));
  const readme = copying ? copyResults(path.resolve(options.resultsDir), target) : path.join(path.resolve(options.resultsDir), "README.md");
  const readmeHref = readme && fs.existsSync(readme) ? path.relative(target, readme).split(path.sep).join("/") : undefined;
  const indexPath = path.join(target, "index.html");
  const html = renderIndexPage({
    cards,
    leaderboards: buildLeaderboards(results, (nb) => (reported.has(nb) ? `${nb}.html` : undefined)),
    environment: environmentOf(records, results),
    resultsReadmeHref: readmeHref,
    built: new Date().toISOString(),
  });
  writeFileAtomic(indexPath, html);
  return { indexPath, pages, cards, seconds: (Date.now() - started) / 1000 };
}
