import { test } from "node:test";
import assert from "node:assert/strict";
import { ratingsByUser } from "../../src/data/rating-matrix";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { BiasedFactors } from "../../src/models/factorization/biased-factors";
import { svdppEpoch, svdppScratch } from "../../src/models/factorization/svdpp-epoch";
import { createSvdpp, surpriseSvdppConfig, svdppPresets } from "../../src/models/svdpp";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

function ratings(users: number[], items: number[], values: number[], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "sgd-mf-svdpp", name: "tiny",
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers,
    numItems,
    size: values.length,
    scale: { min: -100, max: 100 },
  };
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-14, `${what}: ${actual} != ${expected}`);

test("one SVD++ step on one rating equals the hand-computed update", () => {
  // mu 3, r 4, p 1, q 0.5, y 0.2, N(u) = {0} so |N(u)|^-1/2 = 1 and z = 0.2; lr 0.1, bias lr 0.2, reg 0.5, bias reg 0.1.
  // e = 4 - (3 + 0 + 0 + 0.5 (1 + 0.2)) = 0.4
  const r = ratings([0], [0], [4], 1, 1);
  const f = new BiasedFactors(1, 1, 1, 3);
  f.userFactors[0] = 1;
  f.itemFactors[0] = 0.5;
  const y = Float64Array.from([0.2]);
  const steps = { learningRate: 0.1, biasLearningRate: 0.2, regFactors: 0.5, regBias: 0.1 };
  const sse = svdppEpoch(f, y, ratingsByUser(r), r, Uint32Array.from([0]), steps, svdppScratch(r, 1));
  close(sse, 0.16, "e²");
  close(f.userBias[0], 0.08, "b_u"); // 0 + 0.2 (0.4 - 0.1 * 0)
  close(f.itemBias[0], 0.08, "b_i");
  close(f.userFactors[0], 0.97, "p_u"); // 1 + 0.1 (0.4 * 0.5 - 0.5 * 1)
  close(f.itemFactors[0], 0.523, "q_i"); // 0.5 + 0.1 (0.4 * (1 + 0.2) - 0.5 * 0.5)
  close(y[0], 0.21, "y_j"); // g = 0.4 * 1 * 0.5 = 0.2; 0.2 + 0.1 (0.2 - 1 * 0.5 * 0.2)
});

test("a user's ratings share one z_u and the summed y step is applied after them", () => {
  // User 0 rates items 0 and 1 (4 and 2); |N(u)|^-1/2 = 1/sqrt(2); order visits row 1 first. No regularisation.
  const r = ratings([0, 0], [0, 1], [4, 2], 1, 2);
  const f = new BiasedFactors(1, 2, 1, 3);
  f.userFactors[0] = 1;
  f.itemFactors.set([0.5, -1]);
  const y = Float64Array.from([0.2, 0.4]);
  const lr = 0.1;
  svdppEpoch(f, y, ratingsByUser(r), r, Uint32Array.from([1, 0]), { learningRate: lr, biasLearningRate: lr, regFactors: 0, regBias: 0 }, svdppScratch(r, 1));
  const n = Math.SQRT1_2;
  const z = (0.2 + 0.4) * n;
  let p = 1, bu = 0;
  const q = [0.5, -1], bi = [0, 0];
  let g = 0;
  for (const [i, value] of [[1, 2], [0, 4]]) {
    const e = value - (3 + bu + bi[i] + q[i] * (p + z));
    bu += lr * e;
    bi[i] += lr * e;
    g += e * n * q[i];
    const p0 = p;
    p += lr * e * q[i];
    q[i] += lr * e * (p0 + z);
  }
  close(f.userFactors[0], p, "p_u");
  close(f.itemFactors[0], q[0], "q_0");
  close(f.itemFactors[1], q[1], "q_1");
  close(y[0], 0.2 + lr * g, "y_0");
  close(y[1], 0.4 + lr * g, "y_1");
});

test("predictions use p_u + |N(u)|^-1/2 sum of y_j over the items the user rated", async () => {
  const data = plantedRatings({ users: 40, items: 30, density: 0.4 });
  const m = createSvdpp({ dim: 3, epochs: 3, patience: 0, learningRate: 0.01, initStd: 0.1 });
  await m.fit(data, { rng: new Rng(2), progress: silentProgress });
  const eff = m.effectiveFactors();
  const pred = m.predict(data.users, data.items);
  const byHand = eff.predict(data.users, data.items, data.scale);
  assert.deepEqual(pred, byHand);
  // User 5's effective vector is p_5 + |N(5)|^-1/2 sum over the items 5 rated of y_j.
  const { factors, implicitFactors: y } = m.parameters!;
  const rated: number[] = [];
  for (let k = 0; k < data.size; k++) if (data.users[k] === 5) rated.push(data.items[k]);
  for (let d = 0; d < 3; d++) {
    let z = 0;
    for (const j of rated) z += y[j * 3 + d];
    const expected = factors.userFactors[5 * 3 + d] + z / Math.sqrt(rated.length);
    assert.ok(Math.abs(eff.userFactors[5 * 3 + d] - expected) < 1e-12);
  }
});

test("learns planted data; deterministic under a seed; bad settings name the field", async () => {
  const data = plantedRatings({ users: 80, items: 60, density: 0.4 });
  const { train, test: validation } = randomSplit(data, new Rng(3), { testFraction: 0.2 });
  const run = async () => {
    const m = createSvdpp({ dim: 6, learningRate: 0.02, regFactors: 0.02, regBias: 0.001, initStd: 0.1, epochs: 150, patience: 5 });
    await m.fit(train, { rng: new Rng(7), validation, progress: silentProgress });
    return m.predict(validation.users, validation.items);
  };
  const p = await run();
  assert.ok(rmse(p, validation.values) < 0.25, `validation RMSE ${rmse(p, validation.values)}`);
  assert.deepEqual(p, await run());
  assert.throws(() => createSvdpp({ regFactors: -1 }), /SvdppConfig\.regFactors/);
  assert.throws(() => createSvdpp().predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  await assert.rejects(createSvdpp({ learningRate: 100, epochs: 3, initStd: 0.1 }).fit(train, { rng: new Rng(1), progress: silentProgress }), /SvdppConfig\.learningRate/);
  for (const c of [surpriseSvdppConfig, ...Object.values(svdppPresets)]) createSvdpp(c);
});
