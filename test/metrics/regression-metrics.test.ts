import { test } from "node:test";
import assert from "node:assert/strict";
import { mae, rmse } from "../../src/metrics/regression-metrics";

test("rmse and mae match hand-computed values", () => {
  // errors: +1, -2, 0, +3 -> squared 1, 4, 0, 9 -> mean 3.5; abs 1, 2, 0, 3 -> mean 1.5
  const predicted = new Float32Array([4, 1, 3, 5]);
  const actual = new Float32Array([3, 3, 3, 2]);
  assert.ok(Math.abs(rmse(predicted, actual) - Math.sqrt(3.5)) < 1e-12);
  assert.equal(mae(predicted, actual), 1.5);
});

test("perfect predictions score zero", () => {
  const a = new Float32Array([1, 2.5, 5]);
  assert.equal(rmse(a, a), 0);
  assert.equal(mae(a, a), 0);
});

test("mismatched or empty inputs are errors, not NaN", () => {
  assert.throws(() => rmse(new Float32Array(2), new Float32Array(3)), /predicted has 2 values but actual has 3/);
  assert.throws(() => mae(new Float32Array(0), new Float32Array(0)), /no ratings/);
});
