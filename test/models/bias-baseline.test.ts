import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createGlobalMean } from "../../src/models/global-mean";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

const tiny: Ratings = {
  indexId: "bias-baseline", name: "tiny",
  users: Int32Array.from([0, 0, 1, 1]),
  items: Int32Array.from([0, 1, 0, 1]),
  values: Float32Array.from([5, 3, 3, 1]),
  userIds: ["a", "b", "c"],
  itemIds: ["x", "y", "z"],
  numUsers: 3,
  numItems: 3,
  size: 4,
  scale: { min: 1, max: 5 },
};

test("one ALS pass without shrinkage gives the hand-computed biases", async () => {
  // mu = 3. Items first with b_u = 0: b_x = ((5-3)+(3-3))/2 = 1, b_y = ((3-3)+(1-3))/2 = -1.
  // Users: b_a = ((5-3-1)+(3-3+1))/2 = 1, b_b = ((3-3-1)+(1-3+1))/2 = -1.
  const m = createBiasBaseline({ regUser: 0, regItem: 0, iterations: 1 });
  await m.fit(tiny, { rng: new Rng(1), progress: silentProgress });
  const p = m.predict(Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 1, 0, 1]));
  assert.deepEqual([...p], [5, 3, 3, 1]);
});

test("shrinkage pulls biases toward zero: reg_i = 2 halves item x's bias", async () => {
  // b_x = 2 / (2 + 2) = 0.5 with reg_i = 2; users unregularised and unchanged at iteration 1:
  // b_a = ((5-3-0.5) + (3-3+0.5)) / 2 = 1 -> prediction for (a, x) = 3 + 1 + 0.5 = 4.5
  const m = createBiasBaseline({ regUser: 0, regItem: 2, iterations: 1 });
  await m.fit(tiny, { rng: new Rng(1), progress: silentProgress });
  assert.equal(m.predict(Int32Array.from([0]), Int32Array.from([0]))[0], 4.5);
});

test("unseen users and items fall back to the known side; predictions are clipped to the scale", async () => {
  const m = createBiasBaseline({ regUser: 0, regItem: 0, iterations: 1 });
  await m.fit(tiny, { rng: new Rng(1), progress: silentProgress });
  // user c and item z have no ratings: (c, x) = 3 + 0 + 1 = 4; (c, z) = 3
  assert.deepEqual([...m.predict(Int32Array.from([2, 2]), Int32Array.from([0, 2]))], [4, 3]);
  const g = createGlobalMean();
  await g.fit(tiny, { rng: new Rng(1), progress: silentProgress });
  assert.deepEqual([...g.predict(Int32Array.from([2]), Int32Array.from([2]))], [3]);
});

test("bad configuration names the field", () => {
  assert.throws(() => createBiasBaseline({ regUser: -1 }), /BiasBaselineConfig\.regUser/);
  assert.throws(() => createBiasBaseline({ iterations: 0 }), /BiasBaselineConfig\.iterations/);
});
