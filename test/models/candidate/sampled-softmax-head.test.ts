/**
 * The sampled softmax's fused head (softmaxFirstRows inside sampledSoftmaxLoss): its value and gradients equal,
 * bit for bit, the TF.js composition it replaced (concat, max, sub, exp, sum, div, log, mean and TF.js's own
 * gradients of it), and TF.js's autodiff of logsumexp within float32 rounding.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { drawOffsets, sampledSoftmaxLoss, softmaxFirstRows } from "../../../src/models/candidate/sampled-softmax";
import * as path from "node:path";
import { CANDIDATE_KERNELS_WASM_BASE64 } from "../../../src/backend/wasm/candidate-kernels-binary";
import { Rng } from "../../../src/random/rng";
import { compileWat } from "../../../scripts/compile-wat";
import { useTestBackend } from "../../helpers/test-backend";

before(useTestBackend);

/** The previous implementation: the loss as TF.js ops, differentiated by TF.js (autodiff of every op but exp's). */
function composedLoss(positive: tf.Tensor1D, negative: tf.Tensor2D, offsets: Float32Array): tf.Scalar {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const n = z.shape[0];
    const shifted = tf.sub(z, tf.max(z, 1, true));
    const e = tf.exp(shifted);
    const sums = tf.sum(e, 1, true);
    const p = tf.div(e, sums);
    save([p]);
    const first = tf.reshape(tf.slice(shifted, [0, 0], [n, 1]), [n]);
    return {
      value: tf.mean(tf.sub(tf.reshape(tf.log(sums), [n]), first)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const onehot = tf.oneHot(tf.zeros([n], "int32") as tf.Tensor1D, saved[0].shape[1]!);
        return tf.mul(tf.sub(saved[0], onehot), tf.div(dy, n));
      },
    };
  });
  const corrected = tf.add(negative, tf.tensor2d(offsets, negative.shape));
  return f(tf.concat([tf.expandDims(positive, 1), corrected], 1) as tf.Tensor2D) as tf.Scalar;
}

/** A batch of logits with accidental hits, a log-Q correction and a wide spread of values. */
function batch(n: number, k: number, seed: number, spread = 12) {
  const rng = new Rng(seed);
  const positive = Float32Array.from({ length: n }, () => (rng.next() - 0.5) * 8);
  const negative = Float32Array.from({ length: n * k }, () => (rng.next() - 0.5) * spread);
  const targets = Int32Array.from({ length: n }, () => rng.int(40));
  const drawn = Int32Array.from({ length: k }, () => rng.int(40));
  const logQ = Float32Array.from({ length: k }, () => Math.log(k * (0.001 + rng.next() * 0.05)));
  return { positive, negative, targets, drawn, logQ, offsets: drawOffsets(targets, drawn, logQ) };
}

