/**
 * Writes a report page and its run record from an executed notebook. The runner calls {@link finishReport} after
 * each run; the results site re-renders every page with {@link renderReportPage} (same code, so a page looks the
 * same whether written by a run or rebuilt by `npm run report`).
 */
import * as path from "path";
import { writeFileAtomic } from "../report/atomic-write";
import { renderHtmlReport, ReportInfo } from "./html-report";
import { Notebook } from "./nbformat";
import { RunFailure } from "./notebook-assembly";
import { ParamValue } from "./param-literal";
import { backendFromOutputs, currentCommit, describeMachine, RunRecord, writeRunRecord } from "./run-record";

/** What the runner stored in `metadata.runner` of an executed notebook. */
interface RunnerMetadata {
  started?: string;
  duration_seconds?: number;
  kernel_startup_seconds?: number | null;
  status?: string;
  failure?: RunFailure | null;
  parameters?: Record<string, ParamValue>;
  overridden?: string[];
}

/** The runner's metadata of an executed notebook (empty when it was not run by the runner). */
export function runnerMetadata(nb: Notebook): RunnerMetadata {
  const m = nb.metadata.runner;
  return typeof m === "object" && m !== null ? (m as RunnerMetadata) : {};
}

/** Machine line of a run record, e.g. "2 x AMD EPYC, Linux 6.1 x64, Node v20.20.2". */
export function machineLine(machine: RunRecord["machine"]): string {
  return `${machine.cpu}, ${machine.os}, Node ${machine.node}`;
}

/** Options of {@link renderReportPage}. */
export interface PageOptions {
  /** The Plotly bundle's URL relative to the page. */
  plotlyHref: string;
  /** Link target of a markdown link to `<stem>.ipynb` (default: the report `<stem>.html`). */
  resolveNotebookLink?: (stem: string) => string | undefined;
}

/** The report page of an executed notebook and its run record. */
export function renderReportPage(nb: Notebook, record: RunRecord, options: PageOptions): string {
  const meta = runnerMetadata(nb);
  const info: ReportInfo = {
    title: record.source,
    date: new Date(record.started),
    ok: record.status === "ok",
    failureMessage: record.failure ?? undefined,
    failedCellIndex: meta.failure?.cellIndex ?? null,
    parameters: Object.entries(record.parameters).map(([name, value]) => ({ name, value, overridden: record.overridden.includes(name) })),
    totalSeconds: record.seconds,
    startupSeconds: record.startupSeconds,
    plotlyHref: options.plotlyHref,
    commit: record.commit,
    backend: record.backend,
    machine: machineLine(record.machine),
    indexHref: "index.html",
    notebookHref: `${record.notebook}.ipynb`,
    resolveNotebookLink: options.resolveNotebookLink,
  };
  return renderHtmlReport(nb, info);
}

/** The run record of an executed notebook written by the runner (`metadata.runner`), for this machine. */
export function recordOfRun(nb: Notebook, stem: string, source: string, failureLine: string | null, seconds?: number): RunRecord {
  const meta = runnerMetadata(nb);
  const started = meta.started ?? new Date().toISOString();
  const total = seconds ?? meta.duration_seconds ?? 0;
  return {
    notebook: stem,
    source,
    status: meta.status === "ok" ? "ok" : "failed",
    failure: failureLine,
    started,
    finished: new Date(new Date(started).getTime() + total * 1000).toISOString(),
    seconds: Math.round(total * 1000) / 1000,
    startupSeconds: meta.kernel_startup_seconds ?? null,
    parameters: meta.parameters ?? {},
    overridden: meta.overridden ?? [],
    commit: currentCommit(),
    backend: backendFromOutputs(nb),
    machine: describeMachine(),
  };
}

/**
 * After a run: writes `<outDir>/<stem>.run.json` and the report page `<outDir>/<stem>.html` (with commit, backend,
 * machine, navigation and links). Returns the run record.
 */
export function finishReport(outDir: string, htmlPath: string, nb: Notebook, source: string, failureLine: string | null, plotlyHref: string): RunRecord {
  const stem = path.basename(htmlPath).replace(/\.html$/i, "");
  const record = recordOfRun(nb, stem, source, failureLine);
  writeRunRecord(outDir, record);
  writeFileAtomic(htmlPath, renderReportPage(nb, record, { plotlyHref }));
  return record;
}
