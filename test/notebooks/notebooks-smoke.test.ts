import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findCellsWithOutputs } from "../../src/runner/notebook-builder";
import { readNotebook, sourceText } from "../../src/runner/nbformat";
import { runNotebook } from "../../src/runner/run-notebook";
import { readAllResults } from "../../src/report/results-store";
import { smokeParameters, TINY_LIBIMSETI } from "./smoke-parameters";
import { writeTinyLibimseti } from "../helpers/tiny-libimseti";

const repo = path.resolve(__dirname, "..", "..");
const tinyDir = writeTinyLibimseti();
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
      const params = Object.fromEntries(Object.entries(smokeParameters[nb]).map(([k, v]) => [k, v === TINY_LIBIMSETI ? tinyDir : v]));
      const result = await runNotebook(file, {
        params: params,
        outDir: path.join(scratch, "reports"),
        env: { RECSYS_RESULTS_DIR: path.join(scratch, "results") },
        quiet: true,
      });
      assert.equal(result.failureLine, null);
      assert.ok(result.ok);
      assert.ok(fs.existsSync(result.htmlPath), "an HTML report was written");
      const html = fs.readFileSync(result.htmlPath, "utf8");
      const code = source.cells.filter((c) => c.cell_type === "code").map((c) => sourceText(c.source)).join("\n");
      if (code.includes("showChart(")) {
        assert.match(html, /Plotly\.newPlot\(/, "the chart is in the report");
        assert.match(html, /<script src="assets\/plotly\.min\.js"><\/script>/, "the report loads the shared Plotly bundle");
        assert.doesNotMatch(html, /<script>[^<]{100000,}/, "the bundle is not inlined into the report");
      }
      if (smokeParameters[nb].RECORD_RESULTS) {
        const results = readAllResults(path.join(scratch, "results"));
        assert.ok(results.length > 0, "the notebook recorded results in RECSYS_RESULTS_DIR, not in results/");
        for (const entry of results.flatMap((r) => Object.values(r.entries))) {
          for (const row of entry.rows) {
            for (const [metric, value] of Object.entries(row.metrics)) assert.ok(Number.isFinite(value), `${row.model} ${metric} is ${value}`);
          }
        }
      }
    });
  }
});
