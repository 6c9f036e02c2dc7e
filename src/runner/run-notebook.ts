/**
 * Runs one notebook headless: reads it, applies parameter overrides, executes its code cells
 * in a worker process on tslab's executor, and writes the executed notebook (nbformat 4, with
 * outputs) and an HTML report into the output folder, also when a cell fails or times out.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../report/atomic-write";
import { renderHtmlReport } from "./html-report";
import { readJournal } from "./journal";
import { Notebook, readNotebook, sourceText, toLines, writeNotebook } from "./nbformat";
import { Assembly, assembleNotebook, CellRun, RunFailure } from "./notebook-assembly";
import { applyOverrides, ParamOverrides } from "./parameter-overrides";
import { findParametersCell, ParamValue } from "./parameters";
import { PLOTLY_SRC_ENV } from "../report/plotly-chart";
import { RECORD_RESULTS_ENV } from "../report/results-dir";
import { ensurePlotlyBundle, plotlyBundleHref } from "./plotly-asset";
import { finishReport } from "./report-page";
import { runWorker } from "./worker-process";

export type { CellRun, RunFailure } from "./notebook-assembly";

/** Options for {@link runNotebook}. */
export interface RunOptions {
  /** Parameter overrides by name (checked against the parameters cell). */
  params?: ParamOverrides;
  /** Output folder, default "reports" (relative to the cwd). */
  outDir?: string;
  /** Per-cell time limit in seconds, default 600. */
  timeoutSeconds?: number;
  /** Time allowed for the kernel to start, default 120 s. */
  startupTimeoutSeconds?: number;
  /**
   * Let the notebook record into the tracked results/ (sets RECSYS_RECORD_RESULTS=1 for the kernel; contract C2).
   * Default false: RECSYS_RECORD_RESULTS=0, so notebooks record into RECSYS_RESULTS_DIR or the scratch folder.
   */
  record?: boolean;
  /** Extra environment variables for the notebook (the caller's environment is always passed on). */
  env?: Record<string, string>;
  /** No progress output at all. */
  quiet?: boolean;
  /** Receives progress lines (default: this process's stderr). */
  log?: (line: string) => void;
  /**
   * Aborting it (reason: the signal's name, e.g. "SIGINT") stops the kernel; the files are still written, with
   * everything that ran, the running cell marked and a final "interrupted by ..." cell.
   */
  abort?: AbortSignal;
}

/** What {@link runNotebook} returns. */
export interface RunResult {
  /** Absolute path of the source notebook. */
  notebookPath: string;
  /** The notebook's name as shown in messages (path relative to the cwd). */
  label: string;
  ok: boolean;
  failure: RunFailure | null;
  /** The signal that interrupted the run ("SIGINT", "SIGTERM"), or null. */
  interrupted: string | null;
  /** `<label>: cell N (execution count [N], file cell M of K) failed: <message>`, or null when the run succeeded. */
  failureLine: string | null;
  /** The executed notebook and the HTML report that were written. */
  outputNotebookPath: string;
  htmlPath: string;
  /** Wall time including the worker's start. */
  seconds: number;
  startupSeconds: number | null;
  /** Parameter values used, and the names that were overridden. */
  parameters: Record<string, ParamValue>;
  overridden: string[];
  /** Executed code cells in order. */
  cells: CellRun[];
  /** The executed notebook as written. */
  notebook: Notebook;
}

/** Default per-cell time limit in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 3600;
/** Default output folder. */
export const DEFAULT_OUT_DIR = "reports";

