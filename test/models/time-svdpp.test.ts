import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { selectRatings } from "../../src/data/ratings";
import { binOf, buildTimeAxis, dayOf, deviation, SECONDS_PER_DAY } from "../../src/models/factorization/rating-times";
import { predictRatings } from "../../src/models/rating-model";
import { createSvdpp } from "../../src/models/svdpp";
import { createTimeAwareBaseline, createTimeSvdpp } from "../../src/models/time-svdpp";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

const DAY0 = 18000; // 2019-04-14
const SPAN = 300; // days

/**
 * Planted time data: 60 users rate each of 12 items once, on a random day of a 300-day span, 3 + noise 0.05,
 * except item 0, whose ratings rise linearly from 2 to 4 over the span, and users 0 and 1, whose ratings rise
 * (user 0) or fall (user 1) by 1.5 over their own rating period.
 */
function plantedTimeRatings(seed = 3): Ratings {
  const rng = new Rng(seed);
  const users: number[] = [], items: number[] = [], values: number[] = [], timestamps: number[] = [];
  for (let u = 0; u < 60; u++) {
    for (let i = 0; i < 12; i++) {
      const day = Math.floor(rng.next() * SPAN);
      let r = 3 + rng.normal() * 0.05;
      if (i === 0) r += -1 + (2 * day) / SPAN;
      if (u === 0) r += 1.5 * (day / SPAN - 0.5);
      if (u === 1) r -= 1.5 * (day / SPAN - 0.5);
      users.push(u); items.push(i); values.push(r); timestamps.push((DAY0 + day) * SECONDS_PER_DAY + 3600);
    }
  }
  return {
    name: "planted-time", indexId: "planted-time",
    users: Int32Array.from(users), items: Int32Array.from(items), values: Float32Array.from(values), timestamps: Float64Array.from(timestamps),
    userIds: Array.from({ length: 60 }, (_, u) => `u${u}`), itemIds: Array.from({ length: 12 }, (_, i) => `i${i}`),
    numUsers: 60, numItems: 12, size: values.length, scale: { min: 1, max: 5 },
  };
}

const baselineOnly = { epochs: 80, patience: 0, biasLearningRate: 0.02, regBias: 0.001, dayLearningRate: 0, userDayBias: false };

describe("timeSVD++ time axis", () => {
  test("days, bins and the drift dev_u(t) by hand", () => {
    const r: Ratings = { ...plantedTimeRatings(), size: 3, users: Int32Array.from([0, 0, 1]), items: Int32Array.from([0, 1, 0]), values: Float32Array.from([3, 3, 3]), timestamps: Float64Array.from([10 * SECONDS_PER_DAY, 20 * SECONDS_PER_DAY + 86399, 39 * SECONDS_PER_DAY]) };
    const axis = buildTimeAxis(r, 3, 0.5);
    assert.equal(dayOf(20 * SECONDS_PER_DAY + 86399), 20);
    assert.deepEqual([axis.firstDay, axis.lastDay], [10, 39]);
    assert.deepEqual([binOf(axis, 10), binOf(axis, 19), binOf(axis, 20), binOf(axis, 39), binOf(axis, 5), binOf(axis, 100)], [0, 0, 1, 2, 0, 2]);
    assert.equal(axis.userMeanDay[0], 15);
    assert.equal(deviation(axis, 0, 24), 3); // sign(24 - 15) * 9^0.5
    assert.equal(deviation(axis, 0, 11), -2);
    assert.equal(deviation(axis, 2, 11), 0, "a user without training ratings has no drift");
  });
});

