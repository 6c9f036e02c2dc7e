/**
 * Functional check: reruns each shared-data experiment (e.g. the MF notebook on ml-100k from ../shared/data)
 * into a scratch results folder and compares its metrics with the committed results/ within a tolerance.
 * Prints one line per comparison and a closing "N passed, N failed" line; exits non-zero on any failure.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readAllResults } from "../src/report/results-store";
import type { ResultEntry } from "../src/report/result-entry";
import { runNotebook } from "../src/runner/run-notebook";
import { sharedExperiments, type SharedExperiment } from "./shared-experiments";

function findEntry(dir: string, x: SharedExperiment): ResultEntry | undefined {
  const stem = path.basename(x.notebook, ".ipynb");
  const file = readAllResults(dir).find((f) => f.notebook === stem);
  return file ? Object.values(file.entries).find((e) => e.dataset.name === x.dataset && e.protocol === x.protocol) : undefined;
}

async function main(): Promise<void> {
  const committed = path.resolve(__dirname, "..", "results");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "recsys-functional-"));
  let passed = 0;
  let failed = 0;
  for (const x of sharedExperiments.filter((e) => e.functional)) {
    const expected = findEntry(committed, x);
    if (!expected) {
      console.log(`FAIL ${x.notebook} on ${x.dataset}: no committed result; run npm run experiments:shared`);
      failed++;
      continue;
    }
    const run = await runNotebook(x.notebook, { params: x.params, outDir: path.join(scratch, "reports"), env: { RECSYS_RESULTS_DIR: scratch } });
    const got = run.ok ? findEntry(scratch, x) : undefined;
    for (const c of x.compare) {
      const want = expected.rows.find((r) => r.model === c.model)?.metrics[c.metric];
      const have = got?.rows.find((r) => r.model === c.model)?.metrics[c.metric];
      const ok = want !== undefined && have !== undefined && Math.abs(have - want) <= c.tolerance;
      console.log(`${ok ? "ok  " : "FAIL"} ${x.notebook} ${x.dataset} ${c.model} ${c.metric}: ${have?.toFixed(4) ?? (run.failureLine ?? "missing")} vs committed ${want?.toFixed(4) ?? "missing"} (tolerance ${c.tolerance})`);
      if (ok) passed++;
      else failed++;
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
