import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { denseLayer } from "../../src/models/dense-layer";
import { glorotUniformTensor, randomNormalTensor } from "../../src/models/random-init";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test("denseLayer has the values and gradients of relu(x W + b) / x W + b computed the stock way", () => {
  const rng = new Rng(3);
  // in < out and in > out take the two forms of the kernel gradient.
  for (const [inWidth, outWidth] of [[5, 7], [9, 4]]) {
    for (const activation of ["relu", "linear"] as const) {
      const x = randomNormalTensor([6, inWidth], 1, rng) as tf.Tensor2D;
      const w = glorotUniformTensor(inWidth, outWidth, rng);
      const b = randomNormalTensor([outWidth], 0.5, rng) as tf.Tensor1D;
      const weights = randomNormalTensor([6, outWidth], 1, rng);
      const stock = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => {
        const z = tf.add(tf.matMul(xs as tf.Tensor2D, ws as tf.Tensor2D), bs);
        return tf.sum(tf.mul(activation === "relu" ? tf.relu(z) : z, weights));
      };
      const mine = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => tf.sum(tf.mul(denseLayer(xs as tf.Tensor2D, ws as tf.Tensor2D, bs as tf.Tensor1D, activation), weights));
      const expected = tf.grads(stock)([x, w, b]);
      const got = tf.grads(mine)([x, w, b]);
      ["x", "W", "b"].forEach((name, k) => {
        assert.deepEqual(got[k].shape, expected[k].shape);
        assert.ok(maxAbsDiff(got[k], expected[k]) < 1e-5, `${activation} ${inWidth}->${outWidth}: gradient of ${name}`);
      });
      const value = denseLayer(x, w, b, activation);
      const z = tf.add(tf.matMul(x, w), b);
      assert.ok(maxAbsDiff(value, activation === "relu" ? tf.relu(z) : z) < 1e-6, "values");
      tf.dispose([x, w, b, weights, value, z, ...expected, ...got]);
    }
  }
});

test("glorotUniformTensor draws from U(-l, l), l = sqrt(6 / (fanIn + fanOut)), reproducibly", () => {
  const a = glorotUniformTensor(40, 20, new Rng(5));
  const b = glorotUniformTensor(40, 20, new Rng(5));
  const values = a.dataSync();
  const limit = Math.sqrt(6 / 60);
  assert.deepEqual(a.shape, [40, 20]);
  assert.ok(values.every((v) => Math.abs(v) <= limit));
  assert.ok(Math.max(...values) > 0.9 * limit && Math.min(...values) < -0.9 * limit, "fills the interval");
  assert.deepEqual(values, b.dataSync());
  assert.throws(() => glorotUniformTensor(0, 3, new Rng(1)), /fanIn and fanOut/);
  tf.dispose([a, b]);
});
