/** FusedAdam: the parameters of tf.train.adam to the bit, over several steps, on the wasm kernel's path. */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { FusedAdam } from "../../src/train/fused-adam";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

/** Runs `steps` Adam steps on a small model (sizes 4 x 7, 7 x 1 and 3: SIMD lanes and tails); returns the losses and values. */
function train(step: (f: () => tf.Scalar, vars: tf.Variable[]) => tf.Scalar, steps: number): { losses: number[]; values: number[][] } {
  const rng = new Rng(4);
  const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);
  const initial = [tf.tensor2d(rand(28), [4, 7]), tf.tensor2d(rand(7), [7, 1]), tf.tensor1d(rand(3))];
  const [w1, w2, b] = initial.map((t) => tf.variable(t));
  const x = tf.tensor2d(rand(20), [5, 4]);
  const y = tf.tensor2d(rand(5), [5, 1]);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const loss = step(() => tf.tidy(() => tf.add(tf.mean(tf.square(tf.sub(tf.matMul(tf.tanh(tf.matMul(x, w1)), w2), y))), tf.sum(tf.square(tf.mul(b, 1e-3 * (s + 1))))) as tf.Scalar), [w1, w2, b]);
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const values = [w1, w2, b].map((v) => Array.from(v.dataSync()));
  tf.dispose([w1, w2, b, x, y, ...initial]);
  return { losses, values };
}

test("equals tf.train.adam bit for bit over 30 steps (and frees what it allocates)", () => {
  const stock = tf.train.adam(0.05);
  const expected = train((f, vars) => stock.minimize(f, true, vars) as tf.Scalar, 30);
  stock.dispose();
  const fused = new FusedAdam(0.05);
  assert.equal(fused.fused, tf.getBackend() === "wasm");
  const before = tf.memory().numTensors;
  const actual = train((f, vars) => fused.minimize(f, vars), 30);
  fused.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(actual.losses, expected.losses);
  assert.deepEqual(actual.values, expected.values);
  // The parameters moved: the comparison is not between two untouched models.
  assert.ok(expected.losses[29] < expected.losses[0] * 0.9, `losses ${expected.losses[0]} -> ${expected.losses[29]}`);
});
