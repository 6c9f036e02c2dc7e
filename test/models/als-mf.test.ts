import { test } from "node:test";
import assert from "node:assert/strict";
import { ratingsByUser } from "../../src/data/rating-matrix";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { alsMfPresets, createAlsMf } from "../../src/models/als-mf";
import { alsHalfStep } from "../../src/models/factorization/als-half-step";
import { choleskySolveInPlace } from "../../src/models/factorization/cholesky";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

/** A fully observed matrix of `rows` x `cols` with entries value(u, i). */
function fullMatrix(rows: number, cols: number, value: (u: number, i: number) => number): Ratings {
  const users: number[] = [], items: number[] = [], values: number[] = [];
  for (let u = 0; u < rows; u++) for (let i = 0; i < cols; i++) { users.push(u); items.push(i); values.push(value(u, i)); }
  return {
    indexId: "als-mf", name: "full",
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
    userIds: Array.from({ length: rows }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: cols }, (_, i) => `i${i}`),
    numUsers: rows,
    numItems: cols,
    size: values.length,
    scale: { min: -100, max: 100 },
  };
}

test("Cholesky solves a 3 x 3 SPD system and rejects an indefinite one", () => {
  // A = [[4,2,0],[2,5,1],[0,1,3]], x = (1, -1, 2) -> b = (2, -1, 5)
  const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
  const b = Float64Array.from([2, -1, 5]);
  assert.equal(choleskySolveInPlace(a, b, 3), true);
  [1, -1, 2].forEach((v, k) => assert.ok(Math.abs(b[k] - v) < 1e-12, `x[${k}] = ${b[k]}`));
  assert.equal(choleskySolveInPlace(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2), false);
});

test("an ALS user solve with k = 1 equals the closed form computed by hand", () => {
  // One user rates item 0 (y = 1, d = 0.5) with 4 and item 1 (y = 2, d = -0.5) with 5; mu = 3; lambda 0.5, lambda_b 0.25.
  // t = r - mu - d = (0.5, 2.5); z = [y; 1] = [1; 1], [2; 1].
  // A = sum z z' + n diag(lambda, lambda_b) = [[5, 3], [3, 2]] + 2 diag(0.5, 0.25) = [[6, 3], [3, 2.5]]
  // rhs = sum t z = (0.5 + 5, 0.5 + 2.5) = (5.5, 3); det A = 15 - 9 = 6
  // p = (2.5 * 5.5 - 3 * 3) / 6 = 4.75 / 6 = 19/24; b_u = (6 * 3 - 3 * 5.5) / 6 = 1.5 / 6 = 1/4
  const r = fullMatrix(1, 2, (_u, i) => (i === 0 ? 4 : 5));
  const factors = new Float64Array(1);
  const bias = new Float64Array(1);
  const failed = alsHalfStep(ratingsByUser(r), {
    dim: 1, mean: 3, regFactors: 0.5, regBias: 0.25,
    fixedFactors: Float64Array.from([1, 2]), fixedBias: Float64Array.from([0.5, -0.5]), factors, bias,
  });
  assert.equal(failed, -1);
  assert.ok(Math.abs(factors[0] - 19 / 24) < 1e-14, `p = ${factors[0]}`);
  assert.ok(Math.abs(bias[0] - 0.25) < 1e-14, `b_u = ${bias[0]}`);
});

test("ALS without regularisation recovers a fully observed rank-1 matrix", async () => {
  const a = [1, 2, 3, 1.5, 0.5, 2.5];
  const b = [2, 1, 0.5, 3, 1.5];
  const full = fullMatrix(a.length, b.length, (u, i) => a[u] * b[i]);
  const m = createAlsMf({ dim: 1, regFactors: 0, regBias: 0, initStd: 0.5, epochs: 200, patience: 0 });
  const h = await m.fit(full, { rng: new Rng(3), progress: silentProgress });
  const score = rmse(m.predict(full.users, full.items), full.values);
  assert.ok(score < 1e-4, `train RMSE ${score}`);
  // ALS never increases its objective.
  for (let e = 1; e < h.epochs.length; e++) assert.ok(h.epochs[e].trainLoss <= h.epochs[e - 1].trainLoss * (1 + 1e-12) + 1e-18);
});

test("ALS learns planted low-rank data; same seed, same predictions; the objective never rises", async () => {
  const data = plantedRatings({ users: 80, items: 60, density: 0.4 });
  const { train, test: validation } = randomSplit(data, new Rng(3), { testFraction: 0.2 });
  const run = async (seed: number) => {
    const m = createAlsMf({ dim: 3, regFactors: 0.01, regBias: 0.001, initStd: 0.1, epochs: 30, patience: 3 });
    const h = await m.fit(train, { rng: new Rng(seed), validation, progress: silentProgress });
    return { h, p: m.predict(validation.users, validation.items) };
  };
  const first = await run(1);
  assert.ok(rmse(first.p, validation.values) < 0.2, `validation RMSE ${rmse(first.p, validation.values)}`);
  assert.deepEqual(first.p, (await run(1)).p);
  const losses = first.h.epochs.map((e) => e.trainLoss);
  for (let e = 1; e < losses.length; e++) assert.ok(losses[e] <= losses[e - 1] + 1e-9, `epoch ${e + 1}: ${losses[e]} > ${losses[e - 1]}`);
});

test("a singular system without regularisation is reported naming regFactors", async () => {
  // User 0 has one rating but k + 1 = 3 unknowns.
  const r = fullMatrix(1, 1, () => 4);
  const m = createAlsMf({ dim: 2, regFactors: 0, regBias: 0, epochs: 2, patience: 0 });
  await assert.rejects(m.fit(r, { rng: new Rng(1), progress: silentProgress }), /AlsMfConfig\.regFactors/);
});

test("bad configuration names the field; predict before fit is refused", () => {
  assert.throws(() => createAlsMf({ dim: 1.5 }), /AlsMfConfig\.dim/);
  assert.throws(() => createAlsMf({ regFactors: -1 }), /AlsMfConfig\.regFactors/);
  assert.throws(() => createAlsMf({ regBias: Infinity }), /AlsMfConfig\.regBias/);
  assert.throws(() => createAlsMf({ initStd: 0 }), /AlsMfConfig\.initStd/);
  assert.throws(() => createAlsMf({ patience: -1 }), /AlsMfConfig\.patience/);
  assert.throws(() => createAlsMf().predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  for (const c of Object.values(alsMfPresets)) createAlsMf(c);
});
