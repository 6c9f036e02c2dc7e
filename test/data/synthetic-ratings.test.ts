import { test } from "node:test";
import assert from "node:assert/strict";
import { ml1mShape, libimsetiShape, syntheticRatings } from "../../src/data/synthetic-ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createSgdMf } from "../../src/models/sgd-mf";
import { rmse } from "../../src/metrics/regression-metrics";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

test("synthetic ratings have the requested shape, stay on the scale and repeat under a seed", () => {
  const o = { ...ml1mShape, numUsers: 50, numItems: 40, size: 5000 };
  const a = syntheticRatings(o);
  assert.equal(a.size, 5000);
  assert.equal(a.userIds.length, 50);
  assert.ok(a.users.every((u) => u >= 0 && u < 50) && a.items.every((i) => i >= 0 && i < 40));
  assert.ok(a.values.every((v) => v >= 1 && v <= 5));
  assert.deepEqual(syntheticRatings(o).values, a.values);
  assert.notDeepEqual(syntheticRatings({ ...o, seed: 2 }).values, a.values);
  // the long tail: the first tenth of the users hold far more than a tenth of the ratings (skew 2: about 32%)
  const head = a.users.filter((u) => u < 5).length / a.size;
  assert.ok(head > 0.25, `${head}`);
  assert.equal(libimsetiShape.size, 17359346);
  assert.throws(() => syntheticRatings({ ...o, rank: 0 }), /rank must be an integer >= 1/);
});

test("the planted factors are learnable: MF beats the bias baseline and approaches the noise level", async () => {
  const r = syntheticRatings({ ...ml1mShape, numUsers: 300, numItems: 200, size: 40000, noise: 0.3, skew: 1 });
  const { train, test: held } = randomSplit(r, new Rng(1), { testFraction: 0.1 });
  const bias = createBiasBaseline();
  await bias.fit(train, { rng: new Rng(2), progress: silentProgress });
  const mf = createSgdMf({ dim: 16, epochs: 60, patience: 0, regFactors: 0.02 });
  await mf.fit(train, { rng: new Rng(2), progress: silentProgress });
  const biasRmse = rmse(held.values, bias.predict(held.users, held.items));
  const mfRmse = rmse(held.values, mf.predict(held.users, held.items));
  assert.ok(mfRmse < 0.8 * biasRmse, `MF ${mfRmse} vs bias ${biasRmse}`);
  assert.ok(mfRmse < 0.5, `MF ${mfRmse}`);
});
