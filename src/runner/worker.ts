/**
 * Worker process entry: executes one notebook's code cells in a tslab kernel and journals every
 * output as it happens. Started by {@link runWorker} with `child_process.fork`; receives its
 * {@link WorkerJob} as the first IPC message, works in the notebook's folder (what Jupyter gives
 * a kernel), stops at the first failing cell, and exits. Running each notebook in its own
 * process lets the parent kill a cell stuck in synchronous code.
 */
import { AsyncLocalStorage } from "async_hooks";
import { performance } from "perf_hooks";
import { deferResultWrites, flushResultWrites } from "../report/deferred-writes";
import { thrownToError } from "./cell-errors";
import { JournalWriter, WorkerMessage } from "./journal";
import { CellSink, TslabKernel } from "./kernel";
import type { LibraryLoad } from "./library-cache";

/** What the worker has to run. */
export interface WorkerJob {
  /** The notebook's name in progress lines. */
  label: string;
  /** The notebook's folder: the kernel's cwd and TypeScript root. */
  rootDir: string;
  /** Code cells to execute in order (0-based notebook index and source). */
  cells: { index: number; source: string }[];
  /** Per-cell time limit. */
  timeoutSeconds: number;
  /** Where to append the journal. */
  journalPath: string;
  /** Suppress the per-cell progress lines on stderr. */
  quiet: boolean;
}

/** The first IPC message the parent sends. */
export interface JobMessage {
  type: "job";
  job: WorkerJob;
}

function send(message: WorkerMessage): void {
  if (process.connected && process.send) process.send(message);
}

function progress(job: WorkerJob, line: string): void {
  if (!job.quiet) process.stderr.write(`${job.label}: ${line}\n`);
}

/** A cell as the worker knows it: notebook index and execution count. */
interface CellRef {
  cell: number;
  count: number;
}

/** Runs the job; resolves when the last cell (or the first failing one) has finished. */
export async function runJob(job: WorkerJob): Promise<void> {
  const journal = new JournalWriter(job.journalPath);
  const savedCwd = process.cwd();
  process.chdir(job.rootDir);
  // Which cell started the code that is running now: async continuations inherit it, so an error thrown by
  // a timer or promise that cell 2 started is attributed to cell 2 even while cell 3 runs.
  const cellContext = new AsyncLocalStorage<CellRef>();
  let running: CellRef | null = null;
  let lastStarted: CellRef | null = null;
  let asyncFailure = false;
  deferResultWrites();
  try {
    const started = performance.now();
    const kernel = new TslabKernel(job.rootDir);
    const startup = Math.round(performance.now() - started) / 1000;
    journal.write({ e: "kernel-ready", seconds: startup });
    send({ type: "kernel-ready" });
    progress(job, `kernel ready (${startup.toFixed(1)} s), ${job.cells.length} code cells`);
    const onUncaught = (error: unknown): void => {
      const origin = cellContext.getStore() ?? null;
      if (running && kernel.busy && origin?.cell === running.cell) {
        kernel.failCurrentCell(error);
        return;
      }
      const owner = origin ?? lastStarted;
      if (!owner) {
        process.stderr.write(`${job.label}: ignored an error raised before any cell ran: ${String(error)}\n`);
        return;
      }
      asyncFailure = true;
      const output = thrownToError(error);
      const during = running ? `, while cell [${running.count}] ran` : "";
      const note = origin
        ? `(raised asynchronously by this cell after it had finished${during}: uncaught exception or unhandled rejection)`
        : `(raised asynchronously after cell [${owner.count}] started${during}; which cell started the operation cannot be known)`;
      output.traceback.push(note);
      journal.write({ e: "async-error", cell: owner.cell, count: owner.count, output, originKnown: origin !== null });
      if (running && kernel.busy) {
        const stop = new Error(`stopped: cell [${owner.count}] raised an asynchronous error (see its output)`);
        stop.name = "Stopped";
        kernel.failCurrentCell(stop, "(this cell was interrupted because of another cell's asynchronous error)");
      }
    };
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    let count = 0;
    let libraryReported = false;
    for (const { index, source } of job.cells) {
      if (asyncFailure) break;
      count += 1;
      const cell = index;
      const executionCount = count;
      const ref: CellRef = { cell, count };
      running = lastStarted = ref;
      journal.write({ e: "cell-start", cell, count, at: Date.now() });
      send({ type: "cell-start", cell, count });
      const sink: CellSink = {
        stream: (name, text) => journal.write({ e: "stream", cell, name, text }),
        display: (data, metadata, displayId, update) => journal.write({ e: "display", cell, data, metadata, displayId, update }),
        result: (text) => journal.write({ e: "result", cell, count: executionCount, text }),
      };
      const outcome = await cellContext.run(ref, () => kernel.run(source, sink, job.timeoutSeconds * 1000));
      running = null;
      try {
        flushResultWrites();
      } catch (e) {
        const error = thrownToError(e);
        error.traceback.push("(while writing the results this cell recorded)");
        if (outcome.ok) Object.assign(outcome, { ok: false, error });
        else sink.stream("stderr", `${error.ename}: ${error.evalue} (while writing the results this cell recorded)\n`);
      }
      if (outcome.error) journal.write({ e: "error", cell, output: outcome.error });
      journal.write({ e: "cell-end", cell, ok: outcome.ok, seconds: outcome.seconds, timedOut: outcome.timedOut });
      send({ type: "cell-end", cell, ok: outcome.ok });
      if (!libraryReported && kernel.libraryStatus !== null) {
        libraryReported = true;
        progress(job, libraryLine(kernel.libraryStatus));
      }
      const status = outcome.ok ? "ok" : outcome.timedOut ? "TIMEOUT" : "FAILED";
      progress(job, `cell [${count}] (${count}/${job.cells.length}) ${status} ${outcome.seconds.toFixed(2)} s`);
      if (!outcome.ok) break;
    }
    journal.write({ e: "end" });
    send({ type: "end" });
    kernel.close();
  } finally {
    process.chdir(savedCwd);
    journal.close();
  }
}

/** The progress line saying how the kernel got the library (library-cache.ts). */
export function libraryLine(status: LibraryLoad | { error: string }): string {
  if ("error" in status) return `library cache failed (${status.error}); tslab compiles src itself`;
  if (status.build === null) return `library has ${status.diagnostics.length} type error(s) under tslab; tslab compiles src itself and reports them`;
  return `library: ${status.cached ? "cached" : "built"} declarations and code (${status.seconds.toFixed(1)} s)`;
}

/** Waits for the job message, runs it, and exits (forcing exit past timers the notebook left). */
function main(): void {
  process.once("message", (message: JobMessage) => {
    runJob(message.job).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`worker: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(70);
      },
    );
  });
  process.on("disconnect", () => process.exit(1));
  // Ctrl-C reaches the whole process group: the parent decides, and stops this worker with SIGTERM (handled
  // between JavaScript steps, so never in the middle of writing results; the parent escalates to SIGKILL).
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => process.exit(143));
}

if (require.main === module) main();
