/**
 * Assembles the executed notebook from the worker's journal: outputs in order (consecutive
 * stream writes merged, display updates applied to the output with that display id), execution
 * counts, per-cell timing in `metadata.runner`, and the failure if any, including cells cut
 * short by the watchdog (timeout) or by the worker dying.
 */
import { COMPILE_ERROR, interruptedError, timeoutError, TIMEOUT_ERROR, workerCrashError } from "./cell-errors";
import { JournalEvent } from "./journal";
import { CodeCell, DisplayDataOutput, ErrorOutput, MimeBundle, Notebook, Output, StreamOutput, toLines } from "./nbformat";
import { applyCarriageReturns, firstLine } from "./text-utils";
import type { WorkerExit } from "./worker-process";

/** How one executed code cell went. */
export interface CellRun {
  /** 0-based position in the notebook. */
  index: number;
  executionCount: number;
  seconds: number;
  status: "ok" | "error" | "timeout" | "crash" | "interrupted";
}

/** Why a run failed. */
export interface RunFailure {
  kind: "error" | "compile" | "timeout" | "crash" | "startup" | "interrupted";
  /** 0-based notebook index of the failing cell (null when no cell was running). */
  cellIndex: number | null;
  /** Its execution count (null when no cell was running). */
  executionCount: number | null;
  /** `ename: first line of evalue`. */
  message: string;
}

/** The result of {@link assembleNotebook}. */
export interface Assembly {
  cells: CellRun[];
  startupSeconds: number | null;
  failure: RunFailure | null;
}

function describe(error: ErrorOutput): string {
  return `${error.ename}: ${firstLine(error.evalue)}`;
}

function kindOf(error: ErrorOutput): RunFailure["kind"] {
  if (error.ename === TIMEOUT_ERROR) return "timeout";
  return error.ename === COMPILE_ERROR ? "compile" : "error";
}

/** Text MIME types are stored as lists of lines, like Jupyter does. */
function storeBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    const texty = mime.startsWith("text/") || mime === "image/svg+xml";
    out[mime] = texty && typeof value === "string" ? toLines(value) : value;
  }
  return out;
}

/**
 * Fills `nb` (a copy whose code cells have no outputs) from the journal.
 * @param nb - the notebook to fill, modified in place
 * @param events - the journal
 * @param exit - how the worker ended
 * @param timeoutSeconds - the per-cell limit (for the timeout message)
 */
