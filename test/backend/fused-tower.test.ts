import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { FusedTower } from "../../src/backend/fused-tower";
import { towerLayout } from "../../src/backend/fused-tower-layout";
import { TOWER_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/tower-kernels-binary";
import { towerKernels, towerMemory } from "../../src/backend/wasm/tower-kernels";
import { Rng } from "../../src/random/rng";
import { compileWat } from "../../scripts/compile-wat";

import { maxDiff } from "../helpers/max-diff";

ensureTfSetup();

/** Writes `rows` [n, width] into the tower's input. */
function writeInput(tower: FusedTower, rows: Float32Array, width: number): void {
  const { data, offset, stride } = tower.input;
  for (let k = 0; k < rows.length / width; k++) data.set(rows.subarray(k * width, (k + 1) * width), offset + k * stride);
}

/** Row k of the input gradient, [width]. */
function inputGradientRows(tower: FusedTower, n: number, width: number): Float32Array {
  const { data, offset, stride } = tower.inputGradient;
  const out = new Float32Array(n * width);
  for (let k = 0; k < n; k++) out.set(data.subarray(offset + k * stride, offset + k * stride + width), k * width);
  return out;
}

describe("tower kernels (wasm SIMD)", () => {
  it("the committed binary is the compiled tower-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
    const compiled = await compileWat(path.resolve(__dirname, "../.."), "tower-kernels");
    assert.equal(Buffer.from(compiled).toString("base64"), TOWER_KERNELS_WASM_BASE64);
  });

  it("gemm multiplies with a strided A, overwrites or accumulates", () => {
    const memory = towerMemory(1 << 16);
    const k = towerKernels(memory);
    const f = new Float32Array(memory.buffer);
    const [M, N, K] = [8, 16, 5];
    const rng = new Rng(1);
    for (let i = 0; i < 4096; i++) f[i] = rng.normal();
    // A^T stored as [K, M] at 0 (element (i, p) at p * M + i), B [K, N] at 4096 bytes, C [M, N] at 8192 bytes.
    const expected = new Float32Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += f[p * M + i] * f[1024 + p * N + j];
      expected[i * N + j] = s;
    }
    f.fill(7, 2048, 2048 + M * N);
    k.gemm(0, 1, M, 4096, N, 8192, N, M, N, K, 0);
    assert.ok(maxDiff(f.subarray(2048, 2048 + M * N), expected) < 1e-5);
    k.gemm(0, 1, M, 4096, N, 8192, N, M, N, K, 1);
    assert.ok(maxDiff(f.subarray(2048, 2048 + M * N), expected.map((v) => 2 * v)) < 1e-5);
  });
});

