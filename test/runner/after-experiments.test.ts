import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { readRuntimes } from "../../src/report/site/runtimes";
import { afterExperiments } from "../../src/runner/after-experiments";
import { writeRunRecord, type RunRecord } from "../../src/runner/run-record";
import { ROOT, tempDir } from "./helpers";

function record(notebook: string, overridden: string[], seconds: number): RunRecord {
  return {
    notebook, source: `notebooks/${notebook}.ipynb`, status: "ok", failure: null, started: "2026-01-01T00:00:00Z", finished: "2026-01-01T00:01:00Z",
    seconds, startupSeconds: 1, parameters: {}, overridden, machine: { cpu: "2 x CPU", os: "Linux", node: "v20" },
  };
}

test("after a run: run times of default-parameter runs of the project's notebooks recorded, the site built, README untouched", () => {
  const dir = tempDir("after-");
  const out = path.join(dir, "reports");
  const saved = process.env.RECSYS_RESULTS_DIR;
  process.env.RECSYS_RESULTS_DIR = path.join(dir, "results");
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const lines: string[] = [];
  try {
    writeRunRecord(out, record("mlp", [], 61));
    writeRunRecord(out, record("hybrid", ["EPOCHS"], 5));
    writeRunRecord(out, record("basic", [], 2));
    const built = afterExperiments({
      outDir: out,
      notebooks: [path.join(ROOT, "notebooks", "mlp.ipynb"), path.join(ROOT, "notebooks", "hybrid.ipynb"), path.join(ROOT, "test", "runner", "fixtures", "basic.ipynb")],
      record: true,
      log: (line) => lines.push(line),
    });
    assert.deepEqual(Object.keys(readRuntimes(path.join(dir, "results")).notebooks), ["mlp"], "overridden runs and fixtures are not recorded");
    assert.equal(readRuntimes(path.join(dir, "results")).notebooks.mlp.seconds, 61);
    assert.ok(built && fs.existsSync(built.indexPath));
    assert.match(lines.join("\n"), /results site: .*index\.html/);
    assert.equal(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"), readme, "README changes only when results go to results/");
    const none = afterExperiments({ outDir: path.join(dir, "other"), notebooks: [path.join(ROOT, "notebooks", "mlp.ipynb")], record: false, log: () => undefined });
    assert.ok(none && fs.existsSync(none.indexPath));
  } finally {
    if (saved === undefined) delete process.env.RECSYS_RESULTS_DIR;
    else process.env.RECSYS_RESULTS_DIR = saved;
  }
});
