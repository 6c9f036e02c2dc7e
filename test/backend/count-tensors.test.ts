import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import {
  TensorLeakError,
  countNewTensors,
  expectNoLeak,
  expectNoLeakAsync,
  liveTensors,
} from "../../src/backend/count-tensors";

describe("tensor leak checks", () => {
  it("returns 0 for code that cleans up after itself", async () => {
    await tf.setBackend("cpu");
    assert.equal(expectNoLeak(() => tf.tidy(() => tf.add(tf.ones([3]), 1).dataSync())), 0);
    const y = tf.ones([2]);
    const summed = async (): Promise<void> => {
      const s = tf.sum(y);
      await s.data();
      s.dispose();
    };
    assert.equal(await expectNoLeakAsync(summed), 0);
    y.dispose();
  });

  it("throws a TensorLeakError carrying the delta when tensors are left behind", () => {
    const kept: tf.Tensor[] = [];
    assert.throws(
      () => expectNoLeak(() => kept.push(tf.zeros([2]), tf.zeros([1])), "step"),
      (e: unknown) => e instanceof TensorLeakError && e.delta === 2 && /step leaked 2 tensor/.test(e.message),
    );
    tf.dispose(kept);
  });

  it("rejects asynchronously too", async () => {
    let kept: tf.Tensor | undefined;
    await assert.rejects(
      expectNoLeakAsync(async () => {
        kept = tf.scalar(1);
      }),
      TensorLeakError,
    );
    kept?.dispose();
  });

  it("counts the tensors a function returns", () => {
    const before = liveTensors();
    const { result, delta } = countNewTensors(() => tf.ones([4]));
    assert.equal(delta, 1);
    result.dispose();
    assert.equal(liveTensors(), before);
  });
});
