import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readAllResults, recordResult } from "../../src/report/results-store";
import type { ResultEntry } from "../../src/report/result-entry";
import { comparisonMarkdown } from "../../src/report/results-table";

function entry(dataset: string, rmse: number): ResultEntry {
  return {
    notebook: "matrix-factorization",
    title: "MF",
    dataset: { name: dataset, ratings: 100, users: 10, items: 20 },
    protocol: "random 80/20 split",
    seed: 1,
    parameters: { DIM: 8 },
    rows: [
      { model: "Biased MF", metrics: { rmse, mae: 0.7 }, anchors: { rmse: { value: 0.934, source: "Surprise (SVD)" } }, epochs: 12, trainSeconds: 1.25 },
      { model: "Bias baseline", metrics: { rmse: 0.95, mae: 0.75 }, trainSeconds: 0.01 },
    ],
    environment: { backend: "wasm (SIMD)", tfjs: "4.22.0", node: "v20", cpu: "2 x test", os: "Linux", commit: "abc" },
    finishedAt: "2026-01-01T00:00:00.000Z",
    totalSeconds: 3,
  };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "results-"));

test("recording writes the JSON entry and a README table with the anchor beside our number", () => {
  const dir = tmp();
  recordResult(entry("ml-100k", 0.91234), dir);
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
  assert.match(readme, /\|Biased MF\|0\.9123\|0\.934 \[1\]\|/);
  assert.match(readme, /\[1\] Surprise \(SVD\)/);
  assert.match(readme, /seed 1/);
  assert.match(readme, /TF\.js 4\.22\.0 wasm \(SIMD\)/);
  assert.equal(readAllResults(dir)[0].entries["ml-100k | random 80/20 split"].rows[0].metrics.rmse, 0.91234);
});

test("a rerun replaces its own entry and keeps the other data sets'", () => {
  const dir = tmp();
  recordResult(entry("ml-100k", 0.92), dir);
  recordResult(entry("ml-latest-small", 0.85), dir);
  recordResult(entry("ml-100k", 0.91), dir);
  const entries = readAllResults(dir)[0].entries;
  assert.deepEqual(Object.keys(entries), ["ml-100k | random 80/20 split", "ml-latest-small | random 80/20 split"]);
  assert.equal(entries["ml-100k | random 80/20 split"].rows[0].metrics.rmse, 0.91);
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")).length, 0, "no temporary files left");
});

test("a corrupt results file is named in the error and left untouched", () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "matrix-factorization.json"), "{ not json");
  assert.throws(() => recordResult(entry("ml-100k", 0.9), dir), /matrix-factorization\.json is not a valid results file/);
  assert.equal(fs.readFileSync(path.join(dir, "matrix-factorization.json"), "utf8"), "{ not json");
});

test("the comparison table leaves anchor cells empty where nothing is published", () => {
  const md = comparisonMarkdown(entry("ml-100k", 0.9));
  assert.match(md, /\|Bias baseline\|0\.9500\|\|0\.7500\|\|0\.0\|/, "no published MAE column: nothing publishes MAE here");
});
