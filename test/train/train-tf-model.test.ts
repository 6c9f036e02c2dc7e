import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import { createBiasedMf } from "../../src/models/biased-mf";
import { Rng } from "../../src/random/rng";
import { silentProgress, type ProgressReporter } from "../../src/train/progress";
import { useTestBackend } from "../helpers/test-backend";
import { plantedRatings } from "../helpers/planted-ratings";
import { randomSplit } from "../../src/data/splits/random-split";

before(useTestBackend);
const data = plantedRatings({ users: 60, items: 50, density: 0.5 });
const { train, test: validation } = randomSplit(data, new Rng(3), { testFraction: 0.2 });

test("an epoch leaks no tensors: tensor count is the same after 1 and after 4 epochs", async () => {
  const counts: number[] = [];
  for (const epochs of [1, 4]) {
    const m = createBiasedMf({ dim: 4, training: { epochs, patience: 0, batchSize: 64, optimizer: "adam", lossReduction: "mean", learningRate: 0.01 } });
    const before = tf.memory().numTensors;
    await m.fit(train, { rng: new Rng(1), validation, progress: silentProgress });
    counts.push(tf.memory().numTensors - before);
    m.dispose();
    assert.equal(tf.memory().numTensors, before, "dispose releases everything");
  }
  assert.equal(counts[0], 4, "only the model's four variables remain after fit");
  assert.equal(counts[1], counts[0]);
});

test("early stopping stops after `patience` flat epochs and restores the best epoch's weights", async () => {
  // A learning rate this large makes validation RMSE rise after the first epochs.
  const epochsSeen: number[] = [];
  const progress: ProgressReporter = { ...silentProgress, epoch: (r) => epochsSeen.push(r.validation!.rmse) };
  const m = createBiasedMf({ dim: 8, regFactors: 0, initStd: 0.5, training: { epochs: 200, patience: 3, batchSize: 16, learningRate: 0.05 } });
  const h = await m.fit(train, { rng: new Rng(4), validation, progress });
  assert.ok(h.stoppedEarly, "stopped before 200 epochs");
  assert.equal(h.epochs.length, h.bestEpoch + 3);
  const best = Math.min(...epochsSeen);
  assert.equal(h.epochs[h.bestEpoch - 1].validation!.rmse, best);
  const p = m.predict(validation.users, validation.items);
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (p[k] - validation.values[k]) ** 2;
  assert.ok(Math.abs(Math.sqrt(s / p.length) - best) < 1e-5, "the kept weights score the best validation RMSE");
  m.dispose();
});

test("summed-loss SGD on a batch of one equals the hand-written per-rating update", async () => {
  // One rating r = 4 with mu = 4 (so the first error is -(p·q)): after one step,
  // p' = p - lr (e q + reg p), with e = p·q + mu - r = p·q.
  const one = { ...data, users: Int32Array.from([0]), items: Int32Array.from([0]), values: Float32Array.from([4]), size: 1 };
  const m = createBiasedMf({ dim: 2, regFactors: 0.1, regBias: 0, initStd: 0.3, training: { epochs: 1, patience: 0, batchSize: 1, learningRate: 0.1 } });
  const rng = new Rng(9);
  const probe = new Rng(9);
  // The model draws user factors first (numUsers x dim), then item factors.
  const p = [probe.normal() * 0.3, probe.normal() * 0.3];
  for (let k = 0; k < (data.numUsers - 1) * 2; k++) probe.normal();
  const q = [probe.normal() * 0.3, probe.normal() * 0.3];
  await m.fit(one, { rng, progress: silentProgress });
  const e = p[0] * q[0] + p[1] * q[1];
  const p2 = p.map((v, k) => v - 0.1 * (e * q[k] + 0.1 * v));
  const q2 = q.map((v, k) => v - 0.1 * (e * p[k] + 0.1 * v));
  const bias = -0.1 * e; // b_u and b_i each move by -lr * e
  const expected = 4 + 2 * bias + p2[0] * q2[0] + p2[1] * q2[1];
  const got = m.predict(Int32Array.from([0]), Int32Array.from([0]))[0];
  assert.ok(Math.abs(got - expected) < 1e-5, `prediction ${got} vs hand-computed ${expected}`);
  m.dispose();
});
