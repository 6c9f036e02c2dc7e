import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../scripts/compile-wat";
import { DENSE_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/dense-kernels-binary";
import { gemmNT } from "../../src/models/factorization/dense-gemm-nt";
import { invertSpdInPlace, spdInverseScratch } from "../../src/models/factorization/spd-inverse";
import { wasmDenseArena } from "../../src/models/factorization/wasm-dense-arena";
import { Rng } from "../../src/random/rng";

test("dense-kernels-binary.ts is the compilation of dense-kernels.wat (run npm run build:wasm after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "dense-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), DENSE_KERNELS_WASM_BASE64);
});

test("the wasm product equals the JavaScript gemmNT on odd shapes, strides and offsets (to rounding)", () => {
  const rng = new Rng(4);
  const arena = wasmDenseArena(100, 0, "test");
  for (const [m, n, k] of [[4, 2, 1], [7, 5, 3], [13, 11, 37], [8, 6, 300]]) {
    // Three regions of the arena's memory, each large enough for its block (rows x stride + offset <= 3000).
    const a = arena.matrix.subarray(0, 3000);
    const b = arena.matrix.subarray(3000, 6000);
    const c = arena.matrix.subarray(6000, 9000);
    for (const x of [a, b, c]) for (let q = 0; q < x.length; q++) x[q] = rng.next() - 0.5;
    const expected = c.slice();
    const lda = k + 1;
    const ldb = k + 3;
    const ldc = n + 2;
    gemmNT(0.5, { data: a, offset: 1, stride: lda }, { data: b, offset: 2, stride: ldb }, { data: expected, offset: 3, stride: ldc }, m, n, k);
    arena.gemm(0.5, { data: a, offset: 1, stride: lda }, { data: b, offset: 2, stride: ldb }, { data: c, offset: 3, stride: ldc }, m, n, k);
    for (let q = 0; q < c.length; q++) assert.ok(Math.abs(c[q] - expected[q]) < 1e-12, `${m}x${n}x${k} entry ${q}: ${c[q]} vs ${expected[q]}`);
  }
});

test("the inverse computed in a wasm arena matches the JavaScript one", () => {
  const n = 150;
  const rng = new Rng(8);
  const x = Float64Array.from({ length: n * n }, () => rng.next() - 0.5);
  const arena = wasmDenseArena(n, spdInverseScratch(n), "test");
  const a = arena.matrix;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
    a[i * n + j] = s;
  }
  const js = a.slice();
  invertSpdInPlace(js, n);
  invertSpdInPlace(a, n, "test", { gemm: arena.gemm, scratch: arena.scratch });
  for (let q = 0; q < n * n; q++) assert.ok(Math.abs(a[q] - js[q]) < 1e-9 * Math.max(1, Math.abs(js[q])), `entry ${q}: ${a[q]} vs ${js[q]}`);
});