describe("FusedTower", () => {
  before(async () => {
    assert.ok(await tf.setBackend("wasm"));
  });

  it("matches a hand-computed example (one ReLU unit off)", () => {
    // x = [1, 2], W1 = [[1, 0], [0, -1]] -> z = [1, -2], h = [1, 0]; w = [2, 3], c = 0.5, base 1: ŷ = 3.5, y = 3, e = 0.5
    const tower = new FusedTower(2, [2], 1);
    writeInput(tower, Float32Array.of(1, 2), 2);
    tower.base[0] = 1;
    tower.targets[0] = 3;
    tower.setWeights([Float32Array.of(1, 0, 0, -1), Float32Array.of(2, 3)], [Float32Array.of(0, 0), Float32Array.of(0.5)]);
    assert.equal(tower.run(1, 1), 0.25);
    assert.equal(tower.outputGradient[0], 0.5);
    assert.deepEqual(Array.from(tower.kernelGradient(1)), [0.5, 0]); // h e
    assert.deepEqual(Array.from(tower.biasGradient(1)), [0.5]);
    // dh = w e = [1, 1.5]; dz = [1, 0] (second unit off); dW1 = x^T dz; db1 = dz; dx = dz W1^T = [1, 0]
    assert.deepEqual(Array.from(tower.kernelGradient(0)), [1, 0, 2, 0]);
    assert.deepEqual(Array.from(tower.biasGradient(0)), [1, 0]);
    assert.deepEqual(Array.from(inputGradientRows(tower, 1, 2)), [1, 0]);
  });

  it("gives TF.js's loss and gradients for widths that need padding, and a short batch after a full one", () => {
    const rng = new Rng(4);
    const [width, hidden, maxBatch] = [5, [9, 3], 11];
    const tower = new FusedTower(width, hidden, maxBatch);
    const sizes = [width, ...hidden, 1];
    const kernels = sizes.slice(1).map((out, l) => Float32Array.from({ length: sizes[l] * out }, () => 0.5 * rng.normal()));
    const biases = sizes.slice(1).map((out) => Float32Array.from({ length: out }, () => 0.1 * rng.normal()));
    tower.setWeights(kernels, biases);
    for (const n of [11, 6]) {
      const x = Float32Array.from({ length: n * width }, () => rng.normal());
      const base = Float32Array.from({ length: n }, () => rng.normal());
      const y = Float32Array.from({ length: n }, () => rng.normal());
      writeInput(tower, x, width);
      tower.base.set(base);
      tower.targets.set(y);
      const scale = 1 / n;
      const sse = tower.run(n, scale);
      const vars = [tf.tensor2d(x, [n, width]), ...kernels.map((k, l) => tf.tensor2d(k, [sizes[l], sizes[l + 1]])), ...biases.map((b) => tf.tensor1d(b))];
      const L = kernels.length;
      const f = (...t: tf.Tensor[]): tf.Scalar => {
        let h = t[0];
        for (let l = 0; l < L; l++) {
          h = tf.add(tf.matMul(h as tf.Tensor2D, t[1 + l] as tf.Tensor2D), t[1 + L + l]);
          if (l < L - 1) h = tf.relu(h);
        }
        const e = tf.sub(tf.add(tf.reshape(h, [-1]), base), y);
        return tf.mul(0.5 * scale, tf.sum(tf.square(e)));
      };
      const { value, grads } = tf.valueAndGrads(f)(vars);
      assert.ok(Math.abs(0.5 * scale * sse - value.dataSync()[0]) < 1e-5, `loss ${0.5 * scale * sse} vs ${value.dataSync()[0]}`);
      assert.ok(maxDiff(inputGradientRows(tower, n, width), grads[0].dataSync()) < 1e-5, "dX");
      for (let l = 0; l < L; l++) {
        assert.ok(maxDiff(tower.kernelGradient(l), grads[1 + l].dataSync()) < 1e-5, `dW${l}`);
        assert.ok(maxDiff(tower.biasGradient(l), grads[1 + L + l].dataSync()) < 1e-5, `db${l}`);
      }
      tf.dispose([value, ...grads, ...vars]);
    }
  });

  it("sums each kernel gradient over the batch rows in order, in float32, when the rows are taken in chunks", () => {
    // An output layer only: its delta is the output gradient, so dW[i] = Σ_k x_ki g_k can be summed here in the
    // kernel's order (float32 products and running sums) and compared bit for bit.
    const rng = new Rng(6);
    const [width, rows] = [203, 150];
    const tower = new FusedTower(width, [], rows, { threads: 1 });
    assert.ok(tower.layout.layers[0].gradientChunkRows < rows / 4, "the batch spans several chunks");
    tower.setWeights([Float32Array.from({ length: width }, () => rng.normal())], [new Float32Array(1)]);
    const x = Float32Array.from({ length: rows * width }, () => rng.normal());
    writeInput(tower, x, width);
    for (let k = 0; k < rows; k++) tower.targets[k] = rng.normal();
    tower.run(rows, 1 / rows);
    const g = tower.outputGradient;
    const want = new Float32Array(width);
    for (let i = 0; i < width; i++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s = Math.fround(s + Math.fround(x[k * width + i] * g[k]));
      want[i] = s;
    }
    assert.deepEqual(tower.kernelGradient(0), want);
  });

  it("idGradients gives the bits of the JavaScript loop dX + reg X (float64, rounded once) for even and odd dims", () => {
    const rng = new Rng(5);
    for (const [dim, width, rows] of [[3, 9, 7], [4, 8, 5], [32, 70, 37]] as const) {
      const tower = new FusedTower(width, [5], 40);
      tower.setWeights([Float32Array.from({ length: width * 5 }, () => rng.normal()), Float32Array.from({ length: 5 }, () => rng.normal())], [new Float32Array(5), new Float32Array(1)]);
      writeInput(tower, Float32Array.from({ length: rows * width }, () => rng.normal()), width);
      for (let k = 0; k < rows; k++) tower.targets[k] = rng.normal();
      tower.run(rows, 1 / rows);
      const reg = 0.0123456789; // not a float32: the product must be taken in float64, as the loop did
      const { dP, dQ } = tower.idGradients(rows, dim, reg);
      const X = tower.input;
      const dX = tower.inputGradient;
      const wantP = new Float32Array(rows * dim);
      const wantQ = new Float32Array(rows * dim);
      for (let k = 0; k < rows; k++) {
        for (let j = 0; j < dim; j++) {
          wantP[k * dim + j] = dX.data[dX.offset + k * dX.stride + j] + reg * X.data[X.offset + k * X.stride + j];
          wantQ[k * dim + j] = dX.data[dX.offset + k * dX.stride + dim + j] + reg * X.data[X.offset + k * X.stride + dim + j];
        }
      }
      assert.deepEqual(dP, wantP, `dP, dim ${dim}`);
      assert.deepEqual(dQ, wantQ, `dQ, dim ${dim}`);
      assert.ok(wantP.some((v) => v !== 0) && wantQ.some((v) => v !== 0));
    }
    const tower = new FusedTower(6, [2], 4);
    assert.throws(() => tower.idGradients(5, 2, 0), /rows must be an integer in \[1, 4\], got 5/);
    assert.throws(() => tower.idGradients(2, 4, 0), /dim must be an integer in \[1, 3\], got 4/);
  });

  it("names the wrong argument", () => {
    assert.throws(() => towerLayout(0, [4], 8), /inputWidth must be an integer >= 1, got 0/);
    assert.throws(() => towerLayout(4, [4, 2.5], 8), /layers\[1\] must be an integer >= 1, got 2.5/);
    const tower = new FusedTower(2, [3], 4);
    assert.throws(() => tower.run(5, 1), /rows must be an integer in \[1, 4\], got 5/);
    assert.throws(() => tower.setWeights([new Float32Array(6)], [new Float32Array(3)]), /expected 2 kernels and biases/);
    assert.throws(() => tower.setWeights([new Float32Array(5), new Float32Array(3)], [new Float32Array(3), new Float32Array(1)]), /layer 0 needs a \[2, 3\] kernel/);
  });
});
