/**
 * Parent side of the worker: forks `worker.ts` (through tsx when running from TypeScript
 * sources), hands it the job, forwards its terminal output, and acts as the watchdog that
 * kills it when a cell exceeds the time limit (the only way to stop a synchronous loop) or
 * when the kernel does not start.
 */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import { tsxImportArgv } from "../tsx-import";
import { WorkerMessage } from "./journal";
import type { JobMessage, WorkerJob } from "./worker";

/** Extra time the parent allows past the limit, so that the worker can interrupt an async cell itself. */
const KILL_GRACE_MS = 1500;

/** Options for {@link runWorker}. */
export interface WorkerOptions {
  /** Environment of the worker (defaults to this process's environment). */
  env?: NodeJS.ProcessEnv;
  /** Time allowed for the kernel to start before the worker is killed. */
  startupTimeoutSeconds: number;
  /** Receives the worker's terminal output (progress lines, writes made outside cells), line by line. */
  onOutput?: (line: string) => void;
  /**
   * Stops the worker when aborted (the reason is the signal's name, e.g. "SIGINT"): SIGTERM, then SIGKILL
   * after {@link STOP_GRACE_MS} if a synchronous cell keeps it from exiting.
   */
  abort?: AbortSignal;
}

/** Time a worker gets to exit after SIGTERM before it is killed. */
export const STOP_GRACE_MS = 1000;

/** How the worker ended. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** Set when the watchdog killed the worker. */
  killed: { reason: "timeout"; cell: number } | { reason: "startup" } | { reason: "interrupt"; signal: string } | null;
  /** The last lines the worker wrote to stderr (for crash reports). */
  stderrTail: string;
}

/** The worker script next to this file (`.ts` under tsx, `.js` when compiled). */
function workerScript(): { script: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const script = path.join(__dirname, `worker${ext}`);
  const keep = process.execArgv.filter((a) => a.startsWith("--max-old-space-size") || a.startsWith("--stack-size"));
  if (ext !== ".ts") return { script, execArgv: keep };
  return { script, execArgv: [...keep, ...tsxImportArgv()] };
}

function lineForwarder(onLine: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let pending = "";
  return {
    push(chunk) {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    },
    flush() {
      if (pending) onLine(pending);
      pending = "";
    },
  };
}

/**
 * Runs a job in a fresh worker process.
 * @param job - what to execute (sent as the first IPC message)
 * @param options - environment, startup limit and output sink
 * @returns how the worker ended; the outputs are in the job's journal
 */
export function runWorker(job: WorkerJob, options: WorkerOptions): Promise<WorkerExit> {
  const { script, execArgv } = workerScript();
  let child: ChildProcess;
  return new Promise((resolve) => {
    let killed: WorkerExit["killed"] = null;
    let stderrTail = "";
    let timer: NodeJS.Timeout | null = null;
    const arm = (ms: number, reason: NonNullable<WorkerExit["killed"]>): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        killed = reason;
        child.kill("SIGKILL");
      }, ms);
    };
    const disarm = (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    child = fork(script, [], { execArgv, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    arm(options.startupTimeoutSeconds * 1000, { reason: "startup" });
    const forward = (line: string): void => options.onOutput?.(line);
    const out = lineForwarder(forward);
    const err = lineForwarder((line) => {
      if (!line.startsWith(`${job.label}: `)) stderrTail = (stderrTail + line + "\n").slice(-4000);
      forward(line);
    });
    child.stdout?.on("data", (c: Buffer) => out.push(c));
    child.stderr?.on("data", (c: Buffer) => err.push(c));
    child.on("message", (message: WorkerMessage) => {
      if (killed?.reason === "interrupt") return;
      if (message.type === "cell-start") arm(job.timeoutSeconds * 1000 + KILL_GRACE_MS, { reason: "timeout", cell: message.cell });
      else disarm();
    });
    let settled = false;
    let escalation: NodeJS.Timeout | null = null;
    const finish = (code: number | null, signal: string | null): void => {
      if (settled) return;
      settled = true;
      disarm();
      if (escalation) clearTimeout(escalation);
      options.abort?.removeEventListener("abort", stop);
      out.flush();
      err.flush();
      resolve({ code, signal, killed, stderrTail });
    };
    child.on("error", (e) => {
      stderrTail += `failed to start the worker: ${e.message}\n`;
      finish(null, null);
    });
    child.on("exit", (code, signal) => {
      // Give the pipes a moment to drain, without waiting for grandchildren holding them open.
      const fallback = setTimeout(() => finish(code, signal), 1000);
      child.once("close", () => {
        clearTimeout(fallback);
        finish(code, signal);
      });
    });
    const stop = (): void => {
      if (settled) return;
      disarm();
      killed = { reason: "interrupt", signal: String(options.abort?.reason ?? "SIGTERM") };
      child.kill("SIGTERM");
      escalation = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    };
    if (options.abort?.aborted) stop();
    else options.abort?.addEventListener("abort", stop, { once: true });
    const message: JobMessage = { type: "job", job };
    if (!settled) child.send(message);
  });
}
