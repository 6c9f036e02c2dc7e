import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createGmf } from "../../../src/models/ncf/gmf";
import { binaryCrossEntropyWithLogits } from "../../../src/models/ncf/implicit-tf-trainer";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import { useTestBackend } from "../../helpers/test-backend";
import { interactions } from "./two-groups";

before(useTestBackend);

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

test("binary cross-entropy of logits: known values, stable at large |z|", () => {
  // signs: -1 for label 1, +1 for label 0.
  const z = tf.tensor1d([0, 0, 2, 2, -100, 100, 100]);
  const s = tf.tensor1d([-1, 1, -1, 1, -1, 1, -1]);
  const got = Array.from(binaryCrossEntropyWithLogits(z, s).dataSync());
  const want = [Math.LN2, Math.LN2, Math.log(1 + Math.exp(-2)), Math.log(1 + Math.exp(2)), 100, 100, 0];
  got.forEach((v, k) => assert.ok(Math.abs(v - want[k]) < 1e-4 * Math.max(1, want[k]), `loss ${k}: ${v} vs ${want[k]}`));
  z.dispose();
  s.dispose();
});

test("GMF, dim 1: one SGD step on one positive equals the hand-computed log-loss step", async () => {
  // One user, one item, no negatives: z = h p q + b, loss = -log σ(z), dL/dz = σ(z) - 1 =: g.
  // p' = p - lr g h q, q' = q - lr g h p, h' = h - lr g p q, b' = b - lr g (b starts at 0).
  const one = interactions([0], [0], 1, 1);
  const lr = 0.5;
  const m = createGmf({ dim: 1, initStd: 0.5, training: { epochs: 1, batchSize: 1, optimizer: "sgd", learningRate: lr, negatives: 0, patience: 0 } });
  const probe = new Rng(21);
  // GMF draws the user table, the item table (N(0, 0.5²)), then h ~ U(±sqrt(3 / 1)) (LeCun uniform).
  const p = probe.normal() * 0.5;
  const q = probe.normal() * 0.5;
  const h = (probe.next() * 2 - 1) * Math.sqrt(3);
  await m.fit(one, { rng: new Rng(21), progress: silentProgress });
  const g = sigmoid(h * p * q) - 1;
  const p2 = p - lr * g * h * q;
  const q2 = q - lr * g * h * p;
  const h2 = h - lr * g * p * q;
  const b2 = -lr * g;
  const expected = h2 * p2 * q2 + b2;
  const got = m.logits(Int32Array.from([0]), Int32Array.from([0]))[0];
  assert.ok(Math.abs(got - expected) < 1e-5, `logit ${got} vs hand-computed ${expected}`);
  assert.ok(Math.abs(m.score(Int32Array.from([0]), Int32Array.from([0]))[0] - sigmoid(expected)) < 1e-6);
  m.dispose();
});

test("GMF, dim 1: a step on positives and sampled negatives (labels 1 and 0, mean loss) equals the hand computation", async () => {
  // Users 0 and 1 interact with items 0 and 1 respectively; with 1 negative per positive the only possible
  // negatives are item 1 for user 0 and item 0 for user 1. One batch of the 4 examples, mean log loss:
  // for each example (u, i, y): g = (σ(h p_u q_i + b) - y) / 4; grad p_u += g h q_i; grad q_i += g h p_u;
  // grad h += g p_u q_i; grad b += g. Then every parameter moves by -lr * its gradient.
  const data = interactions([0, 1], [0, 1], 2, 2);
  const lr = 0.8;
  const m = createGmf({ dim: 1, initStd: 0.5, training: { epochs: 1, batchSize: 4, optimizer: "sgd", learningRate: lr, negatives: 1, patience: 0 } });
  const probe = new Rng(8);
  const p = [probe.normal() * 0.5, probe.normal() * 0.5];
  const q = [probe.normal() * 0.5, probe.normal() * 0.5];
  const h = (probe.next() * 2 - 1) * Math.sqrt(3);
  await m.fit(data, { rng: new Rng(8), progress: silentProgress });
  const examples: [number, number, number][] = [[0, 0, 1], [0, 1, 0], [1, 1, 1], [1, 0, 0]];
  const gp = [0, 0];
  const gq = [0, 0];
  let gh = 0;
  let gb = 0;
  for (const [u, i, y] of examples) {
    const g = (sigmoid(h * p[u] * q[i]) - y) / 4;
    gp[u] += g * h * q[i];
    gq[i] += g * h * p[u];
    gh += g * p[u] * q[i];
    gb += g;
  }
  const p2 = p.map((v, u) => v - lr * gp[u]);
  const q2 = q.map((v, i) => v - lr * gq[i]);
  const h2 = h - lr * gh;
  const b2 = -lr * gb;
  const got = m.logits(Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 1, 0, 1]));
  const want = [h2 * p2[0] * q2[0] + b2, h2 * p2[0] * q2[1] + b2, h2 * p2[1] * q2[0] + b2, h2 * p2[1] * q2[1] + b2];
  got.forEach((v, k) => assert.ok(Math.abs(v - want[k]) < 1e-5, `logit ${k}: ${v} vs hand-computed ${want[k]}`));
  m.dispose();
});

test("GMF: users and items without interactions keep zero embeddings and score the output bias", async () => {
  // Items 0..3; item 3 is never interacted with (so never a negative either); user 2 has no interactions.
  const data = interactions([0, 0, 1, 1], [0, 1, 1, 2], 3, 4);
  const m = createGmf({ dim: 3, training: { epochs: 5, batchSize: 4, learningRate: 0.05, negatives: 1, patience: 0 } });
  await m.fit(data, { rng: new Rng(4), progress: silentProgress });
  const w = m.weights();
  assert.deepEqual((await w.embeddings.items.array() as number[][])[3], [0, 0, 0]);
  assert.deepEqual((await w.embeddings.users.array() as number[][])[2], [0, 0, 0]);
  const b = w.output.bias.dataSync()[0];
  const z = m.logits(Int32Array.from([2, 2, 0, 1]), Int32Array.from([0, 2, 3, 3]));
  for (const v of z) assert.equal(v, b);
  m.dispose();
});
