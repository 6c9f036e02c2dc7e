import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createGmf } from "../../../src/models/ncf/gmf";
import { createNcfMlp } from "../../../src/models/ncf/ncf-mlp";
import { createPretrainedNeuMf } from "../../../src/models/ncf/neumf-pretraining";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import { useTestBackend } from "../../helpers/test-backend";
import { twoGroups } from "./two-groups";

before(useTestBackend);

const data = twoGroups();
const training = { epochs: 5, batchSize: 64, learningRate: 0.01, patience: 0 };
const users = Int32Array.from({ length: 200 }, (_, k) => k % 40);
const items = Int32Array.from({ length: 200 }, (_, k) => (k * 13) % 40);

async function trainedPair() {
  const gmf = createGmf({ dim: 4, training });
  const mlp = createNcfMlp({ layers: [16, 8, 4], training });
  await gmf.fit(data.train, { rng: new Rng(1), progress: silentProgress });
  await mlp.fit(data.train, { rng: new Rng(2), progress: silentProgress });
  return { gmf, mlp };
}

test("a pretrained NeuMF scores σ(α logit_GMF + (1 - α) logit_MLP) before fine-tuning", async () => {
  const { gmf, mlp } = await trainedPair();
  const zg = gmf.logits(users, items);
  const zm = mlp.logits(users, items);
  for (const alpha of [0.5, 0.2]) {
    const neumf = createPretrainedNeuMf(gmf, mlp, { alpha });
    const z = neumf.logits(users, items);
    const p = neumf.score(users, items);
    for (let k = 0; k < users.length; k++) {
      const want = alpha * zg[k] + (1 - alpha) * zm[k];
      assert.ok(Math.abs(z[k] - want) < 1e-5, `alpha ${alpha}, pair ${k}: logit ${z[k]} vs ${want}`);
      assert.ok(Math.abs(p[k] - 1 / (1 + Math.exp(-want))) < 1e-6, `alpha ${alpha}, pair ${k}: score ${p[k]}`);
    }
    neumf.dispose();
  }
  gmf.dispose();
  mlp.dispose();
});

test("pretraining copies embeddings and tower exactly; fine-tuning changes the copy, not GMF and MLP", async () => {
  const { gmf, mlp } = await trainedPair();
  const neumf = createPretrainedNeuMf(gmf, mlp, { training: { epochs: 2, batchSize: 64, learningRate: 0.1 } });
  assert.equal(neumf.config.training.optimizer, "sgd", "vanilla SGD after pretraining, as in the paper");
  const w = neumf.weights();
  const same = (a: tf.Tensor, b: tf.Tensor) => assert.deepEqual(a.dataSync(), b.dataSync());
  same(w.gmf.users, gmf.weights().embeddings.users);
  same(w.gmf.items, gmf.weights().embeddings.items);
  same(w.mlp.users, mlp.weights().embeddings.users);
  same(w.mlp.items, mlp.weights().embeddings.items);
  w.tower.forEach((l, k) => { same(l.kernel, mlp.weights().tower[k].kernel); same(l.bias, mlp.weights().tower[k].bias); });
  const h = Array.from(w.output.kernel.dataSync());
  const hg = Array.from(gmf.weights().output.kernel.dataSync());
  const hm = Array.from(mlp.weights().output.kernel.dataSync());
  assert.deepEqual(h, [...hg.map((v) => Math.fround(0.5 * v)), ...hm.map((v) => Math.fround(0.5 * v))]);

  const zg = gmf.logits(users, items);
  const before = neumf.logits(users, items);
  await neumf.fit(data.train, { rng: new Rng(3), progress: silentProgress });
  const after = neumf.logits(users, items);
  assert.notDeepEqual(after, before, "fine-tuning moved the NeuMF");
  assert.deepEqual(gmf.logits(users, items), zg, "the GMF it came from is untouched");
  // Every fit restarts from the pretrained weights: a second fit with the same seed gives the same model.
  await neumf.fit(data.train, { rng: new Rng(3), progress: silentProgress });
  assert.deepEqual(neumf.logits(users, items), after);
  gmf.dispose();
  mlp.dispose();
  assert.deepEqual(neumf.logits(users, items), after, "the NeuMF holds its own copies");
  neumf.dispose();
});

test("pretraining refuses a bad alpha, untrained inputs and another index space", async () => {
  const { gmf, mlp } = await trainedPair();
  const before = tf.memory().numTensors;
  assert.throws(() => createPretrainedNeuMf(gmf, mlp, { alpha: 1.5 }), /alpha/);
  assert.throws(() => createPretrainedNeuMf(gmf, mlp, { training: { learningRate: -1 } }), /learningRate/);
  assert.equal(tf.memory().numTensors, before, "a refused configuration leaves no copies behind");
  assert.throws(() => createPretrainedNeuMf(createGmf(), mlp), /before fit/);
  const neumf = createPretrainedNeuMf(gmf, mlp);
  const other = { ...data.train, numUsers: 41, userIds: [...data.train.userIds, "extra"] };
  await assert.rejects(neumf.fit(other, { rng: new Rng(1), progress: silentProgress }), /41 users/);
  neumf.dispose();
  gmf.dispose();
  mlp.dispose();
});
