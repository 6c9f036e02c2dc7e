/**
 * The runner's record of one notebook run, written beside its report as `<out>/<name>.run.json`: status, wall
 * time, parameters, commit, machine and backend. The results site reads run time and status from it (never from
 * anything typed by hand).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../report/atomic-write";
import { gitCommit } from "../report/run-environment";
import { repoRoot } from "../repo-root";
import { Notebook, sourceText } from "./nbformat";
import { ParamValue } from "./param-literal";

/** One notebook run as the runner saw it. */
export interface RunRecord {
  /** Notebook file stem, e.g. "matrix-factorization". */
  notebook: string;
  /** The source notebook as named on the command line (path relative to the cwd). */
  source: string;
  status: "ok" | "failed";
  /** The failure line (`<label>: cell N ... failed: ...`), or null. */
  failure: string | null;
  /** ISO times of start and end. */
  started: string;
  finished: string;
  /** Wall-clock seconds of the whole run, kernel start included. */
  seconds: number;
  startupSeconds: number | null;
  parameters: Record<string, ParamValue>;
  overridden: string[];
  /** Git commit of the code that ran (short, "+dirty" when tracked files had changes), if known. */
  commit?: string;
  /** TF.js backend the notebook reported ("wasm (SIMD, 1 thread), tfjs-core 4.22.0"), if it used one. */
  backend?: string;
  /** CPU count and model, OS, Node version of the machine that ran it. */
  machine: { cpu: string; os: string; node: string };
}

/** Path of the run record of the report `<outDir>/<stem>.html`. */
export function runRecordPath(outDir: string, stem: string): string {
  return path.join(outDir, `${stem}.run.json`);
}

/** The backend line `initBackend` printed in the executed notebook ("TF.js backend: ..."), if any. */
export function backendFromOutputs(nb: Notebook): string | undefined {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const output of cell.outputs) {
      if (output.output_type !== "stream") continue;
      const match = /TF\.js backend: ([^\n]+)/.exec(sourceText(output.text));
      if (match) return match[1].trim();
    }
  }
  return undefined;
}

/** This machine, as run records describe it. */
export function describeMachine(): RunRecord["machine"] {
  const cpus = os.cpus();
  return { cpu: `${cpus.length} x ${cpus[0]?.model?.trim() ?? "unknown CPU"}`, os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version };
}

/** The commit of the project the runner belongs to (undefined outside git). */
export function currentCommit(): string | undefined {
  return gitCommit(repoRoot());
}

/** Writes `record` to `<outDir>/<record.notebook>.run.json` (atomically) and returns the path. */
export function writeRunRecord(outDir: string, record: RunRecord): string {
  const file = runRecordPath(outDir, record.notebook);
  writeFileAtomic(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}

/** Reads a run record; undefined when absent; a corrupt file is an error naming it. */
export function readRunRecord(outDir: string, stem: string): RunRecord | undefined {
  const file = runRecordPath(outDir, stem);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as RunRecord;
    if (typeof parsed.seconds !== "number" || (parsed.status !== "ok" && parsed.status !== "failed")) throw new Error("missing seconds or status");
    return parsed;
  } catch (e) {
    throw new Error(`run record ${file} is not valid: ${(e as Error).message}`);
  }
}
