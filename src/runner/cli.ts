/**
 * Command-line entry of the notebook runner ("nbconvert --execute" for tslab notebooks):
 *
 *   tsx src/runner/cli.ts [notebooks...] [--param NAME=VALUE ...] [--out reports] [--timeout-seconds N]
 *
 * Runs the notebooks one after the other (all of them, even after a failure), prints a summary
 * line per notebook, and exits 0 only when all succeeded. See {@link USAGE}.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCliArgs, USAGE, UsageError } from "./cli-args";
import { NotebookFormatError } from "./nbformat";
import { ParameterError } from "./parameters";
import { runNotebook } from "./run-notebook";
import { formatSeconds } from "./text-utils";
import { afterExperiments } from "./after-experiments";

/** Folder searched when no notebook is named. */
export const DEFAULT_NOTEBOOK_DIR = "notebooks";

/** Every `*.ipynb` directly in `dir`, in name order (code-unit order, independent of locale). */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new UsageError(`no notebooks given and ${dir}/ does not exist (run from the project root)`);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.startsWith("."))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(dir, name));
}

/** One line of the final summary. */
interface Summary {
  label: string;
  ok: boolean;
  seconds: number;
  detail: string;
}

/**
 * Runs the CLI with the given arguments.
 * @param argv - arguments after the script name
 * @returns the exit code: 0 all ok, 1 a notebook failed, 2 usage error
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  let notebooks: string[];
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    notebooks = args.notebooks.length > 0 ? args.notebooks : listNotebooks(DEFAULT_NOTEBOOK_DIR);
    if (notebooks.length === 0) throw new UsageError(`no notebooks found in ${DEFAULT_NOTEBOOK_DIR}/`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 2;
  }
  const summaries: Summary[] = [];
  for (const notebook of notebooks) {
    const started = Date.now();
    try {
      const result = await runNotebook(notebook, {
        params: args.params,
        outDir: args.outDir,
        timeoutSeconds: args.timeoutSeconds,
        quiet: args.quiet,
      });
      if (result.failureLine) process.stderr.write(result.failureLine + "\n");
      const relative = path.relative(process.cwd(), result.htmlPath);
      const written = relative && !relative.startsWith("..") ? relative : result.htmlPath;
      summaries.push({ label: result.label, ok: result.ok, seconds: result.seconds, detail: result.failureLine ?? written });
    } catch (e) {
      if (!(e instanceof ParameterError || e instanceof NotebookFormatError || e instanceof Error)) throw e;
      const message = e instanceof ParameterError || e instanceof NotebookFormatError ? e.message : `${notebook}: ${e.stack ?? e.message}`;
      process.stderr.write(`${message}\n`);
      summaries.push({ label: notebook, ok: false, seconds: (Date.now() - started) / 1000, detail: message.split("\n")[0] });
    }
  }
  const width = Math.max(...summaries.map((s) => s.label.length));
  process.stdout.write("\n");
  for (const s of summaries) {
    const status = s.ok ? "ok    " : "FAILED";
    process.stdout.write(`${status}  ${s.label.padEnd(width)}  ${formatSeconds(s.seconds).padStart(10)}  ${s.detail}\n`);
  }
  afterExperiments({ outDir: args.outDir, notebooks, record: (args as { record?: boolean }).record !== false }); // run times, results site
  const failed = summaries.filter((s) => !s.ok).length;
  process.stdout.write(`${summaries.length - failed} ok, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
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
