/**
 * The talk's experiment path end to end (issue 14): the hybrid notebook with PRESET=talk on a small folder written by
 * the synthetic LibimSeTi generator, through the runner, recording into a scratch RECSYS_RESULTS_DIR. The entry must
 * be labelled synthetic and carry the talk's published numbers as the reference for the real data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runNotebook } from "../../src/runner/run-notebook";
import { readAllResults } from "../../src/report/results-store";
import { writeSyntheticLibimseti } from "../../src/data/synthetic-libimseti";

const repo = path.resolve(__dirname, "..", "..");

test("hybrid notebook, PRESET=talk, on synthetic LibimSeTi-format data: recorded as libimseti-synthetic beside the talk's numbers", async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "libimseti-talk-"));
  try {
    const data = writeSyntheticLibimseti(path.join(scratch, "data"), { scale: 0.002, seed: 2 });
    const result = await runNotebook(path.join(repo, "notebooks", "hybrid.ipynb"), {
      params: { DATASET: "libimseti", DATA_DIR: data.dir, PRESET: "talk", EPOCHS: 1, BUILD_EPOCHS: 1, BUILD_MAX_RATINGS: 3000 },
      outDir: path.join(scratch, "reports"),
      env: { RECSYS_RESULTS_DIR: path.join(scratch, "results") },
      quiet: true,
    });
    assert.equal(result.failureLine, null);
    const entries = readAllResults(path.join(scratch, "results")).flatMap((r) => Object.values(r.entries));
    assert.equal(entries.length, 1);
    const entry = entries[0];
    assert.equal(entry.dataset.name, "libimseti-synthetic");
    assert.deepEqual([entry.dataset.ratings, entry.dataset.users, entry.dataset.items], [data.ratings, data.users, data.profiles]);
    assert.equal(entry.parameters.PRESET, "talk");
    assert.equal(entry.parameters.PATIENCE, 1, "PATIENCE -1 resolves to the talk preset's patience");
    assert.deepEqual(entry.rows.map((r) => r.model), ["Bias baseline", "Biased MF", "MLP + features", "MF + MLP + features (pretrained MF+MLP)"], "the talk preset trains the hybrid only from the fitted parts");
    assert.match(entry.protocol, /^5 held-out ratings per user/);
    const row = (model: string) => {
      const r = entry.rows.find((x) => x.model === model);
      assert.ok(r, `row ${model} in ${entry.rows.map((x) => x.model).join(", ")}`);
      return r;
    };
    const published: [string, number, number][] = [["Biased MF", 2.137, 1.552], ["MLP + features", 2.112, 1.541], ["MF + MLP + features (pretrained MF+MLP)", 2.071, 1.432]];
    for (const [model, rmse, mae] of published) {
      const r = row(model);
      assert.ok(Number.isFinite(r.metrics.rmse) && r.metrics.rmse > 0 && r.metrics.rmse < 4, `${model} RMSE ${r.metrics.rmse}`);
      assert.equal(r.anchors?.rmse?.value, rmse);
      assert.equal(r.anchors?.mae?.value, mae);
      assert.match(r.anchors?.rmse?.source ?? "", /LibimSeTi.*synthetic/);
    }
    // the talk's sizes were used: a 4-layer [256, 128, 64, 32] tower
    assert.deepEqual((row("MLP + features").config as { layers: number[] }).layers, [256, 128, 64, 32]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
