import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { applyDense, applyTower, createDenseLayer, createTower, disposeDense, uniformLimit } from "../../../src/models/ncf/dense-layer";
import { Rng } from "../../../src/random/rng";
import { useTestBackend } from "../../helpers/test-backend";

before(useTestBackend);

test("dense layer: known forward values and hand-derived gradients for relu and linear", () => {
  const layer = createDenseLayer(2, 2, new Rng(1), "glorot-uniform");
  layer.kernel.assign(tf.tensor2d([[1, -1], [2, 0.5]]));
  layer.bias.assign(tf.tensor1d([0.5, -1]));
  const x = tf.tensor2d([[1, 1], [-1, 2]]);
  // x W + b = [[1 + 2 + 0.5, -1 + 0.5 - 1], [-1 + 4 + 0.5, 1 + 1 - 1]] = [[3.5, -1.5], [3.5, 1]]
  assert.deepEqual(Array.from(applyDense(layer, x, "linear").dataSync()), [3.5, -1.5, 3.5, 1]);
  assert.deepEqual(Array.from(applyDense(layer, x, "relu").dataSync()), [3.5, 0, 3.5, 1]);
  // d sum(relu(xW + b)) / dW: column j gets sum over rows with positive output of x[row]: col 0 rows 0,1; col 1 row 1.
  const grads = tf.variableGrads(() => tf.sum(applyDense(layer, x, "relu")) as tf.Scalar, [layer.kernel, layer.bias]).grads;
  assert.deepEqual(Array.from(grads[layer.kernel.name].dataSync()), [0, -1, 3, 2]);
  assert.deepEqual(Array.from(grads[layer.bias.name].dataSync()), [2, 1]);
  const dx = tf.grad((input: tf.Tensor) => tf.sum(applyDense(layer, input as tf.Tensor2D, "relu")))(x);
  // row 0 only column 0 is active: W[:, 0] = [1, 2]; row 1 both: [1 - 1, 2 + 0.5]
  assert.deepEqual(Array.from(dx.dataSync()), [1, 2, 0, 2.5]);
  disposeDense([layer]);
});

test("dense tower: gradients match TF.js's own fused matMul gradients on random inputs", () => {
  const rng = new Rng(3);
  const tower = createTower([12, 6, 3], rng);
  const x = tf.variable(tf.randomNormal([50, 12], 0, 1, "float32", 7));
  const vars = [x, ...tower.flatMap((l) => [l.kernel, l.bias])];
  const ours = tf.variableGrads(() => tf.sum(tf.square(applyTower(tower, x as tf.Tensor2D))) as tf.Scalar, vars).grads;
  const stock = tf.variableGrads(() => {
    let h = x as tf.Tensor2D;
    for (const l of tower) h = tf.fused.matMul({ a: h, b: l.kernel as tf.Tensor2D, bias: l.bias, activation: "relu" }) as tf.Tensor2D;
    return tf.sum(tf.square(h)) as tf.Scalar;
  }, vars).grads;
  for (const v of vars) {
    const a = ours[v.name].dataSync();
    const b = stock[v.name].dataSync();
    let scale = 0;
    for (const t of b) scale = Math.max(scale, Math.abs(t));
    assert.ok(scale > 0, "the check needs non-zero gradients");
    a.forEach((t, k) => assert.ok(Math.abs(t - b[k]) <= 1e-5 * scale, `${v.name}[${k}]: ${t} vs ${b[k]}`));
  }
  disposeDense(tower);
  x.dispose();
});

test("kernels are drawn within the Glorot / LeCun limits from the seed; biases start at zero", () => {
  const a = createDenseLayer(20, 10, new Rng(5), "glorot-uniform");
  const b = createDenseLayer(20, 10, new Rng(5), "lecun-uniform");
  const ka = a.kernel.dataSync();
  const kb = b.kernel.dataSync();
  assert.equal(uniformLimit("glorot-uniform", 20, 10), Math.sqrt(6 / 30));
  assert.equal(uniformLimit("lecun-uniform", 20, 10), Math.sqrt(3 / 20));
  let maxA = 0;
  for (let k = 0; k < ka.length; k++) {
    maxA = Math.max(maxA, Math.abs(ka[k]));
    // same draws, different limits
    assert.ok(Math.abs(kb[k] - ka[k] * Math.sqrt(3 / 20) / Math.sqrt(6 / 30)) < 1e-6);
  }
  assert.ok(maxA <= Math.sqrt(6 / 30) && maxA > 0.8 * Math.sqrt(6 / 30));
  assert.deepEqual(Array.from(a.bias.dataSync()), new Array(10).fill(0));
  assert.throws(() => createDenseLayer(0, 3, new Rng(1), "lecun-uniform"), /fanIn/);
  disposeDense([a, b]);
});