describe("timeSVD++ on planted time effects", () => {
  test("item-bias bins recover an item whose ratings rise over time; a flat item's bins stay flat", async () => {
    const m = createTimeAwareBaseline({ ...baselineOnly, alphaLearningRate: 0, timeBins: 6, binLearningRate: 0.02, regBin: 0.001 });
    await m.fit(plantedTimeRatings(), { rng: new Rng(1), progress: silentProgress });
    const { params } = m.parameters!;
    const bins = (i: number) => Array.from(params.binBias.subarray(i * 6, i * 6 + 6));
    const rising = bins(0);
    for (let b = 1; b < 6; b++) assert.ok(rising[b] > rising[b - 1], `item 0's bins rise: ${rising.map((x) => x.toFixed(2))}`);
    // The planted rise over the span is 2 points; bin centres span 5/6 of it.
    assert.ok(Math.abs(rising[5] - rising[0] - 2 * (5 / 6)) < 0.25, `rise ${rising[5] - rising[0]}`);
    const flat = bins(3);
    assert.ok(Math.max(...flat) - Math.min(...flat) < 0.15, `item 3's bins stay flat: ${flat.map((x) => x.toFixed(2))}`);
  });

  test("the user-bias drift α_u is positive for a user whose ratings rise, negative for one whose ratings fall", async () => {
    const m = createTimeAwareBaseline({ ...baselineOnly, binLearningRate: 0, alphaLearningRate: 0.01, regAlpha: 0.001 });
    await m.fit(plantedTimeRatings(), { rng: new Rng(1), progress: silentProgress });
    const alpha = m.parameters!.params.alpha;
    assert.ok(alpha[0] > 0.05, `α_0 = ${alpha[0]}`);
    assert.ok(alpha[1] < -0.05, `α_1 = ${alpha[1]}`);
    // Item 0's planted rise leaks a little into the drifts of users who rated it early or late; users 0 and 1 stand out.
    assert.equal(Math.max(...alpha), alpha[0]);
    assert.equal(Math.min(...alpha), alpha[1]);
  });

  test("time terms lower the error on planted time effects, and predictRatings predicts at the ratings' times", async () => {
    const data = plantedTimeRatings();
    const timed = createTimeAwareBaseline({ ...baselineOnly, timeBins: 6, binLearningRate: 0.02, regBin: 0.001, alphaLearningRate: 0.01, regAlpha: 0.001 });
    const plain = createTimeAwareBaseline({ ...baselineOnly, binLearningRate: 0, alphaLearningRate: 0 });
    for (const m of [timed, plain]) await m.fit(data, { rng: new Rng(1), progress: silentProgress });
    const err = (p: Float32Array) => Math.sqrt(p.reduce((s, x, k) => s + (x - data.values[k]) ** 2, 0) / p.length);
    assert.ok(err(predictRatings(timed, data)) < 0.6 * err(predictRatings(plain, data)), `${err(predictRatings(timed, data))} vs ${err(predictRatings(plain, data))}`);
    assert.deepEqual(predictRatings(timed, data), timed.predictAt(data.users, data.items, data.timestamps!));
    assert.notDeepEqual(predictRatings(timed, data), timed.predict(data.users, data.items));
    assert.throws(() => timed.predictAt(data.users.subarray(0, 1), data.items.subarray(0, 1), Float64Array.from([NaN])), /timestamp NaN of pair 0/);
    assert.throws(() => timed.predictAt(data.users.subarray(0, 2), data.items.subarray(0, 2), Float64Array.from([0])), /2 pairs but 1 timestamps/);
  });

  test("the item-bias scaling c_u(t) grows above 1 for a user who exaggerates item biases (Koren's eq. 11)", async () => {
    const base = plantedTimeRatings();
    const itemBias = (i: number) => (i - 5.5) / 4; // items 0..11: -1.375 .. 1.375
    const values = base.values.map((_, k) => 3 + itemBias(base.items[k]) * (base.users[k] === 0 ? 2 : 1));
    const data = { ...base, values };
    const m = createTimeAwareBaseline({ ...baselineOnly, epochs: 150, binLearningRate: 0, alphaLearningRate: 0, scaleLearningRate: 0.02, regScale: 0.001 });
    await m.fit(data, { rng: new Rng(1), progress: silentProgress });
    const c = m.parameters!.params.userScale;
    assert.ok(c[0] > 1.6, `c_0 = ${c[0]}`);
    for (let u = 1; u < 60; u++) assert.ok(Math.abs(c[u] - 1) < 0.15, `c_${u} = ${c[u]}`);
  });

  test("the per-day user bias b_{u,t} is learned only for (user, day) pairs seen in training", async () => {
    const data = plantedTimeRatings();
    const m = createTimeAwareBaseline({ ...baselineOnly, dayLearningRate: 0.02, regDay: 0.001, userDayBias: true, binLearningRate: 0, alphaLearningRate: 0 });
    await m.fit(data, { rng: new Rng(1), progress: silentProgress });
    const unseenDay = Float64Array.from([(DAY0 + SPAN + 50) * SECONDS_PER_DAY]);
    // On a day without training ratings b_{u,t} = 0: the prediction equals the time-free one (no bins, no drift here).
    assert.deepEqual(m.predictAt(Int32Array.from([4]), Int32Array.from([2]), unseenDay), m.predict(Int32Array.from([4]), Int32Array.from([2])));
  });
});

