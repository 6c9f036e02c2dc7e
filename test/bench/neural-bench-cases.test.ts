import { before, test } from "node:test";
import assert from "node:assert/strict";
import { benchCase } from "../../src/bench/bench-cases";
import { GENDER_CASES } from "../../src/bench/neural-bench-cases";
import { syntheticSideFeatures, withSyntheticFeatures } from "../../src/bench/synthetic-features";
import { randomSplit } from "../../src/data/splits/random-split";
import { ml1mShape, syntheticRatings } from "../../src/data/synthetic-ratings";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

test("synthetic side features: MovieLens-like demographics and genres, or LibimSeTi's gender; the same seed, the same tables", () => {
  const ml = syntheticSideFeatures("movielens", 50, 30, 3);
  assert.deepEqual(ml.userFeatures.columns.map((c) => c.name), ["gender", "age", "occupation"]);
  assert.equal(ml.userFeatures.rows, 50);
  const genres = ml.itemFeatures!.columns[0];
  assert.ok(genres.kind === "multi-hot");
  if (genres.kind === "multi-hot") {
    assert.equal(genres.labels.length, 18);
    for (let i = 0; i < 30; i++) {
      const count = genres.matrix.subarray(i * 18, (i + 1) * 18).reduce((a, b) => a + b, 0);
      assert.ok(count >= 1 && count <= 3, `item ${i} has ${count} genres`);
    }
  }
  assert.deepEqual(syntheticSideFeatures("movielens", 50, 30, 3), ml);
  const lib = syntheticSideFeatures("libimseti", 40, 20, 3);
  assert.equal(lib.itemFeatures, undefined);
  const gender = lib.userFeatures.columns[0];
  assert.ok(gender.kind === "categorical" && gender.categories.join() === "F,M,U");
  const data = syntheticRatings({ ...ml1mShape, numUsers: 40, numItems: 20, size: 300 });
  assert.equal(withSyntheticFeatures(data, "libimseti", 3).userFeatures!.rows, 40);
});

test("every neural case trains on a tiny shape, fused and straightforward paths to similar validation RMSE", async () => {
  const data = syntheticRatings({ ...ml1mShape, numUsers: 60, numItems: 40, size: 3000 });
  const { train, test: validation } = randomSplit(data, new Rng(1), { testFraction: 0.1 });
  const rmse: Record<string, number> = {};
  for (const id of ["tfjs-mlp-features", "tfjs-mlp-features-graph", "tfjs-hybrid", "tfjs-hybrid-graph", ...GENDER_CASES]) {
    const epochs = await benchCase(id).run(train, validation, 2, new Rng(2));
    assert.equal(epochs.length, 2, id);
    assert.ok(epochs.every((e) => e.ratingsPerSecond > 0 && Number.isFinite(e.validationRmse)), id);
    rmse[id] = epochs[1].validationRmse;
  }
  assert.ok(Math.abs(rmse["tfjs-mlp-features"] - rmse["tfjs-mlp-features-graph"]) < 1e-3, JSON.stringify(rmse));
  assert.ok(Math.abs(rmse["tfjs-hybrid"] - rmse["tfjs-hybrid-graph"]) < 1e-3, JSON.stringify(rmse));
});

test("MF and MLP: the dense-Adam fused cases and their straightforward TF.js-graph cases reach the same validation RMSE", async () => {
  const data = syntheticRatings({ ...ml1mShape, numUsers: 60, numItems: 40, size: 3000 });
  const { train, test: validation } = randomSplit(data, new Rng(1), { testFraction: 0.1 });
  const rmse: Record<string, number> = {};
  for (const id of ["tfjs-mf-dense", "tfjs-mf-graph", "tfjs-mlp-dense", "tfjs-mlp-graph"]) {
    const epochs = await benchCase(id).run(train, validation, 2, new Rng(2));
    assert.equal(epochs.length, 2, id);
    rmse[id] = epochs[1].validationRmse;
  }
  assert.ok(Math.abs(rmse["tfjs-mf-dense"] - rmse["tfjs-mf-graph"]) < 1e-3, JSON.stringify(rmse));
  assert.ok(Math.abs(rmse["tfjs-mlp-dense"] - rmse["tfjs-mlp-graph"]) < 1e-3, JSON.stringify(rmse));
});
