/**
 * Turns what tslab's executor reports through `console.error` into nbformat error outputs:
 * compile diagnostics arrive as printf-style calls (`"%s%d:%d - %s"`), runtime errors as the
 * thrown value. Also builds the error outputs for timeouts and crashed workers.
 */
import * as util from "util";
import { ErrorOutput } from "./nbformat";

/** `ename` used for TypeScript compile errors. */
export const COMPILE_ERROR = "CompileError";
/** `ename` used when a cell exceeds its time limit. */
export const TIMEOUT_ERROR = "TimeoutError";
/** `ename` used for the cell that was running when the run was interrupted by a signal. */
export const INTERRUPTED = "Interrupted";
/** `ename` used when the worker process dies while a cell runs. */
export const WORKER_CRASH = "WorkerCrash";

type Reported = { kind: "thrown"; value: unknown } | { kind: "text"; text: string };

/** Collects the `console.error` calls tslab makes while one cell executes. */
export class ErrorCollector {
  private readonly items: Reported[] = [];

  /** Records one `console.error(...)` call. */
  record(args: unknown[]): void {
    if (args.length === 1 && typeof args[0] !== "string") this.items.push({ kind: "thrown", value: args[0] });
    else this.items.push({ kind: "text", text: util.format(...args) });
  }

  /** True when nothing was reported. */
  isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** The reports as text (for a cell that succeeded but printed diagnostics, e.g. a `//%module` cell). */
  text(): string {
    return this.items.map((it) => (it.kind === "text" ? it.text : util.inspect(it.value))).join("\n") + "\n";
  }

  /**
   * The error output for a failed cell: the thrown error if there was one, otherwise the
   * compile diagnostics.
   */
  toErrorOutput(): ErrorOutput {
    const thrown = [...this.items].reverse().find((it) => it.kind === "thrown");
    if (thrown && thrown.kind === "thrown") return thrownToError(thrown.value);
    const lines = this.items.map((it) => (it.kind === "text" ? it.text : util.inspect(it.value)));
    if (lines.length === 0) {
      return { output_type: "error", ename: "Error", evalue: "the cell failed without a message from tslab", traceback: [] };
    }
    return {
      output_type: "error",
      ename: COMPILE_ERROR,
      evalue: lines.join("\n"),
      traceback: [`${COMPILE_ERROR}: TypeScript reported ${lines.length} error(s) (line:column in the cell)`, ...lines],
    };
  }
}

/** Converts a thrown value into an error output with a traceback trimmed of runner frames. */
export function thrownToError(value: unknown): ErrorOutput {
  if (value instanceof Error || (typeof value === "object" && value !== null && "stack" in value && "message" in value)) {
    const err = value as Error;
    const ename = err.name || err.constructor?.name || "Error";
    const evalue = String(err.message);
    return { output_type: "error", ename, evalue, traceback: cleanStack(err.stack ?? "", ename, evalue) };
  }
  const text = util.inspect(value);
  return { output_type: "error", ename: "Error", evalue: `uncaught value: ${text}`, traceback: [`Uncaught ${text}`] };
}

/**
 * Drops what Node prepends to a stack thrown in `vm` code (the source line and caret) and the
 * frames from the executor and the runner that follow the cell's own frames.
 */
function cleanStack(stack: string, ename: string, evalue: string): string[] {
  const lines = stack.split("\n");
  const headerAt = lines.findIndex((l) => l.startsWith(`${ename}:`) || l === ename);
  const body = headerAt >= 0 ? lines.slice(headerAt) : [`${ename}: ${evalue}`, ...lines.filter((l) => /^\s+at /.test(l))];
  const cut = body.findIndex((l) => /^\s+at /.test(l) && /node:vm|tslab[\\/]dist[\\/]executor|src[\\/]runner[\\/]/.test(l));
  return cut >= 0 ? body.slice(0, cut) : body;
}

/**
 * The error output recorded for a cell that exceeded its time limit.
 * @param seconds - the limit
 * @param detail - what happened, e.g. "the worker process was killed"
 */
export function timeoutError(seconds: number, detail: string): ErrorOutput {
  return {
    output_type: "error",
    ename: TIMEOUT_ERROR,
    evalue: `cell did not finish within ${seconds} s; ${detail}`,
    traceback: [`${TIMEOUT_ERROR}: cell did not finish within ${seconds} s (--timeout-seconds); ${detail}`],
  };
}

/** The error output recorded for a cell during which the worker process died. */
export function workerCrashError(code: number | null, signal: string | null, stderrTail: string): ErrorOutput {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const evalue = `the worker process ${how} while this cell ran (process.exit() in the notebook, or out of memory?)`;
  const tail = stderrTail.trim() ? ["--- last lines of the worker's stderr ---", ...stderrTail.trimEnd().split("\n")] : [];
  return { output_type: "error", ename: WORKER_CRASH, evalue, traceback: [`${WORKER_CRASH}: ${evalue}`, ...tail] };
}

/** The error output recorded for the cell that was running when the runner received `signal` (SIGINT, SIGTERM). */
export function interruptedError(signal: string): ErrorOutput {
  const evalue = `interrupted by ${signal}: the run was stopped while this cell ran; the cells below did not run`;
  return { output_type: "error", ename: INTERRUPTED, evalue, traceback: [`${INTERRUPTED}: ${evalue}`] };
}
