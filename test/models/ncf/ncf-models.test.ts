import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { selectRatings } from "../../../src/data/ratings";
import { createGmf } from "../../../src/models/ncf/gmf";
import { createNcfMlp } from "../../../src/models/ncf/ncf-mlp";
import { createNeuMf } from "../../../src/models/ncf/neumf";
import { createPretrainedNeuMf } from "../../../src/models/ncf/neumf-pretraining";
import type { ImplicitTrainingConfig } from "../../../src/models/ncf/implicit-tf-trainer";
import { Rng } from "../../../src/random/rng";
import { silentProgress, type ProgressReporter } from "../../../src/train/progress";
import { useTestBackend } from "../../helpers/test-backend";
import { plantedAuc, twoGroups } from "./two-groups";

before(useTestBackend);

const data = twoGroups();
// Small models: GMF with 8 factors memorises these 431 interactions and generalises worse.
const fast = (epochs: number): Partial<ImplicitTrainingConfig> => ({ epochs, batchSize: 64, learningRate: 0.01, patience: 0 });

/** A pretrained NeuMF whose GMF and MLP were fitted on `train` (both disposed; the NeuMF holds copies). */
async function pretrained(train = data.train, seed = 1) {
  const gmf = createGmf({ dim: 2, training: fast(20) });
  const mlp = createNcfMlp({ layers: [16, 8, 4], training: fast(20) });
  await gmf.fit(train, { rng: new Rng(seed), progress: silentProgress });
  await mlp.fit(train, { rng: new Rng(seed + 1), progress: silentProgress });
  const neumf = createPretrainedNeuMf(gmf, mlp, { training: { ...fast(5), optimizer: "sgd", learningRate: 0.05 } });
  gmf.dispose();
  mlp.dispose();
  return neumf;
}

const models = [
  { label: "GMF", variables: 4, create: async (epochs = 20) => createGmf({ dim: 2, training: fast(epochs) }) },
  { label: "MLP", variables: 2 + 2 * 2 + 2, create: async (epochs = 20) => createNcfMlp({ layers: [16, 8, 4], training: fast(epochs) }) },
  { label: "NeuMF", variables: 4 + 2 * 2 + 2, create: async (epochs = 20) => createNeuMf({ dim: 2, layers: [16, 8, 4], training: fast(epochs) }) },
  // 10 current and 10 initial (pretrained) variables
  { label: "NeuMF (pretrained)", variables: 20, create: async () => pretrained() },
];

for (const entry of models) {
  describe(entry.label, () => {
    test("ranks a user's unseen in-group items above the other group's items", async () => {
      const m = await entry.create();
      await m.fit(data.train, { rng: new Rng(3), progress: silentProgress });
      const auc = plantedAuc(data, (u, i) => m.score(u, i));
      m.dispose();
      assert.ok(auc > 0.9, `AUC ${auc.toFixed(3)} should exceed 0.9`);
    });

    test("an epoch leaks no tensors; dispose releases everything", async () => {
      const before = tf.memory().numTensors;
      const m = await entry.create(4);
      const counts: number[] = [];
      const progress: ProgressReporter = { ...silentProgress, epoch: () => counts.push(tf.memory().numTensors - before) };
      const validator = { metric: "auc", lowerIsBetter: false, evaluate: () => ({ auc: plantedAuc(data, (u, i) => m.score(u, i)) }) };
      const h = await m.fit(data.train, { rng: new Rng(1), progress, validator });
      assert.ok(counts.length >= 4 && h.epochs.length === counts.length);
      // Variables plus the optimizer's state (Adam: two moments per variable and two accumulators) after every epoch.
      assert.deepEqual(counts, new Array(counts.length).fill(counts[0]), "the tensor count does not grow from epoch to epoch");
      assert.equal(tf.memory().numTensors - before, entry.variables, "only the model's variables remain after fit");
      m.dispose();
      assert.equal(tf.memory().numTensors, before);
    });

    test("is deterministic under a seed", async () => {
      const users = Int32Array.from({ length: 40 }, (_, k) => k);
      const items = Int32Array.from({ length: 40 }, (_, k) => (k * 7) % 40);
      const runs: Float32Array[] = [];
      for (const seed of [5, 5, 6]) {
        const m = await entry.create(3);
        await m.fit(data.train, { rng: new Rng(seed), progress: silentProgress });
        runs.push(m.logits(users, items));
        m.dispose();
      }
      assert.deepEqual(runs[0], runs[1]);
      assert.notDeepEqual(runs[0], runs[2], "another seed gives another model");
    });

    test("users and items without interactions get a finite score that does not depend on who they are", async () => {
      // Users 0, 1 and items 0, 1 lose their interactions but keep their indices.
      const keep: number[] = [];
      for (let k = 0; k < data.train.size; k++) if (data.train.users[k] > 1 && data.train.items[k] > 1) keep.push(k);
      const reduced = selectRatings(data.train, keep);
      const m = entry.label === "NeuMF (pretrained)" ? await pretrained(reduced) : await entry.create(3);
      await m.fit(reduced, { rng: new Rng(2), progress: silentProgress });
      const s = m.score(Int32Array.from([0, 1, 0, 5, 5]), Int32Array.from([7, 7, 0, 0, 1]));
      m.dispose();
      assert.ok(s.every(Number.isFinite));
      assert.equal(s[0], s[1], "two unseen users on the same item");
      assert.equal(s[3], s[4], "two unseen items for the same user");
    });
  });
}

test("scores are probabilities σ(logit); indices are checked; nothing scores before fit", async () => {
  const m = createGmf({ training: fast(2) });
  assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  await m.fit(data.train, { rng: new Rng(1), progress: silentProgress });
  const u = Int32Array.from([0, 3, 39]);
  const i = Int32Array.from([1, 20, 39]);
  const z = m.logits(u, i);
  m.score(u, i).forEach((p, k) => assert.ok(Math.abs(p - 1 / (1 + Math.exp(-z[k]))) < 1e-6));
  assert.throws(() => m.score(Int32Array.from([40]), Int32Array.from([0])), /users\[0\] = 40/);
  assert.throws(() => m.score(Int32Array.from([0, 0]), Int32Array.from([0, -1])), /items\[1\] = -1/);
  assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0, 1])), /differ in length/);
  m.dispose();
  for (const f of [() => createNcfMlp(), () => createNeuMf()]) assert.throws(() => f().score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
});

test("bad hyperparameters throw errors naming the field", () => {
  assert.throws(() => createGmf({ dim: 0 }), /GmfConfig\.dim/);
  assert.throws(() => createGmf({ initStd: -1 }), /GmfConfig\.initStd/);
  assert.throws(() => createGmf({ training: { negatives: 1.5 } }), /GmfConfig\.training\.negatives/);
  assert.throws(() => createGmf({ training: { batchSize: 0 } }), /GmfConfig\.training\.batchSize/);
  assert.throws(() => createNcfMlp({ layers: [15, 8] }), /NcfMlpConfig\.layers\[0\]/);
  assert.throws(() => createNcfMlp({ layers: [] }), /NcfMlpConfig\.layers/);
  assert.throws(() => createNcfMlp({ layers: [16, 0] }), /NcfMlpConfig\.layers/);
  assert.throws(() => createNeuMf({ dim: 2.5 }), /NeuMfConfig\.dim/);
  assert.throws(() => createNeuMf({ training: { learningRate: 0 } }), /NeuMfConfig\.training\.learningRate/);
  assert.throws(() => createNeuMf({ training: { optimizer: "rmsprop" as "sgd" } }), /NeuMfConfig\.training\.optimizer/);
});
