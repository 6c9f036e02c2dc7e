import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import { scatterAddRows } from "../../src/backend/scatter-add-kernel";
import { hasFastKernels, registerFastKernels } from "../../src/backend/fast-kernels";
import { expectNoLeak } from "../../src/backend/count-tensors";
import { Rng } from "../../src/random/rng";

const BACKENDS = ["wasm", "cpu"] as const;

describe("scatterAddRows (pure)", () => {
  it("adds rows into their segments and skips out-of-range ids", () => {
    const out = new Float32Array(6);
    scatterAddRows(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), [2, -1, 2, 3], 2, 3, out);
    assert.deepEqual(Array.from(out), [0, 0, 0, 0, 6, 8]);
  });

  it("rejects arrays of the wrong size", () => {
    assert.throws(() => scatterAddRows(new Float32Array(3), [0, 1], 2, 2, new Float32Array(4)), /x has 3 elements/);
    assert.throws(() => scatterAddRows(new Float32Array(4), [0, 1], 2, 2, new Float32Array(5)), /out has 5 elements/);
  });
});

describe("registerFastKernels", () => {
  it("is idempotent and replaces the stock cpu kernel", () => {
    registerFastKernels();
    assert.deepEqual(registerFastKernels(), []);
    assert.ok(hasFastKernels("wasm"));
    assert.ok(hasFastKernels("cpu"));
    tf.unregisterKernel(tf.UnsortedSegmentSum, "cpu");
    assert.equal(hasFastKernels("cpu"), false);
    assert.deepEqual(registerFastKernels(), ["cpu/UnsortedSegmentSum"]);
    assert.ok(hasFastKernels("cpu"));
  });
});

