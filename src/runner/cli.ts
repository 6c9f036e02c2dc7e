/**
 * Command-line entry of the notebook runner ("nbconvert --execute" for tslab notebooks):
 *
 *   tsx src/runner/cli.ts [notebooks...] [--param NAME=VALUE ...] [--out reports] [--timeout-seconds N]
 *
 * Runs the notebooks one after the other (all of them, even after a failure), prints a summary
 * line per notebook, and exits 0 only when all succeeded. Usage errors (bad option, unknown notebook,
 * an override a notebook refuses) exit 2 before any kernel starts; SIGINT / SIGTERM stop the running
 * notebook, write its partial report, and exit 130 / 143. See {@link USAGE}.
 */
import { CORES_ENV_VAR, machineCores } from "../backend/core-budget";
import * as fs from "fs";
import * as path from "path";
import { DATASET_NAMES } from "../data/dataset-registry";
import { RECORD_RESULTS_ENV, resultsDir } from "../report/results-dir";
import { CliArgs, parseCliArgs, USAGE, UsageError } from "./cli-args";
import { NotebookFormatError, readNotebook } from "./nbformat";
import { applyOverrides } from "./parameter-overrides";
import { findParametersCell, OverrideError, ParameterError } from "./parameters";
import { listNotebooks } from "./notebook-list";
import { runPool } from "./notebook-pool";
import { runNotebook } from "./run-notebook";
import { formatSeconds } from "./text-utils";
import { afterExperiments } from "./after-experiments";

export { listNotebooks };

/** Folder searched when no notebook is named. */
export const DEFAULT_NOTEBOOK_DIR = "notebooks";

/** One line of the final summary. */
interface Summary {
  label: string;
  ok: boolean;
  seconds: number;
  detail: string;
}

/** Exit codes of an interrupted run: 128 + the signal's number, as shells report them. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** The notebook paths to run: each must be an existing `.ipynb` file. */
function checkNotebookPaths(notebooks: string[]): void {
  for (const nb of notebooks) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(nb);
    } catch {
      throw new UsageError(`notebook ${nb} does not exist (paths are relative to ${process.cwd()})`);
    }
    if (!stat.isFile()) throw new UsageError(`notebook ${nb} is not a file`);
    if (!/\.ipynb$/i.test(nb)) throw new UsageError(`notebook ${nb} is not an .ipynb file`);
  }
}

/**
 * Checks every `--param` against every notebook before any kernel starts.
 * @throws UsageError for an override a notebook does not accept (unknown name, kind, outside its spec)
 * @returns the problems of notebooks that cannot run (malformed file or parameters cell), by path
 */
function preflight(notebooks: string[], params: CliArgs["params"]): Map<string, string> {
  const broken = new Map<string, string>();
  for (const nb of notebooks) {
    const abs = path.resolve(nb);
    const rel = path.relative(process.cwd(), abs);
    const label = rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs; // as runNotebook labels it
    try {
      applyOverrides(findParametersCell(readNotebook(nb), label), params, label);
    } catch (e) {
      if (e instanceof OverrideError) throw new UsageError(e.message);
      if (!(e instanceof ParameterError || e instanceof NotebookFormatError)) throw e;
      broken.set(nb, e.message);
    }
  }
  return broken;
}

