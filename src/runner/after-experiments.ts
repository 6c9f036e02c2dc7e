/**
 * What `npm run experiments` does after its notebooks ran: records each default-parameter run's time (and, after a
 * full run of every notebook, the suite's wall time) in `results/runtimes/last-run.json` and the README's notebook
 * table and headline table (when the run records results), then rebuilds
 * the results site (`<out>/index.html` and the report pages).
 */
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../report/atomic-write";
import { updateReadmeHighlights } from "../report/readme-highlights";
import { NotebookRuntime, recordRuntimes, replaceNotebookTable, type SuiteRuntime } from "../report/site/runtimes";
import { repoRoot } from "../repo-root";
import { listNotebooks } from "./notebook-list";
import { readRunRecord } from "./run-record";
import { buildSite, SiteBuild } from "./site-builder";

/** Options of {@link afterExperiments}. */
export interface AfterOptions {
  /** The runner's output folder. */
  outDir: string;
  /** The notebooks that ran (paths). */
  notebooks: string[];
  /** Whether this run records results (then run times are recorded too). */
  record: boolean;
  /** Wall time of the whole run (seconds) and its `--jobs`: recorded as the suite's time when the run was full. */
  wallSeconds?: number;
  jobs?: number;
  /** Receives one line per thing done. */
  log?: (line: string) => void;
}

/**
 * Records run times (see the module comment; only for the project's own notebooks in notebooks/) and rebuilds the
 * site. Never throws: a failure is reported on stderr and returned as undefined, so it cannot hide the run's outcome.
 */
export function afterExperiments(options: AfterOptions): SiteBuild | undefined {
  try {
    return recordAndBuild(options);
  } catch (e) {
    process.stderr.write(`results site not built: ${(e as Error).message}\n`);
    return undefined;
  }
}

function recordAndBuild(options: AfterOptions): SiteBuild {
  const log = options.log ?? ((line: string) => void process.stdout.write(line + "\n"));
  const outDir = path.resolve(options.outDir);
  const root = repoRoot();
  // Where this run recorded results: RECSYS_RESULTS_DIR when set (tests, scratch runs), else the project's results/
  // (also when the kernel alone was told to record, contract C2: the site shows the recorded results either way).
  const results = process.env.RECSYS_RESULTS_DIR ? path.resolve(process.env.RECSYS_RESULTS_DIR) : path.join(root, "results");
  if (options.record) {
    const runs: Record<string, NotebookRuntime> = {};
    for (const notebook of options.notebooks) {
      if (path.dirname(path.resolve(notebook)) !== path.join(root, "notebooks")) continue;
      const stem = path.basename(notebook).replace(/\.ipynb$/i, "");
      const record = readRunRecord(outDir, stem);
      if (!record || record.overridden.length > 0) continue; // only default-parameter runs describe the table
      runs[stem] = { seconds: record.seconds, status: record.status, finished: record.finished, commit: record.commit, machine: `${record.machine.cpu}, ${record.machine.os}` };
    }
    if (Object.keys(runs).length > 0) {
      const runtimes = recordRuntimes(results, runs, fullSuite(root, options, runs));
      const readme = path.join(root, "README.md");
      if (results === path.join(root, "results") && fs.existsSync(readme)) {
        writeFileAtomic(readme, replaceNotebookTable(fs.readFileSync(readme, "utf8"), runtimes, readme));
        log(`run times of ${Object.keys(runs).join(", ")} recorded in results/runtimes/last-run.json and README.md`);
      }
    }
  }
  const ownNotebooks = options.notebooks.some((nb) => path.dirname(path.resolve(nb)) === path.join(root, "notebooks"));
  if (options.record && ownNotebooks && results === path.join(root, "results") && fs.existsSync(path.join(root, "README.md"))) {
    updateReadmeHighlights(results, path.join(root, "README.md"));
    log("README.md headline table regenerated from results/");
  }
  const built = buildSite({ reportsDir: outDir, resultsDir: results, notebooksDir: path.join(root, "notebooks") });
  const rel = path.relative(process.cwd(), built.indexPath);
  log(`results site: ${rel && !rel.startsWith("..") ? rel : built.indexPath} (${built.cards.length} notebooks, ${built.pages.length} reports)`);
  return built;
}

/**
 * The suite's time when this run was full: every notebook of notebooks/ ran with its default parameters and ended
 * ok, and the caller gave the wall time; otherwise undefined (the last full run's stays recorded).
 */
function fullSuite(root: string, options: AfterOptions, runs: Record<string, NotebookRuntime>): SuiteRuntime | undefined {
  if (options.wallSeconds === undefined || options.jobs === undefined) return undefined;
  const all = listNotebooks(path.join(root, "notebooks")).map((f) => path.basename(f).replace(/\.ipynb$/i, ""));
  const done = all.map((stem) => runs[stem]);
  if (done.some((r) => r === undefined || r.status !== "ok")) return undefined;
  const last = done.reduce((a, b) => (a!.finished > b!.finished ? a : b))!;
  return {
    seconds: Math.round(options.wallSeconds * 10) / 10, jobs: options.jobs, notebooks: all.length,
    notebookSeconds: Math.round(done.reduce((s, r) => s + r!.seconds, 0) * 10) / 10,
    finished: last.finished, commit: last.commit, machine: last.machine,
  };
}