for (const backend of BACKENDS) {
  describe(`UnsortedSegmentSum on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("matches the hand-computed sum with repeated ids and an empty segment", () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const ids = tf.tensor1d([2, 0, 2, 1], "int32");
      const out = tf.unsortedSegmentSum(x, ids, 4);
      assert.equal(tf.getBackend(), backend);
      assert.equal(out.dtype, "float32");
      assert.deepEqual(out.shape, [4, 2]);
      assert.deepEqual(out.arraySync(), [[3, 4], [7, 8], [6, 8], [0, 0]]);
      tf.dispose([x, ids, out]);
    });

    it("ignores ids outside [0, numSegments)", () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const ids = tf.tensor1d([1, 3, -1, 1], "int32");
      const out = tf.unsortedSegmentSum(x, ids, 3);
      assert.deepEqual(out.arraySync(), [[0, 0], [8, 10], [0, 0]]);
      tf.dispose([x, ids, out]);
    });

    it("sums int32 values into an int32 result", () => {
      const x = tf.tensor2d([[1, -2], [30, 40], [500, 600]], [3, 2], "int32");
      const ids = tf.tensor1d([0, 0, 1], "int32");
      const out = tf.unsortedSegmentSum(x, ids, 2);
      assert.equal(out.dtype, "int32");
      assert.deepEqual(out.arraySync(), [[31, 38], [500, 600]]);
      tf.dispose([x, ids, out]);
    });

    it("handles 1-D data, higher-rank rows and empty inputs", () => {
      const v = tf.tensor1d([1, 2, 3, 4]);
      const vIds = tf.tensor1d([1, 1, 0, 1], "int32");
      assert.deepEqual(tf.unsortedSegmentSum(v, vIds, 2).arraySync(), [3, 7]);
      const x3 = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
      const ids3 = tf.tensor1d([1, 1], "int32");
      assert.deepEqual(tf.unsortedSegmentSum(x3, ids3, 2).arraySync(), [[[0, 0], [0, 0]], [[6, 8], [10, 12]]]);
      const empty = tf.unsortedSegmentSum(tf.zeros([0, 3]), tf.tensor1d([], "int32"), 2);
      assert.deepEqual(empty.arraySync(), [[0, 0, 0], [0, 0, 0]]);
    });

    it("matches a naive reference on seeded random data", () => {
      const rng = new Rng(11);
      const n = 500, dim = 5, numSegments = 37;
      const xs = Array.from({ length: n * dim }, () => rng.int(2001) / 100 - 10);
      const ids = Array.from({ length: n }, () => rng.int(numSegments + 6) - 3);
      const expected = new Float32Array(numSegments * dim);
      ids.forEach((s, i) => {
        if (s < 0 || s >= numSegments) return;
        for (let j = 0; j < dim; j++) expected[s * dim + j] = Math.fround(expected[s * dim + j] + Math.fround(xs[i * dim + j]));
      });
      const out = tf.unsortedSegmentSum(tf.tensor2d(xs, [n, dim]), tf.tensor1d(ids, "int32"), numSegments);
      assert.deepEqual(out.dataSync(), expected);
    });

    it("matches the naive reference bit for bit with every id in range (the wasm row-kernel path), rows of 64, 5 and 1", () => {
      const rng = new Rng(12);
      for (const dim of [64, 5, 1]) {
        const n = 700, numSegments = 41;
        const xs = Float32Array.from({ length: n * dim }, () => (rng.next() - 0.5) * 10 ** (rng.int(7) - 3));
        const ids = Int32Array.from({ length: n }, () => rng.int(numSegments));
        const expected = new Float32Array(numSegments * dim);
        ids.forEach((s, i) => {
          for (let j = 0; j < dim; j++) expected[s * dim + j] = Math.fround(expected[s * dim + j] + xs[i * dim + j]);
        });
        const out = tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(xs, [n, dim]), tf.tensor1d(ids, "int32"), numSegments).dataSync());
        assert.deepEqual(out, expected, `rows of ${dim}`);
      }
    });

    it("leaks no tensors", () => {
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const ids = tf.tensor1d([1, 0], "int32");
      assert.equal(expectNoLeak(() => tf.tidy(() => tf.sum(tf.unsortedSegmentSum(x, ids, 5)).dataSync())), 0);
      tf.dispose([x, ids]);
    });

    it("gives the gradient of tf.gather through tf.grad", () => {
      const table = tf.tensor2d([[1, 1], [2, 2], [3, 3], [4, 4]]);
      const ids = tf.tensor1d([3, 1, 3], "int32");
      const w = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const g = tf.grad((e: tf.Tensor) => tf.sum(tf.mul(tf.gather(e, ids), w)))(table);
      assert.deepEqual(g.arraySync(), [[0, 0], [3, 4], [0, 0], [6, 8]]);
      tf.dispose([table, ids, w, g]);
    });

    it("gives matrix-factorisation gradients through variableGrads", () => {
      const users = tf.variable(tf.tensor2d([[1, 0], [0, 1]]), true, `U_${backend}`);
      const items = tf.variable(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), true, `V_${backend}`);
      const userBias = tf.variable(tf.tensor1d([0.5, -0.5]), true, `bu_${backend}`);
      const u = tf.tensor1d([0, 1, 0], "int32");
      const i = tf.tensor1d([2, 0, 2], "int32");
      const { value, grads } = tf.variableGrads(() =>
        tf.sum(tf.add(tf.sum(tf.mul(tf.gather(users, u), tf.gather(items, i)), 1), tf.gather(userBias, u))),
      );
      // dot products 5, 2, 5 plus biases 0.5, -0.5, 0.5
      assert.equal(value.arraySync(), 12.5);
      assert.deepEqual(grads[users.name].arraySync(), [[10, 12], [1, 2]]);
      assert.deepEqual(grads[items.name].arraySync(), [[0, 1], [0, 0], [2, 0]]);
      assert.deepEqual(grads[userBias.name].arraySync(), [2, 1]);
      tf.dispose([users, items, userBias, u, i, value, ...Object.values(grads)]);
    });

    it("trains an embedding with Adam, leaving untouched rows unchanged", () => {
      const table = tf.variable(tf.tensor2d([[1, 1], [2, 2], [3, 3]]), true, `E_${backend}`);
      const ids = tf.tensor1d([0, 2], "int32");
      const target = tf.tensor2d([[0, 0], [0, 0]]);
      const opt = tf.train.adam(0.1);
      for (let step = 0; step < 3; step++) {
        opt.minimize(() => tf.losses.meanSquaredError(target, tf.gather(table, ids)) as tf.Scalar);
      }
      const after = table.arraySync();
      assert.deepEqual(after[1], [2, 2]);
      assert.ok(after[0][0] < 1 && after[2][1] < 3);
      opt.dispose();
      tf.dispose([table, ids, target]);
    });

    it("fits a tfjs-layers embedding model", async () => {
      const model = tfl.sequential({
        layers: [
          tfl.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 1 }),
          tfl.layers.flatten(),
          tfl.layers.dense({ units: 1, activation: "sigmoid" }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
      const xs = tf.tensor2d([0, 1, 2, 3, 4, 5, 6, 7], [8, 1], "int32");
      const ys = tf.tensor2d([0, 1, 0, 1, 0, 1, 0, 1], [8, 1]);
      const history = await model.fit(xs, ys, { epochs: 2, batchSize: 4, verbose: 0 });
      assert.equal(history.history.loss.length, 2);
      assert.ok(Number.isFinite(Number(history.history.loss[1])));
      model.dispose();
      tf.dispose([xs, ys]);
    });
  });
}