export function assembleNotebook(nb: Notebook, events: JournalEvent[], exit: WorkerExit, timeoutSeconds: number): Assembly {
  const displays = new Map<string, DisplayDataOutput[]>();
  const streams = new Map<StreamOutput, string>();
  const runs = new Map<number, CellRun & { at: number; ended: boolean }>();
  let startupSeconds: number | null = null;
  let failure: RunFailure | null = null;
  let completed = false;
  const codeCell = (index: number): CodeCell => {
    const cell = nb.cells[index];
    if (!cell || cell.cell_type !== "code") throw new Error(`journal refers to cell ${index}, which is not a code cell`);
    return cell;
  };
  const push = (index: number, output: Output): void => void codeCell(index).outputs.push(output);
  const fail = (run: CellRun, error: ErrorOutput, kind: RunFailure["kind"]): void => {
    failure ??= { kind, cellIndex: run.index, executionCount: run.executionCount, message: describe(error) };
  };

  for (const ev of events) {
    switch (ev.e) {
      case "kernel-ready":
        startupSeconds = ev.seconds;
        break;
      case "cell-start":
        codeCell(ev.cell).execution_count = ev.count;
        runs.set(ev.cell, { index: ev.cell, executionCount: ev.count, seconds: 0, status: "ok", at: ev.at, ended: false });
        break;
      case "stream": {
        const outputs = codeCell(ev.cell).outputs;
        const last = outputs[outputs.length - 1];
        if (last && last.output_type === "stream" && last.name === ev.name) {
          streams.set(last, (streams.get(last) ?? "") + ev.text);
        } else {
          const out: StreamOutput = { output_type: "stream", name: ev.name, text: "" };
          streams.set(out, ev.text);
          outputs.push(out);
        }
        break;
      }
      case "display": {
        const targets = ev.displayId ? displays.get(ev.displayId) : undefined;
        if (ev.update && targets) {
          for (const t of targets) Object.assign(t, { data: storeBundle(ev.data), metadata: ev.metadata });
          break;
        }
        const out: DisplayDataOutput = { output_type: "display_data", data: storeBundle(ev.data), metadata: ev.metadata };
        if (ev.displayId) displays.set(ev.displayId, [...(targets ?? []), out]);
        push(ev.cell, out);
        break;
      }
      case "result":
        push(ev.cell, { output_type: "execute_result", execution_count: ev.count, data: storeBundle({ "text/plain": ev.text }), metadata: {} });
        break;
      case "error":
        push(ev.cell, ev.output);
        break;
      case "async-error": {
        push(ev.cell, ev.output);
        const when = ev.originKnown ? "raised asynchronously after the cell had finished" : `raised asynchronously after cell [${ev.count}] started, origin unknown`;
        failure ??= { kind: "error", cellIndex: ev.cell, executionCount: ev.count, message: `${describe(ev.output)} (${when})` };
        const run = runs.get(ev.cell);
        if (run && run.status === "ok") run.status = "error";
        break;
      }
      case "cell-end": {
        const run = runs.get(ev.cell);
        if (!run) break;
        run.ended = true;
        run.seconds = ev.seconds;
        if (ev.ok) break;
        const errors = codeCell(ev.cell).outputs.filter((o): o is ErrorOutput => o.output_type === "error");
        const error = errors[errors.length - 1] ?? { output_type: "error", ename: "Error", evalue: "cell failed", traceback: [] };
        run.status = ev.timedOut ? "timeout" : "error";
        fail(run, error, ev.timedOut ? "timeout" : kindOf(error));
        break;
      }
      case "end":
        completed = true;
        break;
    }
  }

  const interrupted = exit.killed?.reason === "interrupt" ? exit.killed.signal : null;
  for (const run of runs.values()) {
    if (run.ended) continue;
    run.seconds = Math.max(0, (Date.now() - run.at) / 1000);
    if (interrupted) {
      const error = interruptedError(interrupted);
      push(run.index, error);
      run.status = "interrupted";
      failure ??= { kind: "interrupted", cellIndex: run.index, executionCount: run.executionCount, message: `interrupted by ${interrupted}` };
      continue;
    }
    const timedOut = exit.killed?.reason === "timeout";
    const error = timedOut
      ? timeoutError(timeoutSeconds, "the worker process was killed (synchronous code cannot be interrupted in-process)")
      : workerCrashError(exit.code, exit.signal, exit.stderrTail);
    push(run.index, error);
    run.status = timedOut ? "timeout" : "crash";
    fail(run, error, timedOut ? "timeout" : "crash");
  }
  if (!failure && !completed && interrupted) {
    const when = startupSeconds === null ? "while the kernel started" : "between cells";
    failure = { kind: "interrupted", cellIndex: null, executionCount: null, message: `interrupted by ${interrupted} ${when}` };
  }
  if (!failure && !completed) {
    const kind = startupSeconds === null ? "startup" : "crash";
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
    const why = exit.killed?.reason === "startup" ? "the kernel did not start in time" : `the worker exited early (${how})`;
    const lines = exit.stderrTail.split("\n").filter((l) => l.trim() !== "");
    const tail = (lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? "").trim();
    failure = { kind, cellIndex: null, executionCount: null, message: `${why}${tail ? `: ${tail}` : ""}` };
  }
  for (const [out, text] of streams) out.text = toLines(applyCarriageReturns(text));
  const cells = [...runs.values()].map(({ index, executionCount, seconds, status }) => ({ index, executionCount, seconds, status }));
  for (const run of cells) {
    nb.cells[run.index].metadata.runner = { duration_seconds: Math.round(run.seconds * 1000) / 1000, status: run.status };
  }
  return { cells, startupSeconds, failure };
}
