import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findCellsWithOutputs } from "../../src/runner/notebook-builder";
import { readNotebook } from "../../src/runner/nbformat";
import { runNotebook } from "../../src/runner/run-notebook";
import { readAllResults } from "../../src/report/results-store";
import { smokeParameters } from "./smoke-parameters";

const repo = path.resolve(__dirname, "..", "..");
const notebooks = fs.readdirSync(path.join(repo, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

test("there are notebooks, each with smoke parameters", () => {
  assert.ok(notebooks.length > 0);
  for (const nb of notebooks) assert.ok(smokeParameters[nb], `add ${nb} to test/notebooks/smoke-parameters.ts`);
});

describe("every notebook runs end to end with tiny parameters", () => {
  for (const nb of notebooks) {
    test(nb, async () => {
      const file = path.join(repo, "notebooks", nb);
      const source = readNotebook(file);
      assert.deepEqual(findCellsWithOutputs(source), [], "committed notebooks carry no outputs");
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-"));
      const result = await runNotebook(file, {
        params: smokeParameters[nb],
        outDir: path.join(scratch, "reports"),
        env: { RECSYS_RESULTS_DIR: path.join(scratch, "results") },
        quiet: true,
      });
      assert.equal(result.failureLine, null);
      assert.ok(result.ok);
      assert.ok(fs.existsSync(result.htmlPath), "an HTML report was written");
      const html = fs.readFileSync(result.htmlPath, "utf8");
      if (html.includes("Plotly.newPlot")) assert.match(html, /<script src="assets\/plotly\.min\.js"><\/script>/);
      if (smokeParameters[nb].RECORD_RESULTS) {
        const results = readAllResults(path.join(scratch, "results"));
        assert.ok(results.length > 0, "the notebook recorded results in RECSYS_RESULTS_DIR, not in results/");
      }
    });
  }
});
