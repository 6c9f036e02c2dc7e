/**
 * Runs the shared-data experiments (scripts/shared-experiments.ts) through the notebook runner, recording their
 * results in results/ and their reports in reports/. Needs ../shared/data (see data/README.md).
 */
import * as path from "node:path";
import { updateReadmeHighlights } from "../src/report/readme-highlights";
import { repoRoot } from "../src/repo-root";
import { runNotebook } from "../src/runner/run-notebook";
import { sharedExperiments } from "./shared-experiments";

async function main(): Promise<void> {
  let failed = 0;
  for (const x of sharedExperiments) {
    const r = await runNotebook(x.notebook, { params: x.params, timeoutSeconds: 3600, record: true });
    console.log(`${r.ok ? "ok     " : "FAILED "} ${x.notebook} ${JSON.stringify(x.params)} ${r.seconds.toFixed(1)} s${r.failureLine ? `: ${r.failureLine}` : ""}`);
    if (!r.ok) failed++;
  }
  updateReadmeHighlights(path.join(repoRoot(), "results"), path.join(repoRoot(), "README.md"));
  process.exit(failed ? 1 : 0);
}

void main();