/** Routes SIGINT and SIGTERM to an AbortController while the notebooks run; `release` restores the defaults. */
function catchSignals(): { abort: AbortSignal; signal: () => keyof typeof SIGNAL_EXIT_CODES | null; release: () => void } {
  const controller = new AbortController();
  let received: keyof typeof SIGNAL_EXIT_CODES | null = null;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as (keyof typeof SIGNAL_EXIT_CODES)[]).map((name) => {
    const handler = (): void => {
      if (received) return void process.stderr.write(`${name} received: already stopping, writing the partial report\n`);
      received = name;
      process.stderr.write(`\n${name} received: stopping the kernel and writing the partial report\n`);
      controller.abort(name);
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    abort: controller.signal,
    signal: () => received,
    release: () => handlers.forEach(([name, handler]) => process.off(name, handler)),
  };
}

/**
 * Runs the CLI with the given arguments.
 * @param argv - arguments after the script name
 * @returns the exit code: 0 all ok, 1 a notebook failed, 2 usage error (nothing ran), 130 / 143 interrupted by
 * SIGINT / SIGTERM (the running notebook's files are written with everything that ran)
 */
export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  let notebooks: string[];
  let broken: Map<string, string>;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    notebooks = args.notebooks.length > 0 ? args.notebooks : listNotebooks(DEFAULT_NOTEBOOK_DIR);
    if (notebooks.length === 0) throw new UsageError(`no notebooks found in ${DEFAULT_NOTEBOOK_DIR}/`);
    checkNotebookPaths(notebooks);
    broken = preflight(notebooks, args.params);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 2;
  }
  const own = ownDataset(args);
  if (args.record && own !== undefined && !args.recordForced) {
    args.record = false;
    const where = path.relative(process.cwd(), resultsDir({ ...process.env, [RECORD_RESULTS_ENV]: "0" })) || ".";
    process.stderr.write(`DATASET=${own} is data of your own: results go to ${where}, not results/ (--record records them there)\n`);
  } else if (!args.record) {
    const where = path.relative(process.cwd(), resultsDir({ ...process.env, [RECORD_RESULTS_ENV]: "0" })) || ".";
    process.stderr.write(`--no-record: notebooks record their results into ${where}, not results/\n`);
  }
  const signals = catchSignals();
  let summaries: Summary[];
  const poolStarted = Date.now();
  let wallSeconds: number | undefined;
  try {
    const tasks = notebooks.map((notebook) => async (log: (line: string) => void): Promise<Summary> => {
      const problem = broken.get(notebook);
      if (!problem) return runOne(notebook, args, signals.abort, log);
      log(problem);
      return { label: notebook, ok: false, seconds: 0, detail: problem.split("\n")[0] };
    });
    const stopped = (i: number): Summary | null =>
      signals.signal() ? { label: notebooks[i], ok: false, seconds: 0, detail: "not run (interrupted)" } : null;
    summaries = await runPool(tasks, args.jobs, (text) => void process.stderr.write(text), stopped);
    wallSeconds = (Date.now() - poolStarted) / 1000;
  } finally {
    signals.release();
  }
  const width = Math.max(...summaries.map((s) => s.label.length));
  process.stdout.write("\n");
  for (const s of summaries) {
    const status = s.ok ? "ok    " : "FAILED";
    process.stdout.write(`${status}  ${s.label.padEnd(width)}  ${formatSeconds(s.seconds).padStart(10)}  ${s.detail}\n`);
  }
  afterExperiments({ outDir: args.outDir, notebooks, record: (args as { record?: boolean }).record !== false, wallSeconds, jobs: args.jobs }); // run times, suite time, results site
  const failed = summaries.filter((s) => !s.ok).length;
  process.stdout.write(`${summaries.length - failed} ok, ${failed} failed\n`);
  const signal = signals.signal();
  if (signal) return SIGNAL_EXIT_CODES[signal];
  return failed === 0 ? 0 : 1;
}

/**
 * Each notebook's share of the cores when `jobs` run at once (RECSYS_CORES, core-budget.ts): a notebook then
 * starts no second tower thread or child process that would compete with the other notebooks. Left alone when
 * the caller's environment sets it.
 */
export function notebookCoresEnv(jobs: number, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env[CORES_ENV_VAR] !== undefined && env[CORES_ENV_VAR] !== "") return {};
  return { [CORES_ENV_VAR]: String(Math.max(1, Math.floor(machineCores() / jobs))) };
}

async function runOne(notebook: string, args: CliArgs, abort: AbortSignal, log: (line: string) => void): Promise<Summary> {
  const started = Date.now();
  try {
    const result = await runNotebook(notebook, {
      params: args.params,
      outDir: args.outDir,
      timeoutSeconds: args.timeoutSeconds,
      quiet: args.quiet,
      record: args.record,
      abort,
      log,
      env: notebookCoresEnv(args.jobs),
    });
    if (result.failureLine) log(result.failureLine);
    const relative = path.relative(process.cwd(), result.htmlPath);
    const written = relative && !relative.startsWith("..") ? relative : result.htmlPath;
    return { label: result.label, ok: result.ok, seconds: result.seconds, detail: result.failureLine ?? written };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const known = e instanceof ParameterError || e instanceof NotebookFormatError;
    const message = known ? e.message : `${notebook}: ${e.stack ?? e.message}`;
    log(message);
    return { label: notebook, ok: false, seconds: (Date.now() - started) / 1000, detail: message.split("\n")[0] };
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`runner crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

/** The DATASET override when it names a file of one's own rather than a registered data set (or ml-1m-loo). */
function ownDataset(args: CliArgs): string | undefined {
  const value = args.params.DATASET;
  if (value === undefined) return undefined;
  const name = String(value);
  return (DATASET_NAMES as readonly string[]).includes(name) || name === "ml-1m-loo" ? undefined : name;
}
