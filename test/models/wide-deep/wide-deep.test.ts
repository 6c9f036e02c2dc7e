/**
 * Wide & Deep: the wide feature space on a hand-checked pair, the joint gradient reaching each part (a planted case
 * only the wide crosses can fit, one only the deep tower can), and no tensor growth across epochs.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { selectRatings } from "../../../src/data/ratings";
import { rmse } from "../../../src/metrics/regression-metrics";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import { createWideDeepRating } from "../../../src/models/wide-deep/wide-deep-rating";
import { WideFeatureSpace } from "../../../src/models/wide-deep/wide-features";
import type { WideDeepOverrides } from "../../../src/models/wide-deep/wide-deep-config";
import { useTestBackend } from "../../helpers/test-backend";
import { plantedFeatureRatings } from "../../helpers/zoo-neural";
import { plantedRatings } from "../../helpers/planted-ratings";

before(useTestBackend);

test("the wide feature space: ids, side features and crosses of a pair, hand-checked", () => {
  const data = plantedFeatureRatings(4, 3);
  // Users: group (a/b/c + missing = 4 slots) and a numeric age (left to the deep part); items: genres x/y/z.
  const space = new WideFeatureSpace(data, { ids: true, sideFeatures: true, crosses: true });
  // bias 1 + user ids 4 + item ids 3 + group 4 + genres 3 + user x genres 4·3 + group x genres 4·3 = 39.
  assert.equal(space.size, 39);
  assert.deepEqual(space.groups.map((g) => g.name), ["bias", "user id", "item id", "user group", "item genres", "user id x genres", "group x genres"]);
  const u = 2, i = 1;
  const group = data.userFeatures!.columns[0].kind === "categorical" ? data.userFeatures!.columns[0].codes[u] : -1;
  const genres = data.itemFeatures!.columns[0];
  const genre = genres.kind === "multi-hot" ? [0, 1, 2].find((l) => genres.matrix[i * 3 + l] === 1)! : -1;
  const out = new Int32Array(space.maxActive);
  const n = space.active(u, i, out);
  assert.deepEqual(Array.from(out.subarray(0, n)), [0, 1 + u, 5 + i, 8 + group, 12 + genre, 15 + u * 3 + genre, 27 + group * 3 + genre]);
  const idsOnly = new WideFeatureSpace(data, { ids: true, sideFeatures: false, crosses: false });
  assert.equal(idsOnly.size, 8);
});

const quick: WideDeepOverrides = {
  deep: { embedding: { dim: 8, reg: 0.001, initStd: 0.1 }, layers: [32, 16], learningRate: 0.3 },
  wide: { ftrl: { alpha: 0.5, beta: 1, l1: 0, l2: 0.1 } },
  batchSize: 128, epochs: 25, patience: 0,
};

test("joint training reaches the wide part: only the user x genre crosses rate items never seen in training", async () => {
  // Ratings depend on group x genre; items 0-9 are hidden from training. The deep part sees ids only (no
  // features), so a hidden item is the same to it as any other; the wide crosses carry the genre preference.
  const data = plantedFeatureRatings(90, 60, 0.4, 0.1);
  const keep: number[] = [];
  const hidden: number[] = [];
  for (let k = 0; k < data.size; k++) (data.items[k] < 10 ? hidden : keep).push(k);
  const train = selectRatings(data, keep);
  const test = selectRatings(data, hidden);
  const scores: Record<string, number> = {};
  for (const parts of ["wide+deep", "deep"] as const) {
    const m = createWideDeepRating({ ...quick, parts, deep: { ...quick.deep, useFeatures: false } });
    await m.fit(train, { rng: new Rng(3), progress: silentProgress });
    scores[parts] = rmse(m.predict(test.users, test.items), test.values);
    if (parts === "wide+deep") assert.ok(m.network().ftrl.zeros() < m.network().ftrl.size, "wide weights moved");
    m.dispose();
  }
  assert.ok(scores["deep"] > 1.0, `deep only on unseen items: RMSE ${scores["deep"].toFixed(3)} (no way to know their genre)`);
  assert.ok(scores["wide+deep"] < 0.5, `wide & deep on unseen items: RMSE ${scores["wide+deep"].toFixed(3)}`);
});

test("joint training reaches the deep part: only the tower fits a planted rank-3 interaction", async () => {
  // r = 3 + b_u + b_i + p_u·q_i: a linear model over one-hot ids (the wide part here) fits the biases only.
  const data = plantedRatings();
  const rng = new Rng(5);
  const order = rng.permutation(data.size);
  const cut = Math.floor(data.size * 0.8);
  const train = selectRatings(data, Array.from(order.subarray(0, cut)));
  const test = selectRatings(data, Array.from(order.subarray(cut)));
  const scores: Record<string, number> = {};
  for (const parts of ["wide", "wide+deep"] as const) {
    const m = createWideDeepRating({ ...quick, parts, wide: { ...quick.wide, sideFeatures: false, crosses: false } });
    await m.fit(train, { rng: new Rng(4), progress: silentProgress });
    scores[parts] = rmse(m.predict(test.users, test.items), test.values);
    m.dispose();
  }
  assert.ok(scores["wide+deep"] < scores["wide"] - 0.15, `wide & deep ${scores["wide+deep"].toFixed(3)} vs wide only ${scores["wide"].toFixed(3)}`);
});

test("no tensor growth across epochs; dispose frees everything", async () => {
  const data = plantedFeatureRatings(30, 20, 0.5, 0.1);
  const before = tf.memory().numTensors;
  const live: number[] = [];
  for (const epochs of [1, 3]) {
    const m = createWideDeepRating({ ...quick, epochs, patience: 0 });
    await m.fit(data, { rng: new Rng(1), validation: data, progress: silentProgress });
    m.predict(data.users, data.items);
    live.push(tf.memory().numTensors - before);
    m.dispose();
    assert.equal(tf.memory().numTensors, before, "dispose frees every tensor");
  }
  assert.equal(live[0], live[1], "three epochs leave as many live tensors as one");
});

test("bad settings name the field", () => {
  assert.throws(() => createWideDeepRating({ parts: "both" as never }), /WideDeepConfig\.parts/);
  assert.throws(() => createWideDeepRating({ wide: { ftrl: { alpha: -1 } } }), /WideDeepConfig\.wide\.ftrl\.alpha/);
  assert.throws(() => createWideDeepRating({ deep: { learningRate: 0 } }), /WideDeepConfig\.deep\.learningRate/);
  assert.throws(() => createWideDeepRating({ batchSize: 0 }), /WideDeepConfig\.batchSize/);
  assert.equal(createWideDeepRating({ parts: "wide" }).name, "Wide only");
});
