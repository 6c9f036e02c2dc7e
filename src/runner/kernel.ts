/**
 * An in-process TypeScript kernel on tslab's own executor (the code Jupyter runs for a tslab
 * kernel, minus ZeroMQ). Runs one cell at a time and routes what it produces to a sink: stdout
 * and stderr writes as streams, `tslab.display.*` as display data, the last expression's value
 * as an execute result, and failures (compile diagnostics, thrown errors, timeouts) as an
 * error output. Meant to run inside the worker process, whose cwd is the notebook's folder.
 */
import { performance } from "perf_hooks";
import * as util from "util";
import { ErrorCollector, thrownToError, timeoutError } from "./cell-errors";
import { ErrorOutput, MimeBundle } from "./nbformat";

// tslab ships CommonJS without typings for these internals; the shapes below are what it uses.
interface TslabConverter {
  close(): void;
}
interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  interrupt(): void;
  close(): void;
}
interface DisplayPayload {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}
const { createExecutor } = require("tslab/dist/executor") as {
  createExecutor(rootDir: string, convs: object, console: { log(...a: unknown[]): void; error(...a: unknown[]): void }): TslabExecutor;
};
const { createConverter } = require("tslab/dist/converter") as { createConverter(options: object): TslabConverter };
/** The module `tslab.display` writes through; the same instance the notebook's `import "tslab"` gets. */
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((d: DisplayPayload, update: boolean) => void) | null };

/** Where a cell's outputs go. */
export interface CellSink {
  stream(name: "stdout" | "stderr", text: string): void;
  display(data: MimeBundle, metadata: Record<string, unknown>, displayId: string | null, update: boolean): void;
  result(text: string): void;
}

/** How a cell ended. */
export interface CellOutcome {
  ok: boolean;
  timedOut: boolean;
  /** The error output when the cell failed. */
  error: ErrorOutput | null;
  seconds: number;
}

type WriteFn = typeof process.stdout.write;

/** A tslab executor bound to one root directory (the notebook's folder). */
export class TslabKernel {
  private node: TslabConverter | null = null;
  private browser: TslabConverter | null = null;
  private readonly executor: TslabExecutor;
  private collector = new ErrorCollector();
  private sink: CellSink | null = null;
  private failure: unknown = null;
  private failureNote = "";
  private runningCell = false;

  /**
   * Creates the executor and warms the TypeScript converter (about a second). The converter
   * takes the process's cwd as its root: call with `process.cwd() === rootDir`.
   */
  constructor(readonly rootDir: string) {
    const self = this;
    const convs = {
      get node(): TslabConverter {
        return (self.node ??= createConverter({}));
      },
      get browser(): TslabConverter {
        return (self.browser ??= createConverter({ isBrowser: true }));
      },
      close(): void {
        self.node?.close();
        self.browser?.close();
      },
    };
    this.executor = createExecutor(rootDir, convs, {
      log: (...args: unknown[]) => this.sink?.result(util.format(...args)),
      error: (...args: unknown[]) => this.collector.record(args),
    });
    void convs.node;
  }

  /** True while a cell executes. */
  get busy(): boolean {
    return this.runningCell;
  }

  /**
   * Fails the running cell with `error` (an uncaught exception or unhandled rejection from the
   * notebook's callbacks) and interrupts its pending promise.
   * @param note - the last traceback line (default: says the error came from a callback)
   */
  failCurrentCell(error: unknown, note = "(raised in a callback while the cell was running: uncaught exception or unhandled rejection)"): void {
    if (this.failure === null) {
      this.failure = error;
      this.failureNote = note;
    }
    this.executor.interrupt();
  }

  /**
   * Executes one cell. Asynchronous cells are interrupted after `timeoutMs`; synchronous code
   * cannot be, so the parent process enforces the limit by killing the worker.
   */
  async run(source: string, sink: CellSink, timeoutMs: number): Promise<CellOutcome> {
    this.collector = new ErrorCollector();
    this.sink = sink;
    this.failure = null;
    let timedOut = false;
    const restore = captureStreams(sink);
    jupyter.lastWriteDisplayData = (d, update) =>
      sink.display(d.data, d.metadata ?? {}, d.transient?.display_id ?? null, Boolean(update));
    const started = performance.now();
    const timer = setTimeout(() => {
      timedOut = true;
      this.executor.interrupt();
    }, timeoutMs);
    this.runningCell = true;
    let ok: boolean;
    try {
      ok = await this.executor.execute(source);
    } catch (e) {
      this.collector.record([e]);
      ok = false;
    } finally {
      this.runningCell = false;
      clearTimeout(timer);
      restore();
    }
    const seconds = (performance.now() - started) / 1000;
    if (timedOut) {
      return { ok: false, timedOut, error: timeoutError(timeoutMs / 1000, "the pending promise was interrupted"), seconds };
    }
    if (seconds * 1000 > timeoutMs) {
      const detail = `it ran synchronously for ${seconds.toFixed(1)} s, past the limit`;
      return { ok: false, timedOut: true, error: timeoutError(timeoutMs / 1000, detail), seconds };
    }
    if (this.failure !== null) {
      const error = thrownToError(this.failure);
      error.traceback.push(this.failureNote);
      return { ok: false, timedOut, error, seconds };
    }
    if (!ok) return { ok, timedOut, error: this.collector.toErrorOutput(), seconds };
    if (!this.collector.isEmpty()) sink.stream("stderr", this.collector.text());
    return { ok, timedOut, error: null, seconds };
  }

  /** Releases the TypeScript compiler watchers. */
  close(): void {
    this.executor.close();
  }
}

/** Replaces `process.stdout.write` / `process.stderr.write` with writers to `sink`; returns the restore function. */
function captureStreams(sink: CellSink): () => void {
  const saved: [NodeJS.WriteStream, WriteFn][] = [
    [process.stdout, process.stdout.write],
    [process.stderr, process.stderr.write],
  ];
  for (const [stream] of saved) {
    const name = stream === process.stdout ? "stdout" : "stderr";
    const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      sink.stream(name, text);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    };
    stream.write = write as WriteFn;
  }
  return () => {
    for (const [stream, write] of saved) stream.write = write;
  };
}
