import { test } from "node:test";
import assert from "node:assert/strict";
import { FtrlProximal } from "../../../src/models/wide-deep/ftrl-proximal";

const config = { alpha: 0.1, beta: 1, l1: 0.5, l2: 1 };

test("FTRL-Proximal: two steps on one coordinate match the hand-computed z, n and w", () => {
  const f = new FtrlProximal(3, config);
  const grads = new Float64Array(3);
  grads[1] = 2;
  f.step(Int32Array.from([1]), 1, grads);
  // σ = (sqrt(4) - 0) / 0.1 = 20, z = 2 - 20·0 = 2, n = 4, w = -(2 - 0.5) / ((1 + 2) / 0.1 + 1) = -1.5 / 31.
  assert.equal(f.z[1], 2);
  assert.equal(f.n[1], 4);
  assert.ok(Math.abs(f.w[1] - -1.5 / 31) < 1e-15);
  grads[1] = -1;
  f.step(Int32Array.from([1]), 1, grads);
  // σ = (sqrt(5) - 2) / 0.1 = 2.360680, z = 2 - 1 - σ·(-1.5/31) = 1.114227, n = 5,
  // w = -(1.114227 - 0.5) / ((1 + sqrt 5) / 0.1 + 1) = -0.018412.
  const sigma = (Math.sqrt(5) - 2) / 0.1;
  assert.ok(Math.abs(f.z[1] - (1 + sigma * 1.5 / 31)) < 1e-12);
  assert.ok(Math.abs(f.z[1] - 1.114227) < 1e-6);
  assert.equal(f.n[1], 5);
  assert.ok(Math.abs(f.w[1] - -0.018412) < 1e-6, `w = ${f.w[1]}`);
  assert.equal(f.w[0], 0, "an untouched coordinate stays 0");
  assert.equal(f.w[2], 0);
});

test("FTRL-Proximal: L1 gives exact zeros while |z| <= λ1, and a weight once |z| passes it", () => {
  const f = new FtrlProximal(2, config);
  const grads = Float64Array.from([0.4, -0.6]);
  f.step(Int32Array.from([0, 1]), 2, grads);
  assert.equal(f.w[0], 0, "|z| = 0.4 <= λ1 = 0.5: exactly zero");
  // z = -0.6, n = 0.36: w = -(-0.6 + 0.5) / ((1 + 0.6) / 0.1 + 1) = 0.1 / 17.
  assert.ok(Math.abs(f.w[1] - 0.1 / 17) < 1e-15);
  assert.equal(f.zeros(), 1);
  const noL1 = new FtrlProximal(1, { ...config, l1: 0 });
  noL1.step(Int32Array.from([0]), 1, Float64Array.from([0.4]));
  assert.notEqual(noL1.w[0], 0, "without L1 the same gradient moves the weight");
});

test("FTRL-Proximal: snapshot and restore; bad settings name the field", () => {
  const f = new FtrlProximal(2, config);
  const s = f.snapshot();
  f.step(Int32Array.from([0]), 1, Float64Array.from([3, 0]));
  assert.notEqual(f.w[0], 0);
  f.restore(s);
  assert.equal(f.w[0], 0);
  assert.equal(f.n[0], 0);
  assert.throws(() => new FtrlProximal(2, { ...config, alpha: 0 }), /FtrlConfig\.alpha/);
  assert.throws(() => new FtrlProximal(2, { ...config, l1: -1 }, "WideDeepConfig.wide.ftrl"), /WideDeepConfig\.wide\.ftrl\.l1/);
});
