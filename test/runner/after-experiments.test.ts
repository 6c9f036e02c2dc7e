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

test("after a full run of every notebook with its wall time, the suite's time is recorded; after a partial one it is kept", () => {
  const dir = tempDir("after-suite-");
  const out = path.join(dir, "reports");
  const saved = process.env.RECSYS_RESULTS_DIR;
  process.env.RECSYS_RESULTS_DIR = path.join(dir, "results");
  try {
    const stems = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.replace(/\.ipynb$/, ""));
    stems.forEach((stem, k) => writeRunRecord(out, record(stem, [], 10 + k)));
    const paths = stems.map((stem) => path.join(ROOT, "notebooks", `${stem}.ipynb`));
    afterExperiments({ outDir: out, notebooks: paths.slice(1), record: true, wallSeconds: 50, jobs: 2, log: () => undefined });
    assert.equal(readRuntimes(path.join(dir, "results")).suite, undefined, "a partial run records no suite time");
    afterExperiments({ outDir: out, notebooks: paths, record: true, wallSeconds: 123.45, jobs: 2, log: () => undefined });
    const suite = readRuntimes(path.join(dir, "results")).suite;
    assert.ok(suite);
    assert.equal(suite.seconds, 123.5);
    assert.equal(suite.jobs, 2);
    assert.equal(suite.notebooks, stems.length);
    assert.equal(suite.notebookSeconds, stems.reduce((s, _, k) => s + 10 + k, 0));
    writeRunRecord(out, { ...record(stems[0], [], 9), status: "failed" as const });
    afterExperiments({ outDir: out, notebooks: paths, record: true, wallSeconds: 60, jobs: 2, log: () => undefined });
    assert.equal(readRuntimes(path.join(dir, "results")).suite?.seconds, 123.5, "a run with a failed notebook keeps the last full run's time");
  } finally {
    if (saved === undefined) delete process.env.RECSYS_RESULTS_DIR;
    else process.env.RECSYS_RESULTS_DIR = saved;
  }
});
