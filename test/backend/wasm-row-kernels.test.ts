import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { ROW_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/row-kernels-binary";
import { rowKernels } from "../../src/backend/wasm/row-kernels";
import { SparseRowOptimizer } from "../../src/train/sparse-row-optimizer";
import { Rng } from "../../src/random/rng";
import { compileWat } from "../../scripts/compile-wat";

ensureTfSetup();

describe("wasm row kernels", () => {
  before(async () => {
    assert.ok(await tf.setBackend("wasm"));
  });

  it("the committed binary is the compiled row-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
    const compiled = await compileWat(path.resolve(__dirname, "../.."), "row-kernels");
    assert.equal(Buffer.from(compiled).toString("base64"), ROW_KERNELS_WASM_BASE64);
  });

  it("exist on wasm only, one instance per backend", async () => {
    assert.ok(rowKernels());
    assert.equal(rowKernels(), rowKernels());
    await tf.setBackend("cpu");
    assert.equal(rowKernels(), null);
    await tf.setBackend("wasm");
  });

  it("SIMD lanes and the scalar tail agree with TF.js's dense optimizers (dimension 6, repeated rows)", () => {
    const rng = new Rng(9);
    for (const name of ["sgd", "adam", "adagrad"] as const) {
      const values = Float32Array.from({ length: 5 * 6 }, () => rng.normal());
      const dense = tf.variable(tf.tensor2d(values, [5, 6]));
      const sparse = tf.variable(tf.tensor2d(values, [5, 6]));
      const denseOpt = name === "sgd" ? tf.train.sgd(0.05) : name === "adam" ? tf.train.adam(0.05) : tf.train.adagrad(0.05);
      const rowOpt = new SparseRowOptimizer(name, 0.05);
      for (let step = 0; step < 4; step++) {
        // every row in every batch (so lazy Adam equals dense Adam), row 2 three times
        const ids = [2, 0, 1, 2, 3, 4, 2];
        const g = tf.tensor2d(Float32Array.from({ length: ids.length * 6 }, () => rng.normal()), [ids.length, 6]);
        denseOpt.applyGradients([{ name: dense.name, tensor: tf.unsortedSegmentSum(g, tf.tensor1d(ids, "int32"), 5) }]);
        rowOpt.nextStep();
        rowOpt.apply(sparse, Int32Array.from(ids), g);
        g.dispose();
      }
      const a = dense.dataSync();
      const b = sparse.dataSync();
      for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 2e-5, `${name} [${k}]: ${a[k]} vs ${b[k]}`);
      rowOpt.dispose();
      denseOpt.dispose();
      tf.dispose([dense, sparse]);
    }
  });
});