describe("the fused sampled-softmax head", () => {
  const bitForBit = (spread = 12) => {
    const b = batch(67, 129, 5, spread);
    assert.ok(b.offsets.some((o) => o === -1e9), "the case has accidental hits");
    const run = (loss: (p: tf.Tensor1D, q: tf.Tensor2D) => tf.Scalar) => tf.tidy(() => {
      const p = tf.tensor1d(b.positive);
      const q = tf.tensor2d(b.negative, [67, 129]);
      // An upstream gradient other than 1, as a weighted loss would pass.
      const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.mul(loss(x as tf.Tensor1D, y as tf.Tensor2D), 0.37))([p, q]);
      return { value: loss(p, q).dataSync()[0], dp: g[0].dataSync(), dq: g[1].dataSync() };
    });
    const fused = run((p, q) => sampledSoftmaxLoss(p, q, tf.tensor1d(b.targets, "int32"), tf.tensor1d(b.drawn, "int32"), tf.tensor1d(b.logQ)));
    const composed = run((p, q) => composedLoss(p, q, b.offsets));
    assert.ok(Object.is(fused.value, composed.value), `loss ${fused.value} against ${composed.value}`);
    assert.deepEqual(Array.from(fused.dp), Array.from(composed.dp));
    assert.deepEqual(Array.from(fused.dq), Array.from(composed.dq));
    // The JavaScript loop (other backends' path, here with the current backend's arithmetic) gives the same rows.
    const probabilities = new Float32Array(67 * 130);
    softmaxFirstRows(b.positive, b.negative, b.offsets, 129, probabilities, new Float32Array(67), new Float32Array(67));
    const scale = Math.fround(Math.fround(0.37) / 67);
    for (let r = 0; r < 67; r++) {
      assert.ok(Object.is(Math.fround(Math.fround(probabilities[r * 130] - 1) * scale), fused.dp[r]), `row ${r}`);
      for (let m = 0; m < 129; m++) assert.ok(Object.is(Math.fround(probabilities[r * 130 + 1 + m] * scale), fused.dq[r * 129 + m]), `row ${r}, draw ${m}`);
    }
  };

  test("value and gradients equal the TF.js composition bit for bit (N = 67, k = 129, accidental hits masked)", () => bitForBit());

  test("the same with logits 300 apart (exp's subnormal results and underflow to 0)", () => bitForBit(600));

  test("the same on the cpu backend (its exp and row sums: the JavaScript path)", async () => {
    const before = tf.getBackend();
    assert.ok(await tf.setBackend("cpu"));
    try {
      bitForBit();
      bitForBit(600);
    } finally {
      await tf.setBackend(before);
    }
  });

  test("the committed binary is the compiled candidate-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
    const compiled = await compileWat(path.resolve(__dirname, "../../.."), "candidate-kernels");
    assert.equal(Buffer.from(compiled).toString("base64"), CANDIDATE_KERNELS_WASM_BASE64);
  });

  test("equals TF.js's autodiff of mean(logsumexp(z) − z_0) within float32 rounding", () => {
    const b = batch(9, 17, 8);
    const offsets = new Float32Array(9 * 17);
    const [fused, exact] = [0, 1].map((which) => tf.tidy(() => {
      const p = tf.tensor1d(b.positive);
      const q = tf.tensor2d(b.negative, [9, 17]);
      const loss = (x: tf.Tensor, y: tf.Tensor): tf.Scalar => which === 0
        ? sampledSoftmaxLoss(x as tf.Tensor1D, y as tf.Tensor2D, tf.tensor1d(new Int32Array(9).fill(-1), "int32"), tf.tensor1d(new Int32Array(17).fill(-2), "int32"), null)
        : tf.mean(tf.sub(tf.logSumExp(tf.concat([tf.expandDims(x, 1), y], 1), 1), x));
      const { value, grads } = tf.valueAndGrads(loss)([p, q]);
      return [value.dataSync()[0], ...grads[0].dataSync(), ...grads[1].dataSync()];
    }));
    assert.ok(offsets.every((o) => o === 0));
    fused.forEach((v, j) => assert.ok(Math.abs(v - exact[j]) < 1e-5, `entry ${j}: ${v} against ${exact[j]}`));
  });

  test("rejects inputs whose sizes do not fit (the kernel reads the heap by offset)", () => {
    tf.tidy(() => {
      const p = tf.tensor1d([1, 2]);
      const q = tf.zeros([2, 3]) as tf.Tensor2D;
      const t = tf.tensor1d([0, 1], "int32");
      assert.throws(() => sampledSoftmaxLoss(p, q, t, tf.tensor1d([0, 1], "int32"), null), /do not fit/);
      assert.throws(() => sampledSoftmaxLoss(p, q, tf.tensor1d([0], "int32"), tf.tensor1d([0, 1, 2], "int32"), null), /do not fit/);
      assert.throws(() => sampledSoftmaxLoss(p, q, t, tf.tensor1d([0, 1, 2], "int32"), tf.zeros([2]) as tf.Tensor1D), /do not fit/);
      assert.ok(Number.isFinite(sampledSoftmaxLoss(p, q, t, tf.tensor1d([0, 1, 2], "int32"), tf.zeros([3]) as tf.Tensor1D).dataSync()[0]));
    });
  });

  test("softmaxFirstRows: a hand-checked row (probabilities sum to 1, first = z_0 − max)", () => {
    const probabilities = new Float32Array(3);
    const sums = new Float32Array(1);
    const first = new Float32Array(1);
    softmaxFirstRows(Float32Array.from([1]), Float32Array.from([2, 0]), Float32Array.from([0, -1e9]), 2, probabilities, sums, first);
    // z = [1, 2, -1e9]: max 2, exp(z − 2) = [e^-1, 1, 0].
    assert.equal(first[0], -1);
    assert.ok(Math.abs(sums[0] - (1 + Math.exp(-1))) < 1e-6);
    assert.ok(Math.abs(probabilities[0] - Math.exp(-1) / (1 + Math.exp(-1))) < 1e-6);
    assert.equal(probabilities[2], 0);
    assert.throws(() => softmaxFirstRows(Float32Array.from([1]), Float32Array.from([2]), Float32Array.from([0, 0]), 2, probabilities, sums, first), RangeError);
  });
});
