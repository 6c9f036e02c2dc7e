import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { BiasedFactors } from "../../src/models/factorization/biased-factors";
import { concatRatings } from "../../src/models/factorization/fit-with-refit";
import { allocateTriples, gatherInOrder, sgdPass } from "../../src/models/factorization/sgd-epoch";
import { createSgdMf, sgdMfPresets, surpriseSvdConfig } from "../../src/models/sgd-mf";
import { Rng } from "../../src/random/rng";
import { silentProgress, type ProgressReporter } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

const data = plantedRatings({ users: 80, items: 60, density: 0.4 });
const { train, test: validation } = randomSplit(data, new Rng(3), { testFraction: 0.2 });

/** One rating (user 0, item 1, value 4) in a 2 x 2 index space. */
const single: Ratings = {
  indexId: "sgd-mf", name: "single",
  users: Int32Array.from([0]),
  items: Int32Array.from([1]),
  values: Float32Array.from([4]),
  userIds: ["a", "b"],
  itemIds: ["x", "y"],
  numUsers: 2,
  numItems: 2,
  size: 1,
  scale: { min: -100, max: 100 },
};

test("one SGD step on one rating equals the hand-computed update (q_i uses the old p_u)", () => {
  const f = new BiasedFactors(1, 1, 2, 3);
  f.userBias[0] = 0.5;
  f.itemBias[0] = -0.25;
  f.userFactors.set([1, 2]);
  f.itemFactors.set([0.5, -0.25]);
  const r = { users: Int32Array.from([0]), items: Int32Array.from([0]), values: Float32Array.from([4]) };
  // e = 4 - (3 + 0.5 - 0.25 + (1*0.5 + 2*(-0.25))) = 4 - 3.25 = 0.75; lr 0.1, bias lr 0.2, reg 0.5, bias reg 0.1
  const sse = sgdPass(f, r, 0, 1, { learningRate: 0.1, biasLearningRate: 0.2, regFactors: 0.5, regBias: 0.1 });
  assert.equal(sse, 0.5625);
  const close = (actual: ArrayLike<number>, expected: number[]) =>
    expected.forEach((v, k) => assert.ok(Math.abs(actual[k] - v) < 1e-15, `${actual[k]} != ${v}`));
  close(f.userBias, [0.64]); // 0.5 + 0.2 (0.75 - 0.1 * 0.5)
  close(f.itemBias, [-0.095]); // -0.25 + 0.2 (0.75 + 0.1 * 0.25)
  close(f.userFactors, [0.9875, 1.88125]); // 1 + 0.1 (0.75*0.5 - 0.5*1); 2 + 0.1 (0.75*(-0.25) - 0.5*2)
  close(f.itemFactors, [0.55, -0.0875]); // 0.5 + 0.1 (0.75*1 - 0.5*0.5); -0.25 + 0.1 (0.75*2 + 0.5*0.25)
});

test("gatherInOrder copies the ratings in the visiting order", () => {
  const r = gatherInOrder(train, Uint32Array.from([5, 0, 2]), allocateTriples(3));
  assert.deepEqual([...r.users], [train.users[5], train.users[0], train.users[2]]);
  assert.deepEqual([...r.items], [train.items[5], train.items[0], train.items[2]]);
  assert.deepEqual([...r.values], [train.values[5], train.values[0], train.values[2]]);
});

test("fit runs the step in each epoch with the decayed step sizes, from the seeded initialisation", async () => {
  const config = { dim: 2, learningRate: 0.1, biasLearningRate: 0.2, learningRateDecay: 0.5, regFactors: 0.5, regBias: 0.1, initStd: 0.3, epochs: 2, patience: 0 };
  const m = createSgdMf(config);
  await m.fit(single, { rng: new Rng(9), progress: silentProgress });
  // The model draws user factors (2 users x 2), then item factors; user 1 and item 0 are unseen and zeroed.
  const probe = new Rng(9);
  const draws = Array.from({ length: 8 }, () => probe.normal() * 0.3);
  const p = [draws[0], draws[1]];
  const q = [draws[6], draws[7]];
  let bu = 0, bi = 0;
  for (const scale of [1, 0.5]) {
    const e = 4 - (4 + bu + bi + (p[0] * q[0] + p[1] * q[1]));
    bu += 0.2 * scale * (e - 0.1 * bu);
    bi += 0.2 * scale * (e - 0.1 * bi);
    for (let k = 0; k < 2; k++) {
      const pk = p[k];
      p[k] += 0.1 * scale * (e * q[k] - 0.5 * pk);
      q[k] += 0.1 * scale * (e * pk - 0.5 * q[k]);
    }
  }
  const got = m.predict(Int32Array.from([0, 1, 0]), Int32Array.from([1, 1, 0]));
  assert.ok(Math.abs(got[0] - (4 + bu + bi + p[0] * q[0] + p[1] * q[1])) < 1e-6);
  assert.ok(Math.abs(got[1] - (4 + bi)) < 1e-6, "unseen user: mu + b_i");
  assert.ok(Math.abs(got[2] - (4 + bu)) < 1e-6, "unseen item: mu + b_u");
  assert.deepEqual([...m.parameters!.userFactors.subarray(2)], [0, 0], "unseen user's factors stay zero");
});

