import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import { gatherRows } from "../../src/backend/gather-rows-kernel";
import { hasFastKernels } from "../../src/backend/fast-kernels";
import { expectNoLeak } from "../../src/backend/count-tensors";

describe("gatherRows (pure)", () => {
  it("copies short rows element by element", () => {
    const out = new Float32Array(6);
    gatherRows(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 0, 2], 2, out);
    assert.deepEqual(Array.from(out), [5, 6, 1, 2, 5, 6]);
  });

  it("block-copies long rows, also within one shared buffer", () => {
    const heap = new ArrayBuffer(4 * (3 * 8 + 2 * 8));
    const x = new Float32Array(heap, 0, 24).map((_, k) => k);
    const out = new Float32Array(heap, 4 * 24, 16);
    gatherRows(x, [2, 1], 8, out);
    assert.deepEqual(Array.from(out), [...Array.from(x.subarray(16, 24)), ...Array.from(x.subarray(8, 16))]);
    const separate = new Float32Array(16);
    gatherRows(x, [2, 1], 8, separate);
    assert.deepEqual(separate, out);
  });
});

for (const backend of ["wasm", "cpu"] as const) {
  describe(`GatherV2 on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
      assert.ok(hasFastKernels(backend));
    });

    it("gathers embedding rows with repeated indices (short and long rows)", () => {
      const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const ids = tf.tensor1d([2, 0, 2, 1], "int32");
      assert.deepEqual(tf.gather(table, ids).arraySync(), [[5, 6], [1, 2], [5, 6], [3, 4]]);
      const wide = tf.tensor2d(Array.from({ length: 3 * 32 }, (_, k) => k), [3, 32]);
      const rows = tf.gather(wide, tf.tensor1d([1, 1, 0], "int32")).arraySync() as number[][];
      const expectRow = (r: number): number[] => Array.from({ length: 32 }, (_, k) => r * 32 + k);
      assert.deepEqual(rows, [expectRow(1), expectRow(1), expectRow(0)]);
    });

    it("keeps the shape of multi-dimensional indices and supports 1-D tables", () => {
      const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const out = tf.gather(table, tf.tensor2d([[0, 1], [2, 2]], [2, 2], "int32"));
      assert.deepEqual(out.shape, [2, 2, 2]);
      assert.deepEqual(out.arraySync(), [[[1, 2], [3, 4]], [[5, 6], [5, 6]]]);
      const bias = tf.tensor1d([0.5, -1, 2]);
      assert.deepEqual(tf.gather(bias, tf.tensor1d([2, 2, 0], "int32")).arraySync(), [2, 2, 0.5]);
      assert.deepEqual(tf.gather(bias, tf.tensor1d([], "int32")).shape, [0]);
    });

    it("gathers int32 and bool data", () => {
      const ints = tf.tensor2d([[1, 2], [3, 4]], [2, 2], "int32");
      const gathered = tf.gather(ints, tf.tensor1d([1, 0], "int32"));
      assert.equal(gathered.dtype, "int32");
      assert.deepEqual(gathered.arraySync(), [[3, 4], [1, 2]]);
      const flags = tf.tensor1d([true, false, true], "bool");
      assert.deepEqual(tf.gather(flags, tf.tensor1d([1, 2], "int32")).arraySync(), [0, 1]);
    });

    it("rejects an out-of-range index without leaking", () => {
      const table = tf.tensor2d([[1, 2], [3, 4]]);
      const ids = tf.tensor1d([0, 2], "int32");
      expectNoLeak(() => assert.throws(() => tf.gather(table, ids), /GatherV2: the index value 2 is not in \[0, 1\]/));
      tf.dispose([table, ids]);
    });

    it("hands other axes and batchDims to the stock kernel", () => {
      const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
      assert.deepEqual(tf.gather(x, tf.tensor1d([2, 0], "int32"), 1).arraySync(), [[3, 1], [6, 4]]);
      assert.deepEqual(tf.gather(x, tf.tensor2d([[2], [1]], [2, 1], "int32"), 1, 1).arraySync(), [[3], [5]]);
    });
  });
}
