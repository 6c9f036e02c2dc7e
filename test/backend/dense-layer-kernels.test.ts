import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { transposeLastTwo } from "../../src/backend/batch-matmul-kernel";
import { columnSums } from "../../src/backend/reduce-transpose-kernels";
import { Rng } from "../../src/random/rng";
import { heapOffset, rowKernels } from "../../src/backend/wasm/row-kernels";

ensureTfSetup();

/** Runs `f` on cpu (stock kernels there) and on wasm (ours) and returns both results as plain arrays. */
async function onBoth(f: () => tf.Tensor): Promise<[number[], number[], number[][]]> {
  const out: number[][] = [];
  const shapes: number[][] = [];
  for (const b of ["cpu", "wasm"]) {
    await tf.setBackend(b);
    const t = f();
    out.push(Array.from(t.dataSync()));
    shapes.push(t.shape);
    t.dispose();
  }
  return [out[0], out[1], shapes];
}

function close(a: number[], b: number[], tol = 1e-4): void {
  assert.equal(a.length, b.length);
  a.forEach((x, k) => assert.ok(Math.abs(x - b[k]) <= tol * Math.max(1, Math.abs(x)), `[${k}] ${x} vs ${b[k]}`));
}

describe("dense-layer kernels on wasm", () => {
  before(async () => {
    assert.ok(await tf.setBackend("wasm"));
  });

  it("transposeLastTwo and columnSums match hand-computed answers", () => {
    const dst = new Float32Array(6);
    transposeLastTwo(Float32Array.of(1, 2, 3, 4, 5, 6), dst, 1, 2, 3);
    assert.deepEqual(Array.from(dst), [1, 4, 2, 5, 3, 6]);
    const sums = new Float32Array(3);
    columnSums(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, sums);
    assert.deepEqual(Array.from(sums), [5, 7, 9]);
  });

  it("the row kernels' column_sums and transpose_last_two equal columnSums and transposeLastTwo bit for bit", () => {
    const kernels = rowKernels();
    assert.ok(kernels);
    const rng = new Rng(11);
    // Column counts with and without a SIMD tail, more than one 32 x 32 block each way, a batch of matrices.
    for (const [batch, rows, cols] of [[1, 70, 37], [1, 3, 4], [2, 33, 65], [3, 1, 1]]) {
      const n = batch * rows * cols;
      // Values of very different sizes, so that the order of the additions shows in the bits.
      const values = Float32Array.from({ length: n }, () => rng.normal() * Math.exp(8 * rng.normal()));
      const x = tf.tensor1d(values);
      const sums = tf.zeros([cols]);
      const t = tf.zeros([n]);
      kernels.column_sums(heapOffset(x), batch * rows, cols, heapOffset(sums));
      kernels.transpose_last_two(heapOffset(x), heapOffset(t), batch, rows, cols);
      const expectedSums = new Float32Array(cols);
      columnSums(values, batch * rows, cols, expectedSums);
      const expectedT = new Float32Array(n);
      transposeLastTwo(values, expectedT, batch, rows, cols);
      assert.deepEqual(Array.from(sums.dataSync()), Array.from(expectedSums), `column sums ${batch} x ${rows} x ${cols}`);
      assert.deepEqual(Array.from(t.dataSync()), Array.from(expectedT), `transpose ${batch} x ${rows} x ${cols}`);
      tf.dispose([x, sums, t]);
    }
    // Hand-computed: [[1, 2, 3], [4, 5, 6]] has column sums (5, 7, 9) and transpose [[1, 4], [2, 5], [3, 6]].
    const small = tf.tensor1d([1, 2, 3, 4, 5, 6]);
    const out = tf.zeros([6]);
    kernels.column_sums(heapOffset(small), 2, 3, heapOffset(out));
    assert.deepEqual(Array.from(out.dataSync()).slice(0, 3), [5, 7, 9]);
    kernels.transpose_last_two(heapOffset(small), heapOffset(out), 1, 2, 3);
    assert.deepEqual(Array.from(out.dataSync()), [1, 4, 2, 5, 3, 6]);
    tf.dispose([small, out]);
  });

  it("products with transposed operands, sums over leading axes and transposes equal the stock cpu results", async () => {
    const rng = new Rng(4);
    const data = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const x = data(70 * 37);
    const w = data(37 * 45);
    const d = data(70 * 45);
    const cube = data(3 * 5 * 7);
    const cases: [string, () => tf.Tensor][] = [
      ["x^T d", () => tf.matMul(tf.tensor2d(x, [70, 37]), tf.tensor2d(d, [70, 45]), true, false)],
      ["d w^T", () => tf.matMul(tf.tensor2d(d, [70, 45]), tf.tensor2d(w, [37, 45]), false, true)],
      ["x^T w^T", () => tf.matMul(tf.tensor2d(x, [37, 70]), tf.tensor2d(w, [45, 37]), true, true)],
      ["batched", () => tf.matMul(tf.tensor3d(cube, [3, 5, 7]), tf.tensor3d(cube, [3, 5, 7]), true, false)],
      ["sum axis 0", () => tf.sum(tf.tensor2d(x, [70, 37]), 0)],
      ["sum axis 0 keepDims", () => tf.sum(tf.tensor2d(x, [70, 37]), 0, true)],
      ["sum axes 0,1 of 3-D", () => tf.sum(tf.tensor3d(cube, [3, 5, 7]), [1, 0])],
      ["sum axis 1 (stock)", () => tf.sum(tf.tensor2d(x, [70, 37]), 1)],
      ["transpose", () => tf.transpose(tf.tensor2d(x, [70, 37]))],
      ["transpose 3-D last two", () => tf.transpose(tf.tensor3d(cube, [3, 5, 7]), [0, 2, 1])],
      ["transpose 3-D other (stock)", () => tf.transpose(tf.tensor3d(cube, [3, 5, 7]), [2, 0, 1])],
    ];
    for (const [name, f] of cases) {
      const [cpu, wasm, shapes] = await onBoth(() => tf.tidy(f));
      assert.deepEqual(shapes[1], shapes[0], name);
      close(cpu, wasm);
    }
    await tf.setBackend("wasm");
  });

  it("leaks no wasm memory in the transposed product", () => {
    const a = tf.randomNormal([64, 32]);
    const b = tf.randomNormal([64, 16]);
    tf.tidy(() => tf.matMul(a, b, true, false)).dispose();
    const before = tf.memory().numBytes;
    for (let k = 0; k < 5; k++) tf.tidy(() => tf.matMul(a, b, true, false)).dispose();
    assert.equal(tf.memory().numBytes, before);
    tf.dispose([a, b]);
  });
});
