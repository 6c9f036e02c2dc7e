/**
 * Worker process entry: executes one notebook's code cells in a tslab kernel and journals every
 * output as it happens. Started by {@link runWorker} with `child_process.fork`; receives its
 * {@link WorkerJob} as the first IPC message, works in the notebook's folder (what Jupyter gives
 * a kernel), stops at the first failing cell, and exits. Running each notebook in its own
 * process lets the parent kill a cell stuck in synchronous code.
 */
import { performance } from "perf_hooks";
import { JournalWriter, WorkerMessage } from "./journal";
import { CellSink, TslabKernel } from "./kernel";

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

/** Runs the job; resolves when the last cell (or the first failing one) has finished. */
export async function runJob(job: WorkerJob): Promise<void> {
  const journal = new JournalWriter(job.journalPath);
  const savedCwd = process.cwd();
  process.chdir(job.rootDir);
  try {
    const started = performance.now();
    const kernel = new TslabKernel(job.rootDir);
    const startup = Math.round(performance.now() - started) / 1000;
    journal.write({ e: "kernel-ready", seconds: startup });
    send({ type: "kernel-ready" });
    progress(job, `kernel ready (${startup.toFixed(1)} s), ${job.cells.length} code cells`);
    const onUncaught = (error: unknown): void => {
      if (kernel.busy) kernel.failCurrentCell(error);
      else process.stderr.write(`${job.label}: ignored an error raised outside any cell: ${String(error)}\n`);
    };
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    let count = 0;
    for (const { index, source } of job.cells) {
      count += 1;
      const cell = index;
      const executionCount = count;
      journal.write({ e: "cell-start", cell, count, at: Date.now() });
      send({ type: "cell-start", cell, count });
      const sink: CellSink = {
        stream: (name, text) => journal.write({ e: "stream", cell, name, text }),
        display: (data, metadata, displayId, update) => journal.write({ e: "display", cell, data, metadata, displayId, update }),
        result: (text) => journal.write({ e: "result", cell, count: executionCount, text }),
      };
      const outcome = await kernel.run(source, sink, job.timeoutSeconds * 1000);
      if (outcome.error) journal.write({ e: "error", cell, output: outcome.error });
      journal.write({ e: "cell-end", cell, ok: outcome.ok, seconds: outcome.seconds, timedOut: outcome.timedOut });
      send({ type: "cell-end", cell, ok: outcome.ok });
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
}

if (require.main === module) main();
