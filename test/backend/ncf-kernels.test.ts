import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { NCF_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/ncf-kernels-binary";
import { ncfKernels } from "../../src/backend/wasm/ncf-kernels";
import { heapOffset } from "../../src/backend/wasm/row-kernels";
import { gmfGradsJs, gmfTermsJs } from "../../src/models/ncf/ncf-fused-gradients";
import { Rng } from "../../src/random/rng";
import { compileWat } from "../../scripts/compile-wat";

ensureTfSetup();

/** Runs both GMF kernels on the wasm heap; returns terms, dP, dQ and the fusion weights' gradient. */
function runKernels(P: Float32Array, Q: Float32Array, h: Float32Array, users: Int32Array, items: Int32Array, g: Float32Array, dim: number) {
  const n = users.length;
  const k = ncfKernels()!;
  const [tP, tQ, th, tg] = [P, Q, h, g].map((a) => tf.tensor1d(a));
  const [tu, ti] = [users, items].map((a) => tf.tensor1d(a, "int32"));
  const terms = tf.zeros([2 * n]);
  const [dP, dQ] = [tf.fill([n * dim], NaN), tf.fill([n * dim], NaN)];
  const kgrad = tf.fill([dim], 7); // the kernel zeroes it first
  k.gmf_terms(heapOffset(tP), heapOffset(tQ), heapOffset(th), heapOffset(tu), heapOffset(ti), n, dim, heapOffset(terms));
  k.gmf_grads(heapOffset(tP), heapOffset(tQ), heapOffset(th), heapOffset(tu), heapOffset(ti), heapOffset(tg), n, dim, heapOffset(dP), heapOffset(dQ), heapOffset(kgrad));
  const out = {
    terms: new Float64Array((terms.dataSync() as Float32Array).slice().buffer),
    dP: dP.dataSync() as Float32Array,
    dQ: dQ.dataSync() as Float32Array,
    kgrad: kgrad.dataSync() as Float32Array,
  };
  tf.dispose([tP, tQ, th, tg, tu, ti, terms, dP, dQ, kgrad]);
  return out;
}

describe("wasm NCF kernels", () => {
  before(async () => {
    assert.ok(await tf.setBackend("wasm"));
  });

  it("the committed binary is the compiled ncf-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
    const compiled = await compileWat(path.resolve(__dirname, "../.."), "ncf-kernels");
    assert.equal(Buffer.from(compiled).toString("base64"), NCF_KERNELS_WASM_BASE64);
  });

  it("exist on wasm only, one instance per backend", async () => {
    assert.ok(ncfKernels());
    assert.equal(ncfKernels(), ncfKernels());
    await tf.setBackend("cpu");
    assert.equal(ncfKernels(), null);
    await tf.setBackend("wasm");
  });

  it("a hand-computed case (dimension 3: one lane pair and the scalar tail)", () => {
    // P row 1 = (1, 2, 3), Q row 0 = (4, 5, 6), h = (1, 0.5, 2), g = 0.25
    const P = Float32Array.of(0, 0, 0, 1, 2, 3);
    const Q = Float32Array.of(4, 5, 6);
    const h = Float32Array.of(1, 0.5, 2);
    const r = runKernels(P, Q, h, Int32Array.of(1, 1), Int32Array.of(0, 0), Float32Array.of(0.25, -1), 3);
    assert.deepEqual([...r.terms], [4 + 5 + 36, 45]); // 1*1*4 + 0.5*2*5 + 2*3*6
    assert.deepEqual([...r.dP], [1, 0.625, 3, -4, -2.5, -12]); // g h ⊙ q
    assert.deepEqual([...r.dQ], [0.25, 0.25, 1.5, -1, -1, -6]); // g h ⊙ p
    assert.deepEqual([...r.kgrad], [1 - 4, 2.5 - 10, 4.5 - 18]); // Σ g p ⊙ q
  });

  it("equal the JavaScript loops bit for bit on random rows (dimensions 1, 6, 16; repeated rows)", () => {
    const rng = new Rng(11);
    for (const dim of [1, 6, 16]) {
      const [users, items, n] = [9, 7, 40];
      const P = Float32Array.from({ length: users * dim }, () => rng.normal());
      const Q = Float32Array.from({ length: items * dim }, () => rng.normal());
      const h = Float32Array.from({ length: dim }, () => rng.normal());
      const u = Int32Array.from({ length: n }, () => rng.int(users));
      const i = Int32Array.from({ length: n }, () => rng.int(items));
      const g = Float32Array.from({ length: n }, () => rng.normal() / 7);
      const r = runKernels(P, Q, h, u, i, g, dim);
      assert.deepEqual(r.terms, gmfTermsJs(P, Q, h, { users: u, items: i }, dim), `terms, dim ${dim}`);
      const [dP, dQ, kgrad] = [new Float32Array(n * dim), new Float32Array(n * dim), new Float32Array(dim)];
      gmfGradsJs(P, Q, h, { users: u, items: i }, g, dim, dP, dQ, kgrad);
      assert.deepEqual(r.dP, dP, `dP, dim ${dim}`);
      assert.deepEqual(r.dQ, dQ, `dQ, dim ${dim}`);
      assert.deepEqual(r.kgrad, kgrad, `kgrad, dim ${dim}`);
    }
  });

  it("gather_pairs and split_pairs copy the MLP's rows and their gradients (dimensions 3 and 8, padded stride)", () => {
    const k = ncfKernels()!;
    for (const [dim, stride] of [[3, 8], [8, 16], [8, 20]]) {
      const U = Float32Array.from({ length: 4 * dim }, (_, x) => 100 + x);
      const I = Float32Array.from({ length: 3 * dim }, (_, x) => -1 - x);
      const users = Int32Array.of(2, 0, 2, 3);
      const items = Int32Array.of(1, 1, 0, 2);
      const n = users.length;
      const [tU, tI] = [U, I].map((a) => tf.tensor1d(a));
      const [tu, ti] = [users, items].map((a) => tf.tensor1d(a, "int32"));
      const rows = tf.fill([n * stride], NaN);
      k.gather_pairs(heapOffset(tU), heapOffset(tI), heapOffset(tu), heapOffset(ti), n, dim, heapOffset(rows), stride);
      const expected = new Float32Array(n * stride);
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < dim; j++) {
          expected[r * stride + j] = 100 + users[r] * dim + j;
          expected[r * stride + dim + j] = -1 - (items[r] * dim + j);
        }
      }
      assert.deepEqual(rows.dataSync(), expected, `gather, dim ${dim}, stride ${stride}`);
      const [dU, dI] = [tf.fill([n * dim], NaN), tf.fill([n * dim], NaN)];
      k.split_pairs(heapOffset(rows), n, dim, stride, heapOffset(dU), heapOffset(dI));
      const u = dU.dataSync();
      const i = dI.dataSync();
      for (let r = 0; r < n; r++) {
        assert.deepEqual([...u.subarray(r * dim, (r + 1) * dim)], [...U.subarray(users[r] * dim, (users[r] + 1) * dim)], `split dU row ${r}`);
        assert.deepEqual([...i.subarray(r * dim, (r + 1) * dim)], [...I.subarray(items[r] * dim, (items[r] + 1) * dim)], `split dI row ${r}`);
      }
      tf.dispose([tU, tI, tu, ti, rows, dU, dI]);
    }
  });
});
