import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { selectRatings, type Ratings } from "../../src/data/ratings";
import { rmse } from "../../src/metrics/regression-metrics";
import { createMlpRating, type MlpRatingOverrides } from "../../src/models/mlp-rating";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { useTestBackend } from "../helpers/test-backend";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

before(useTestBackend);

// Users 0-9 and items 0-5 have no training ratings: they keep their indices and features only.
const data = plantedFeatureRatings();
const isColdUser = (u: number) => u < 10;
const isColdItem = (i: number) => i < 6;
const rows = (keep: (u: number, i: number) => boolean) => {
  const out: number[] = [];
  for (let k = 0; k < data.size; k++) if (keep(data.users[k], data.items[k])) out.push(k);
  return selectRatings(data, out);
};
const train = rows((u, i) => !isColdUser(u) && !isColdItem(i));
const coldUsers = rows((u, i) => isColdUser(u) && !isColdItem(i));
const coldItems = rows((u, i) => !isColdUser(u) && isColdItem(i));
const settings: MlpRatingOverrides = {
  embedding: { dim: 8, reg: 0.001, initStd: 0.05 },
  features: { embeddingDim: 4 },
  layers: [32, 16],
  training: { epochs: 40, batchSize: 64, learningRate: 0.01, patience: 0 },
};
const score = (useFeatures: boolean, on: Ratings[]) => async () => {
  const m = createMlpRating({ ...settings, useFeatures });
  await m.fit(train, { rng: new Rng(1), progress: silentProgress });
  const out = on.map((r) => rmse(m.predict(r.users, r.items), r.values));
  m.dispose();
  return out;
};

test("with features, users and items unseen in training are predicted from their features; without, they cannot be", async () => {
  // The rating is 3 + effect(user group, item genre): only the features reveal a cold user's group or item's genre.
  const [withUsers, withItems] = await score(true, [coldUsers, coldItems])();
  const [withoutUsers, withoutItems] = await score(false, [coldUsers, coldItems])();
  assert.ok(coldUsers.size > 100 && coldItems.size > 100);
  assert.ok(withUsers < 0.35, `cold-user RMSE with features ${withUsers.toFixed(3)} should be below 0.35`);
  assert.ok(withItems < 0.35, `cold-item RMSE with features ${withItems.toFixed(3)} should be below 0.35`);
  assert.ok(withoutUsers > 0.9, `cold-user RMSE without features ${withoutUsers.toFixed(3)} should stay above 0.9`);
  assert.ok(withoutItems > 0.9, `cold-item RMSE without features ${withoutItems.toFixed(3)} should stay above 0.9`);
});

test("an epoch leaks no tensors, and dispose frees everything", async () => {
  const counts: number[] = [];
  for (const epochs of [1, 3]) {
    const m = createMlpRating({ ...settings, dropout: 0.2, training: { ...settings.training, epochs } });
    const before = tf.memory().numTensors;
    await m.fit(train, { rng: new Rng(1), validation: coldUsers, progress: silentProgress });
    counts.push(tf.memory().numTensors - before);
    m.predict(coldUsers.users, coldUsers.items);
    assert.equal(tf.memory().numTensors - before, counts[counts.length - 1], "predict leaks nothing");
    m.dispose();
    assert.equal(tf.memory().numTensors, before, "dispose releases everything");
  }
  assert.equal(counts[1], counts[0]);
});

test("dropout is seeded: the same seed gives the same model", async () => {
  const preds = [];
  for (let run = 0; run < 2; run++) {
    const m = createMlpRating({ ...settings, dropout: 0.3, training: { ...settings.training, epochs: 3 } });
    await m.fit(train, { rng: new Rng(8), progress: silentProgress });
    preds.push(m.predict(coldItems.users, coldItems.items));
    m.dispose();
  }
  assert.deepEqual(preds[0], preds[1]);
});

test("bad settings throw errors that name the field", async () => {
  assert.throws(() => createMlpRating({ layers: [64, 0] }), /MlpRatingConfig\.layers/);
  assert.throws(() => createMlpRating({ dropout: 1 }), /MlpRatingConfig\.dropout/);
  assert.throws(() => createMlpRating({ embedding: { dim: 0 } }), /MlpRatingConfig\.embedding\.dim/);
  assert.throws(() => createMlpRating({ features: { multiHot: "sum" as "bag" } }), /MlpRatingConfig\.features\.multiHot/);
  assert.throws(() => createMlpRating({ regBias: -1 }), /MlpRatingConfig\.regBias/);
  const m = createMlpRating({ ...settings, features: { userColumns: ["group", "height"] } });
  const before = tf.memory().numTensors;
  await assert.rejects(m.fit(train, { rng: new Rng(1), progress: silentProgress }), /MlpRatingConfig\.features\.userColumns: unknown feature column "height"/);
  assert.equal(tf.memory().numTensors, before, "a refused fit creates no tensors");
});

test("column selection: with only the uninformative user column, cold users are no better than without features", async () => {
  const m = createMlpRating({ ...settings, features: { userColumns: ["age"], itemColumns: [] } });
  await m.fit(train, { rng: new Rng(1), progress: silentProgress });
  const r = rmse(m.predict(coldUsers.users, coldUsers.items), coldUsers.values);
  m.dispose();
  assert.ok(r > 0.9, `cold-user RMSE with only "age" ${r.toFixed(3)} should stay above 0.9`);
});
