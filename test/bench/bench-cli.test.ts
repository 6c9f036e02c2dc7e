import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/bench/bench-cli";
import { benchRow, secondsToTarget } from "../../src/bench/bench-entry";
import type { BenchCaseReport } from "../../src/bench/run-bench-case";
import { BENCH_END, BENCH_START, benchSectionFromResults, replaceBenchSection } from "../../src/bench/readme-section";
import { randomSplit } from "../../src/data/splits/random-split";
import { ml1mShape, syntheticRatings } from "../../src/data/synthetic-ratings";
import { createGlobalMean } from "../../src/models/global-mean";
import { rmse } from "../../src/metrics/regression-metrics";
import { Rng } from "../../src/random/rng";

/** Validation RMSE of the global mean on the bench's data and split (run-bench-case.ts) for `shape`, seed 1. */
async function globalMeanRmse(numUsers: number, numItems: number, size: number): Promise<number> {
  const ratings = syntheticRatings({ ...ml1mShape, seed: 1, numUsers, numItems, size });
  const { train, test } = randomSplit(ratings, new Rng(1).fork(), { testFraction: 0.05 });
  const m = createGlobalMean();
  await m.fit(train, { rng: new Rng(1) });
  return rmse(m.predict(test.users, test.items), test.values);
}

test("replaceBenchSection rewrites only the text between the markers", () => {
  const readme = `# T\n\nintro\n${BENCH_START}\nold table\n${BENCH_END}\n\nrest\n`;
  assert.equal(replaceBenchSection(readme, "new table\n", "R"), `# T\n\nintro\n${BENCH_START}\nnew table\n${BENCH_END}\n\nrest\n`);
  assert.throws(() => replaceBenchSection("# T\n", "x", "README.md"), /README.md: the markers .* are missing/);
});

test("benchSectionFromResults renders every recorded suite, the ml-1m shape first, and names a missing file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-section-"));
  try {
    assert.throws(() => benchSectionFromResults(dir), /bench\.json: no recorded benchmark/);
    const entry = (name: string, speed: number) => ({
      notebook: "bench", title: `Training speed: ${name}`, dataset: { name, ratings: 10, users: 2, items: 3 }, protocol: "p", seed: 1,
      parameters: {}, rows: [{ model: "M", metrics: { mratings_per_s: speed } }],
      environment: { backend: "b", tfjs: "t", node: "n", cpu: "c", os: "o", commit: "abc" }, finishedAt: "2026-12-07T00:00:00.000Z", totalSeconds: 1,
    });
    // Stored LibimSeTi first, as recordResult leaves them after a LibimSeTi run.
    const entries = { "synthetic, LibimSeTi shape | p": entry("synthetic, LibimSeTi shape", 0.25), "synthetic, ml-1m shape | p": entry("synthetic, ml-1m shape", 4.5) };
    fs.writeFileSync(path.join(dir, "bench.json"), JSON.stringify({ notebook: "bench", entries }));
    const section = benchSectionFromResults(dir);
    const ml1m = section.indexOf("synthetic, ml-1m shape");
    const libimseti = section.indexOf("synthetic, LibimSeTi shape");
    assert.ok(ml1m >= 0 && libimseti > ml1m, "both suites, ml-1m shape first");
    assert.match(section, /\|M\|4\.50?\|/);
    assert.match(section, /\|M\|0\.25\|/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("secondsToTarget adds epoch times up to the first epoch at or below the target", () => {
  const epochs = [1.2, 0.95, 0.9].map((rmse, k) => ({ seconds: k + 1, ratingsPerSecond: 1, validationRmse: rmse }));
  assert.equal(secondsToTarget(epochs, 0.95), 3);
  assert.equal(secondsToTarget(epochs, 0.8), undefined);
});

test("benchRow reports the median speed and its ratio to the reference loop", () => {
  const report: BenchCaseReport = {
    caseId: "x", label: "X", dataset: { name: "d", ratings: 10, users: 2, items: 3 }, dataSeconds: 0,
    epochs: [3e6, 1e6, 2e6].map((r) => ({ seconds: 1, ratingsPerSecond: r, validationRmse: 1 })),
    referenceRatingsPerSecond: 4e6, backend: "none", tfjs: "", peakMb: 100,
  };
  const row = benchRow(report, 1);
  assert.equal(row.metrics.mratings_per_s, 1.5, "median of epochs 2 and 3 (the first warms up the JIT)");
  assert.equal(row.metrics.x_reference, 0.375);
  assert.equal(row.metrics.s_to_target, 1);
});

test("npm run bench runs cases in child processes and records a table (tiny synthetic shape)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const saved = process.env.RECSYS_RESULTS_DIR;
  process.env.RECSYS_RESULTS_DIR = dir;
  try {
    // The target is the constant predictor's validation RMSE (1.111 here): only a model that learned reaches it.
    const target = await globalMeanRmse(60, 40, 3000);
    assert.ok(target > 1.05 && target < 1.2, `global-mean RMSE ${target}`);
    await main(["--suite", "ml-1m", "--shape", "60,40,3000", "--epochs", "2", "--cases", "reference-sgd,sgd-mf,tfjs-mf", "--target", String(target)]);
    const results = JSON.parse(fs.readFileSync(path.join(dir, "bench.json"), "utf8"));
    const entry = Object.values(results.entries)[0] as { rows: { model: string; metrics: Record<string, number> }[] };
    assert.equal(entry.rows.length, 3);
    for (const row of entry.rows) {
      assert.ok(row.metrics.mratings_per_s > 0, row.model);
      assert.ok(row.metrics.peak_mb > 10, row.model);
      assert.ok(row.metrics.val_rmse < target, `${row.model}: validation RMSE ${row.metrics.val_rmse} should beat the global mean's ${target}`);
      assert.ok(row.metrics.s_to_target > 0, `${row.model} reaches the global mean's RMSE within 2 epochs`);
    }
    assert.match(fs.readFileSync(path.join(dir, "README.md"), "utf8"), /## bench[\s\S]*M ratings\/s/);
    await assert.rejects(main(["--cases", "nope"]), /unknown case "nope"/);
    await assert.rejects(main(["--epochs", "0"]), /--epochs must be an integer >= 1/);
  } finally {
    if (saved === undefined) delete process.env.RECSYS_RESULTS_DIR;
    else process.env.RECSYS_RESULTS_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an implicit-feedback case runs in a child process and its row has a speed but no validation RMSE", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const saved = process.env.RECSYS_RESULTS_DIR;
  process.env.RECSYS_RESULTS_DIR = dir;
  try {
    await main(["--suite", "ml-1m", "--shape", "60,300,1500", "--epochs", "2", "--cases", "bpr-mf"]);
    const results = JSON.parse(fs.readFileSync(path.join(dir, "bench.json"), "utf8"));
    const entry = Object.values(results.entries)[0] as { rows: { model: string; metrics: Record<string, number> }[] };
    assert.equal(entry.rows.length, 1);
    assert.ok(entry.rows[0].metrics.mratings_per_s > 0);
    assert.equal("val_rmse" in entry.rows[0].metrics, false);
  } finally {
    if (saved === undefined) delete process.env.RECSYS_RESULTS_DIR;
    else process.env.RECSYS_RESULTS_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
