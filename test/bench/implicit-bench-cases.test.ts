import { before, test } from "node:test";
import assert from "node:assert/strict";
import { benchCase, benchCases } from "../../src/bench/bench-cases";
import { benchRow } from "../../src/bench/bench-entry";
import { implicitBenchCases } from "../../src/bench/implicit-bench-cases";
import type { BenchCaseReport } from "../../src/bench/run-bench-case";
import { randomSplit } from "../../src/data/splits/random-split";
import { ml1mShape, syntheticRatings } from "../../src/data/synthetic-ratings";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

const data = syntheticRatings({ ...ml1mShape, numUsers: 60, numItems: 300, size: 1500 });
const { train, test: validation } = randomSplit(data, new Rng(1), { testFraction: 0.1 });

test("the implicit and k-NN cases are part of npm run bench, with unique ids", () => {
  const ids = benchCases.map((c) => c.id);
  for (const c of implicitBenchCases) assert.ok(ids.includes(c.id), c.id);
  assert.equal(new Set(ids).size, ids.length);
});

test("every implicit-feedback case trains the asked epochs on a tiny shape, at positive speed, without a validation RMSE", async () => {
  for (const id of ["bpr-mf", "logistic-mf", "sampled-logistic-mf", "gmf", "gmf-graph", "neumf", "neumf-graph"]) {
    const epochs = await benchCase(id).run(train, validation, 2, new Rng(2));
    assert.equal(epochs.length, 2, id);
    assert.ok(epochs.every((e) => e.seconds > 0 && e.ratingsPerSecond > 0 && Number.isNaN(e.validationRmse)), `${id}: ${JSON.stringify(epochs)}`);
  }
});

test("the k-NN cases are one fit with the validation RMSE of its predictions, whatever the epochs asked", async () => {
  for (const id of ["knn-user", "knn-item-pearson-baseline"]) {
    const epochs = await benchCase(id).run(train, validation, 5, new Rng(2));
    assert.equal(epochs.length, 1, id);
    // synthetic ratings on a 1-5 scale: a k-NN model beats the scale's width by far
    assert.ok(epochs[0].validationRmse > 0 && epochs[0].validationRmse < 2, `${id}: ${epochs[0].validationRmse}`);
  }
});

test("benchRow leaves out val_rmse when a case reports none", () => {
  const report: BenchCaseReport = {
    caseId: "x", label: "X", dataset: { name: "d", ratings: 10, users: 2, items: 3 }, dataSeconds: 0,
    epochs: [1e6, 2e6].map((r) => ({ seconds: 1, ratingsPerSecond: r, validationRmse: NaN })),
    referenceRatingsPerSecond: 4e6, backend: "none", tfjs: "", peakMb: 100,
  };
  const row = benchRow(report, 1);
  assert.equal("val_rmse" in row.metrics, false);
  assert.equal(row.metrics.mratings_per_s, 2);
});
