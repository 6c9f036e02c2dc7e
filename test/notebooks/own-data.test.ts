/**
 * The reader's own data through the notebooks (issue 10, "Done when"): a wide-layout file with a missing-value
 * sentinel on a -10..10 scale (through its descriptor) and a tab-separated play-count log with a header, string
 * ids and no timestamps (the bare file, sniffed), each run through collaborative-filtering, matrix-factorization,
 * logistic-mf and ranking with `DATASET=<file>` only and the smoke tier's tiny parameters (and the wide file with
 * side features through mlp). Each either runs or stops with an error naming the parameter to set; which one is
 * asserted.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runNotebook, type RunResult } from "../../src/runner/run-notebook";
import { smokeParameters } from "./smoke-parameters";
import { writeOwnDataFiles } from "../helpers/own-data-files";

const repo = path.resolve(__dirname, "..", "..");
const files = writeOwnDataFiles();

/** Outputs of every executed cell as one text. */
function outputText(result: RunResult): string {
  return result.notebook.cells
    .flatMap((c) => (c.cell_type === "code" ? c.outputs ?? [] : []))
    .map((o) => JSON.stringify(o))
    .join("\n");
}

async function run(notebook: string, dataset: string): Promise<RunResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "own-data-run-"));
  const tiny = { ...smokeParameters[notebook] };
  delete tiny.DATA_DIR;
  return runNotebook(path.join(repo, "notebooks", notebook), {
    params: { ...tiny, DATASET: dataset },
    outDir: path.join(scratch, "reports"),
    env: { RECSYS_RESULTS_DIR: path.join(scratch, "results") },
    quiet: true,
  });
}

/** What each run must do: "runs" (and print `notes`), or stop with an error matching `error`. */
interface Expected {
  runs: boolean;
  notes?: RegExp[];
  error?: RegExp;
}

const sniffed = /read .*plays\.tsv with delimiter '\\\\t' \(tab\), a header, columns user=\\"user_id\\" item=\\"artist\\" count=\\"plays\\"/;
const explicitOnly = /plays\.tsv holds implicit counts .* set DATASET to a ratings file or descriptor/;
const noTimestamps = /has no timestamps: holding out one random interaction per user \(seeded\)/;
const cases: [string, string, string, Expected][] = [
  ["wide layout, sentinel 99, -10..10 (descriptor)", files.wideDescriptor, "collaborative-filtering.ipynb", { runs: true }],
  ["wide layout, sentinel 99, -10..10 (descriptor)", files.wideDescriptor, "matrix-factorization.ipynb", { runs: true }],
  ["wide layout, sentinel 99, -10..10 (descriptor)", files.wideDescriptor, "ranking.ipynb", { runs: true, notes: [noTimestamps] }],
  // Weighting interactions by rating (confidence 1 + ALPHA x rating) is undefined for negative ratings.
  ["wide layout, sentinel 99, -10..10 (descriptor)", files.wideDescriptor, "logistic-mf.ipynb", { runs: false, error: /weights need values >= 0 .*another DATASET/ }],
  // Counts are not ratings: the rating notebooks refuse them, naming DATASET.
  ["play-count log, no timestamps (bare .tsv)", files.playsTsv, "collaborative-filtering.ipynb", { runs: false, notes: [sniffed], error: explicitOnly }],
  ["play-count log, no timestamps (bare .tsv)", files.playsTsv, "matrix-factorization.ipynb", { runs: false, error: explicitOnly }],
  ["play-count log, no timestamps (bare .tsv)", files.playsTsv, "logistic-mf.ipynb", { runs: true, notes: [noTimestamps, /confidences span .* orders of magnitude/] }],
  ["play-count log, no timestamps (bare .tsv)", files.playsTsv, "ranking.ipynb", { runs: true, notes: [noTimestamps] }],
  ["wide layout with user and item side features (descriptor)", files.featuresDescriptor, "mlp.ipynb", { runs: true, notes: [/group.*categorical/, /tags.*multi-hot/] }],
];

describe("own data through four notebooks, DATASET only", () => {
  for (const [what, dataset, notebook, expected] of cases) {
    test(`${notebook}: ${what}`, async () => {
      const result = await run(notebook, dataset);
      for (const note of expected.notes ?? []) assert.match(outputText(result), note);
      if (expected.runs) {
        assert.equal(result.failureLine, null);
        assert.ok(result.ok);
      } else {
        assert.ok(!result.ok, "the run stops");
        assert.match(result.failureLine ?? "", expected.error!);
      }
    });
  }
});
