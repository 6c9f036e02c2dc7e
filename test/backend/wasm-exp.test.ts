/** wasmExpf: the wasm backend's Exp kernel (musl's expf) to the bit, checked against tf.exp itself. */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { wasmExpf } from "../../src/backend/wasm-exp";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

test("known values: exp(0) = 1, exp(1) = e in float32, underflow to 0, overflow, NaN", () => {
  assert.equal(wasmExpf(0), 1);
  assert.equal(wasmExpf(-0), 1);
  assert.equal(wasmExpf(1), Math.fround(Math.E));
  assert.equal(wasmExpf(-1e9), 0);
  assert.equal(wasmExpf(-Infinity), 0);
  assert.equal(wasmExpf(100), Infinity);
  assert.ok(Number.isNaN(wasmExpf(NaN)));
  // Within half an ulp and a bit of the correctly rounded value (musl's bound is 0.502 ulp).
  for (const x of [-0.5, -3.25, -20, 7.5, -87.9]) {
    const exact = Math.exp(Math.fround(x));
    assert.ok(Math.abs(wasmExpf(Math.fround(x)) - exact) <= exact * 2 ** -23, `exp(${x})`);
  }
});

test("equals tf.exp on the wasm backend bit for bit (400k arguments, the softmax's range and beyond)", (t) => {
  if (tf.getBackend() !== "wasm") return t.skip("wasm backend only");
  const rng = new Rng(11);
  const n = 400_000;
  const x = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const m = k % 5;
    x[k] = m === 0 ? -rng.next() * 30 : m === 1 ? -rng.next() * 110 : m === 2 ? (rng.next() - 0.5) * 1e-3 : m === 3 ? -Math.exp(rng.next() * 25) : (rng.next() - 0.5) * 176;
  }
  // The edges: around the underflow threshold, subnormal results, the largest finite results.
  x.set([0, -0, -103.97216796875, -103.9721, -103.97217, -87.5, -88, 88.72, 88.7228, 88.73, -1e-30, 1e-30], 0);
  const e = tf.tidy(() => tf.exp(tf.tensor1d(x)).dataSync());
  let mismatches = 0;
  let example = "";
  for (let k = 0; k < n; k++) {
    if (!Object.is(wasmExpf(x[k]), e[k])) {
      if (!example) example = `exp(${x[k]}): ${wasmExpf(x[k])} against ${e[k]}`;
      mismatches++;
    }
  }
  assert.equal(mismatches, 0, example);
});