test("same seed gives identical predictions; another seed does not", async () => {
  const run = async (seed: number) => {
    const m = createSgdMf({ dim: 8, epochs: 5, patience: 0, learningRate: 0.02, initStd: 0.1 });
    await m.fit(train, { rng: new Rng(seed), progress: silentProgress });
    return m.predict(validation.users, validation.items);
  };
  const a = await run(1);
  assert.deepEqual(a, await run(1));
  assert.notDeepEqual(a, await run(2));
});

test("learns the planted structure far below the bias-only error", async () => {
  const m = createSgdMf({ dim: 6, learningRate: 0.02, regFactors: 0.02, regBias: 0.001, initStd: 0.1, epochs: 200, patience: 5 });
  const h = await m.fit(train, { rng: new Rng(1), validation, progress: silentProgress });
  const score = rmse(m.predict(validation.users, validation.items), validation.values);
  assert.ok(score < 0.2, `validation RMSE ${score}`);
  assert.ok(h.epochs[0].trainLoss > h.epochs[h.epochs.length - 1].trainLoss, "the objective falls");
});

test("early stopping keeps the best epoch's parameters", async () => {
  // No regularisation, a large step and many factors: validation RMSE turns up after a few epochs.
  const seen: number[] = [];
  const progress: ProgressReporter = { ...silentProgress, epoch: (r) => seen.push(r.validation!.rmse) };
  const m = createSgdMf({ dim: 40, learningRate: 0.05, regFactors: 0, regBias: 0, initStd: 0.3, epochs: 300, patience: 3 });
  const h = await m.fit(train, { rng: new Rng(4), validation, progress });
  assert.ok(h.stoppedEarly);
  assert.equal(h.epochs.length, h.bestEpoch + 3);
  const best = Math.min(...seen);
  assert.equal(seen[h.bestEpoch - 1], best);
  assert.ok(Math.abs(rmse(m.predict(validation.users, validation.items), validation.values) - best) < 1e-6);
});

test("refitOnValidation retrains on train + validation for the best epoch count", async () => {
  const config = { dim: 6, learningRate: 0.02, regFactors: 0.02, initStd: 0.1, epochs: 100, patience: 3 };
  const plain = createSgdMf(config);
  const h1 = await plain.fit(train, { rng: new Rng(5), validation, progress: silentProgress });
  const starts: string[] = [];
  const progress: ProgressReporter = { ...silentProgress, start: (i) => starts.push(`${i.model}:${i.epochs}`) };
  const refit = createSgdMf({ ...config, refitOnValidation: true });
  const h2 = await refit.fit(train, { rng: new Rng(5), validation, progress });
  assert.equal(h2.bestEpoch, h1.bestEpoch, "the first run is the plain run");
  assert.deepEqual(starts, ["SGD MF:100", `SGD MF (refit on train + validation):${h1.bestEpoch}`]);
  const onValidation = (m: typeof plain) => rmse(m.predict(validation.users, validation.items), validation.values);
  assert.ok(onValidation(refit) < onValidation(plain) - 0.01, "the refit model has seen the validation ratings");
  assert.equal(concatRatings(train, validation).size, data.size);
});

test("a huge learning rate is reported as divergence naming learningRate", async () => {
  const m = createSgdMf({ dim: 8, learningRate: 50, initStd: 0.1, epochs: 5, patience: 0 });
  await assert.rejects(m.fit(train, { rng: new Rng(1), progress: silentProgress }), /diverged.*SgdMfConfig\.learningRate/);
  assert.throws(() => m.predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/, "no half-trained model is left");
});

test("bad configuration names the field; predict before fit is refused", () => {
  assert.throws(() => createSgdMf({ dim: 0 }), /SgdMfConfig\.dim/);
  assert.throws(() => createSgdMf({ learningRate: 0 }), /SgdMfConfig\.learningRate/);
  assert.throws(() => createSgdMf({ biasLearningRate: -1 }), /SgdMfConfig\.biasLearningRate/);
  assert.throws(() => createSgdMf({ learningRateDecay: 1.5 }), /SgdMfConfig\.learningRateDecay/);
  assert.throws(() => createSgdMf({ regFactors: -0.1 }), /SgdMfConfig\.regFactors/);
  assert.throws(() => createSgdMf({ initStd: NaN }), /SgdMfConfig\.initStd/);
  assert.throws(() => createSgdMf({ epochs: 0 }), /SgdMfConfig\.epochs/);
  assert.throws(() => createSgdMf().predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  for (const c of [surpriseSvdConfig, ...Object.values(sgdMfPresets)]) createSgdMf(c);
});
