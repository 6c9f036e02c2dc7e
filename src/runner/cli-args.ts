/**
 * Command-line parsing for the notebook runner:
 * `[notebooks...] [--param NAME=VALUE ...] [--out DIR] [--timeout-seconds N] [--jobs N] [--quiet] [--no-record | --record] [--help]`.
 * Options also accept the `--name=value` form.
 */
import { machineCores } from "../backend/core-budget";
import { ParamOverrides, parseParamAssignment } from "./parameter-overrides";
import { DEFAULT_OUT_DIR, DEFAULT_TIMEOUT_SECONDS } from "./run-notebook";

/** The default of `--jobs`: the number of cores available to this process (core-budget.ts). */
export function defaultJobs(): number {
  return machineCores();
}

/** Parsed command line. */
export interface CliArgs {
  /** Notebook paths as given (empty: run every notebooks/*.ipynb). */
  notebooks: string[];
  params: ParamOverrides;
  outDir: string;
  timeoutSeconds: number;
  quiet: boolean;
  /** Notebooks run at once (`--jobs N`, default: the number of cores). */
  jobs: number;
  /** Let notebooks record into results/ (false with `--no-record`, and for a DATASET that is a file of one's own unless `--record`). */
  record: boolean;
  /** `--record` was given: record into results/ even for a DATASET that is a file of one's own. */
  recordForced: boolean;
  help: boolean;
}

/** Raised for a malformed command line; the message says what is wrong. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The help text. */
export const USAGE = `Usage: tsx src/runner/cli.ts [notebooks...] [options]

Runs notebooks headless on tslab's executor and writes <out>/<name>.ipynb (with outputs)
and <out>/<name>.html. Without notebook arguments, runs every notebooks/*.ipynb in name order.

Options:
  --param NAME=VALUE     override a parameter of the notebook's "parameters" cell; VALUE is
                         parsed as JSON (42, true, null, "x", [1,2], {"a":1}) and taken as a
                         plain string when it is not valid JSON; repeatable
  --out DIR              output folder (default: ${DEFAULT_OUT_DIR})
  --timeout-seconds N    per-cell time limit (default: ${DEFAULT_TIMEOUT_SECONDS})
  --quiet                no per-cell progress lines
  --jobs N               notebooks run at once, each in its own process (default: the number of
                         cores, ${defaultJobs()} here); each notebook's output is printed as one block
  --no-record            notebooks record their results into the git-ignored reports/scratch-results/
                         (or RECSYS_RESULTS_DIR), not into results/; the default when DATASET is a file
                         or descriptor of your own (not a registered data set)
  --record               record into results/ even when DATASET is a file of your own
  --help                 this text

Every --param is checked against every notebook's parameters cell (names, kinds, and the allowed values a
line declares in its comment, e.g. // [integer >= 1]) before any kernel starts.

Exit code: 0 when every notebook ran without error, 1 when one failed, 2 for a usage error (nothing ran),
130 / 143 when interrupted by SIGINT / SIGTERM (the running notebook's .ipynb and .html are still written,
with everything that ran and the interruption marked).`;

/**
 * Parses `process.argv.slice(2)`.
 * @throws UsageError for unknown options, missing values, bad numbers, repeated parameters
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    notebooks: [],
    params: {},
    outDir: DEFAULT_OUT_DIR,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    quiet: false,
    jobs: defaultJobs(),
    record: true,
    recordForced: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      args.notebooks.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case "--param": {
        let parsed;
        try {
          parsed = parseParamAssignment(value());
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        if (Object.prototype.hasOwnProperty.call(args.params, parsed.name)) {
          throw new UsageError(`--param ${parsed.name} is given more than once`);
        }
        args.params[parsed.name] = parsed.value;
        break;
      }
      case "--out":
        args.outDir = value();
        break;
      case "--timeout-seconds": {
        const raw = value();
        const n = Number(raw);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout-seconds expects a positive number, got ${JSON.stringify(raw)}`);
        args.timeoutSeconds = n;
        break;
      }
      case "--quiet":
        args.quiet = true;
        break;
      case "--jobs": {
        const raw = value();
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs expects an integer >= 1, got ${JSON.stringify(raw)}`);
        args.jobs = n;
        break;
      }
      case "--no-record":
        args.record = false;
        break;
      case "--record":
        args.recordForced = true;
        break;
      case "--help":
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see --help)`);
    }
  }
  return args;
}
