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
import { cachedSideOutputs, installDeclarationOverlay } from "./declaration-overlay";
import { LibraryLoad, libraryLocation, loadOrBuildLibrary } from "./library-cache";
import { ErrorOutput, MimeBundle } from "./nbformat";

// tslab ships CommonJS without typings for these internals; the shapes below are what it uses.
interface Converted {
  sideOutputs?: { path: string; data: string }[];
}
interface TslabConverter {
  convert(prevDecl: string, src: string): Converted;
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
  private library: LibraryLoad | { error: string } | null = null;
  private removeOverlay: (() => void) | null = null;

  /**
   * Creates the executor and warms the TypeScript converter (about a second). The converter
   * takes the process's cwd as its root: call with `process.cwd() === rootDir`.
   * @param useLibraryCache - type-check against the cached declarations of `<rootDir>/src` and run its cached
   *   code (library-cache.ts) instead of letting tslab compile all of src in the first cell that imports it
   */
  constructor(readonly rootDir: string, useLibraryCache = true) {
    const self = this;
    const convs = {
      get node(): TslabConverter {
        return (self.node ??= useLibraryCache ? self.withLibraryCache(createConverter({})) : createConverter({}));
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

  /**
   * How the library cache was used once the first cell was converted: the load (cached or built, with the
   * library's type errors if it has any, in which case tslab compiled src itself), an error that made the kernel
   * fall back to plain tslab, or null (not used).
   */
  get libraryStatus(): LibraryLoad | { error: string } | null {
    return this.library;
  }

  /**
   * Wraps the node converter: before the first conversion, loads (or builds) the library cache and installs the
   * declaration overlay; the first conversion then hands the executor the cached code as side outputs.
   */
  private withLibraryCache(conv: TslabConverter): TslabConverter {
    let pending: { path: string; data: string }[] | null = null;
    let prepared = false;
    const prepare = (): void => {
      prepared = true;
      const loc = libraryLocation(this.rootDir);
      if (loc === null) return;
      try {
        const load = loadOrBuildLibrary(loc);
        this.library = load;
        if (load.build === null) return;
        this.removeOverlay = installDeclarationOverlay(load.build, loc.libDir);
        pending = cachedSideOutputs(load.build, loc.libDir);
      } catch (e) {
        this.library = { error: e instanceof Error ? e.message : String(e) };
      }
    };
    return new Proxy(conv, {
      get(target, prop, receiver) {
        if (prop !== "convert") return Reflect.get(target, prop, receiver);
        return (prevDecl: string, src: string): Converted => {
          if (!prepared) prepare();
          const converted = target.convert(prevDecl, src);
          if (pending !== null) {
            converted.sideOutputs = [...pending, ...(converted.sideOutputs ?? [])];
            pending = null;
          }
          return converted;
        };
      },
    });
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
    this.removeOverlay?.();
    this.removeOverlay = null;
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