function labelFor(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

function failureLine(label: string, failure: RunFailure, nb: Notebook): string {
  if (failure.cellIndex === null || failure.executionCount === null) {
    return failure.kind === "interrupted" ? `${label}: ${failure.message}` : `${label}: failed before any cell ran: ${failure.message}`;
  }
  const where = `execution count [${failure.executionCount}], file cell ${failure.cellIndex + 1} of ${nb.cells.length}`;
  if (failure.kind === "interrupted") return `${label}: ${failure.message} during cell ${failure.executionCount} (${where})`;
  return `${label}: cell ${failure.executionCount} (${where}) failed: ${failure.message}`;
}

/** Appends the visible end-of-run marker of an interrupted run (a markdown cell, shown in the HTML too). */
function appendInterruptionMarker(nb: Notebook, signal: string, failure: RunFailure | null, at: Date): void {
  const where = failure?.executionCount != null ? ` during cell [${failure.executionCount}]` : "";
  nb.cells.push({
    cell_type: "markdown",
    ...(nb.nbformat_minor >= 5 ? { id: `runner-interrupted-${signal.toLowerCase()}` } : {}),
    metadata: { runner: { interrupted: signal } },
    source: toLines(
      `**Run interrupted by ${signal}**${where} at ${at.toISOString()}. ` +
        "The outputs above are everything that ran; later cells did not run, and the unfinished cell recorded no results.",
    ),
  });
}

/** A copy to execute: code cells cleared, the parameters cell given its (possibly rewritten) source. */
function executableCopy(nb: Notebook, paramsIndex: number, paramsSource: string): Notebook {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    delete cell.metadata.runner;
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  const paramsCell = copy.cells[paramsIndex];
  if (sourceText(paramsCell.source) !== paramsSource) paramsCell.source = toLines(paramsSource);
  return copy;
}

/**
 * Runs a notebook and writes `<outDir>/<name>.ipynb` and `<outDir>/<name>.html`.
 * Setup problems (unreadable notebook, bad parameters cell, unknown or mistyped override) throw
 * before anything runs; a failing cell does not throw: the result says which cell failed and
 * the files hold everything up to and including its error.
 * @param notebookPath - the .ipynb to run
 * @param options - overrides, output folder, limits, environment, logging
 */
export async function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<RunResult> {
  const started = new Date();
  const abs = path.resolve(notebookPath);
  const label = labelFor(abs);
  const nb = readNotebook(abs);
  const paramsCell = findParametersCell(nb, label);
  const applied = applyOverrides(paramsCell, options.params ?? {}, label);
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0)) throw new Error(`timeoutSeconds must be positive, got ${timeoutSeconds}`);
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const base = path.basename(abs).replace(/\.ipynb$/i, "");
  const outputNotebookPath = path.join(outDir, `${base}.ipynb`);
  const htmlPath = path.join(outDir, `${base}.html`);
  if (outputNotebookPath === abs) throw new Error(`${label}: the output folder is the notebook's own folder; choose another --out`);

  const executed = executableCopy(nb, paramsCell.cellIndex, applied.source);
  const cells = executed.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === "code" && sourceText(cell.source).trim() !== "")
    .map(({ cell, index }) => ({ index, source: sourceText(cell.source) }));
  const log = options.quiet ? () => undefined : options.log ?? ((line: string) => void process.stderr.write(line + "\n"));
  const plotlyHref = plotlyBundleHref(htmlPath);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nbrun-"));
  let assembly: Assembly;
  let interrupted: string | null = null;
  try {
    const journalPath = path.join(tmp, "journal.jsonl");
    const exit = await runWorker(
      { label, rootDir: path.dirname(abs), cells, timeoutSeconds, journalPath, quiet: options.quiet ?? false },
      {
        env: {
          ...process.env,
          ...options.env,
          RECSYS_RUNNER: "1",
          [PLOTLY_SRC_ENV]: plotlyHref,
          [RECORD_RESULTS_ENV]: options.record ? "1" : "0",
        },
        startupTimeoutSeconds: options.startupTimeoutSeconds ?? 120,
        onOutput: log,
        abort: options.abort,
      },
    );
    assembly = assembleNotebook(executed, readJournal(journalPath), exit, timeoutSeconds);
    interrupted = exit.killed?.reason === "interrupt" ? exit.killed.signal : null;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started.getTime()) / 1000;
  const failure = assembly.failure;
  const line = failure ? failureLine(label, failure, executed) : null;
  if (interrupted) appendInterruptionMarker(executed, interrupted, failure, new Date());
  executed.metadata.runner = {
    started: started.toISOString(),
    duration_seconds: Math.round(seconds * 1000) / 1000,
    kernel_startup_seconds: assembly.startupSeconds,
    status: interrupted ? "interrupted" : failure ? "failed" : "ok",
    failure,
    parameters: applied.values,
    overridden: applied.overridden,
    timeout_seconds: timeoutSeconds,
  };
  ensurePlotlyBundle(outDir);
  writeNotebook(outputNotebookPath, executed);
  const html = renderHtmlReport(executed, {
    title: label,
    date: started,
    ok: !failure,
    failureMessage: line ?? undefined,
    failedCellIndex: failure?.cellIndex ?? null,
    parameters: paramsCell.params.map((p) => ({ name: p.name, value: applied.values[p.name], overridden: applied.overridden.includes(p.name) })),
    totalSeconds: seconds,
    startupSeconds: assembly.startupSeconds,
    plotlyHref,
  });
  writeFileAtomic(htmlPath, html);
  finishReport(outDir, htmlPath, executed, label, line, plotlyHref); // run record and the full report page (site)
  return {
    notebookPath: abs,
    label,
    ok: !failure,
    failure,
    interrupted,
    failureLine: line,
    outputNotebookPath,
    htmlPath,
    seconds,
    startupSeconds: assembly.startupSeconds,
    parameters: applied.values,
    overridden: applied.overridden,
    cells: assembly.cells,
    notebook: executed,
  };
}