describe("timeSVD++ fallback, determinism, contract", () => {
  test("without timestamps it warns and trains exactly the time-free model (SVD++ with the same settings)", async () => {
    const data = plantedRatings({ users: 40, items: 30 });
    const config = { dim: 4, learningRate: 0.02, regFactors: 0.03, initStd: 0.1, epochs: 10, patience: 0 };
    const timed = createTimeSvdpp(config, { warn: () => {} });
    const svdpp = createSvdpp(config);
    await timed.fit(data, { rng: new Rng(9), progress: silentProgress });
    await svdpp.fit(data, { rng: new Rng(9), progress: silentProgress });
    assert.equal(timed.usedTime, false);
    assert.match(timed.warnings.join("\n"), /planted carry no timestamps.*time-free model/);
    assert.deepEqual(predictRatings(timed, data), predictRatings(svdpp, data));
    // One missing (NaN) timestamp, as in a file whose later lines have none: the same fallback.
    const partial = plantedTimeRatings();
    partial.timestamps![7] = NaN;
    const warnings: string[] = [];
    const m = createTimeAwareBaseline({ epochs: 2, patience: 0 }, { warn: (w) => warnings.push(w) });
    await m.fit(partial, { rng: new Rng(1), progress: silentProgress });
    assert.equal(m.usedTime, false);
    assert.equal(warnings.length, 1);
  });

  test("is deterministic per seed with time terms; another seed gives other predictions", async () => {
    const data = plantedTimeRatings();
    const run = async (seed: number) => {
      const m = createTimeSvdpp({ dim: 3, initStd: 0.1, epochs: 5, patience: 0 });
      await m.fit(data, { rng: new Rng(seed), progress: silentProgress });
      assert.equal(m.usedTime, true);
      return predictRatings(m, data);
    };
    assert.deepEqual(await run(4), await run(4));
    assert.notDeepEqual(await run(4), await run(5));
  });

  test("with time: users and items without training ratings get finite predictions that do not depend on who they are", async () => {
    const data = plantedTimeRatings();
    const keep: number[] = [];
    for (let k = 0; k < data.size; k++) if (data.users[k] > 1 && data.items[k] > 1) keep.push(k);
    const m = createTimeSvdpp({ dim: 3, initStd: 0.1, epochs: 5, patience: 0 });
    await m.fit(selectRatings(data, keep), { rng: new Rng(2), progress: silentProgress });
    const t = (DAY0 + 100) * SECONDS_PER_DAY;
    const p = m.predictAt(Int32Array.from([0, 1, 5, 5]), Int32Array.from([7, 7, 0, 1]), Float64Array.from([t, t, t, t]));
    assert.ok(p.every(Number.isFinite));
    assert.equal(p[0], p[1]);
    assert.equal(p[2], p[3]);
    assert.throws(() => m.predictAt(Int32Array.from([60]), Int32Array.from([0]), Float64Array.from([t])), /outside the 60 users/);
  });

  test("bad configurations name the field", () => {
    assert.throws(() => createTimeSvdpp({ timeBins: 0 }), /TimeSvdppConfig\.timeBins/);
    assert.throws(() => createTimeSvdpp({ beta: 2 }), /TimeSvdppConfig\.beta/);
    assert.throws(() => createTimeSvdpp({ regAlpha: -1 }), /TimeSvdppConfig\.regAlpha/);
    assert.throws(() => createTimeSvdpp({ scaleLearningRate: NaN }), /TimeSvdppConfig\.scaleLearningRate/);
    assert.throws(() => createTimeSvdpp({ dim: -1 }), /TimeSvdppConfig\.dim/);
    assert.equal(createTimeAwareBaseline().name, "Time-aware baseline");
  });
});
