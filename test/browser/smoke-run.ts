/**
 * Runs every notebook with the tiny smoke parameters (test/notebooks/smoke-parameters.ts) into a scratch folder,
 * results recorded in a scratch results folder (RECSYS_RESULTS_DIR), so the browser test has real reports, executed
 * notebooks, run records and results to build the site from. Also a script: `tsx test/browser/smoke-run.ts <dir>`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebook } from "../../src/runner/run-notebook";
import { readNotebook } from "../../src/runner/nbformat";
import { findParametersCell } from "../../src/runner/parameters";
import { smokeParameters, TINY_LIBIMSETI } from "../notebooks/smoke-parameters";
import { writeTinyLibimseti } from "../helpers/tiny-libimseti";

/** Where a smoke run wrote its files. */
export interface SmokeRun {
  reportsDir: string;
  resultsDir: string;
  /** Notebook file names that failed. */
  failed: string[];
}

const repo = path.resolve(__dirname, "..", "..");

/**
 * Runs every notebook of notebooks/ with its smoke parameters (plus RECORD_RESULTS = true where the notebook has
 * it) into `<dir>/reports`, recording results into `<dir>/results`.
 */
export async function smokeRun(dir: string, log: (line: string) => void = () => undefined): Promise<SmokeRun> {
  const reportsDir = path.join(dir, "reports");
  const resultsDir = path.join(dir, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const tinyDir = writeTinyLibimseti();
  const failed: string[] = [];
  const notebooks = fs.readdirSync(path.join(repo, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
  for (const nb of notebooks) {
    const file = path.join(repo, "notebooks", nb);
    const declared = findParametersCell(readNotebook(file), nb).params.map((p) => p.name);
    const params: Record<string, string | number | boolean | number[]> = {};
    for (const [k, v] of Object.entries(smokeParameters[nb] ?? {})) params[k] = v === TINY_LIBIMSETI ? tinyDir : v;
    if (declared.includes("RECORD_RESULTS")) params.RECORD_RESULTS = true;
    const started = Date.now();
    const result = await runNotebook(file, { params: params, outDir: reportsDir, env: { RECSYS_RESULTS_DIR: resultsDir }, quiet: true });
    log(`${result.ok ? "ok" : "FAILED"} ${nb} ${((Date.now() - started) / 1000).toFixed(1)} s${result.failureLine ? `: ${result.failureLine}` : ""}`);
    if (!result.ok) failed.push(nb);
  }
  fs.rmSync(tinyDir, { recursive: true, force: true });
  return { reportsDir, resultsDir, failed };
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? ".scratch/smoke-site");
  smokeRun(dir, (line) => console.log(line)).then((r) => {
    console.log(`reports in ${r.reportsDir}, results in ${r.resultsDir}`);
    process.exitCode = r.failed.length ? 1 : 0;
  });
}
