import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { findInRow, ratingsByItem, ratingsByUser, rowLength } from "../../src/data/rating-matrix";

const r: Ratings = {
  indexId: "rating-matrix", name: "t", users: Int32Array.from([1, 0, 1, 2, 0]), items: Int32Array.from([2, 1, 0, 2, 0]),
  values: Float32Array.from([5, 4, 3, 2, 1]), userIds: ["a", "b", "c"], itemIds: ["x", "y", "z"],
  numUsers: 3, numItems: 3, size: 5, scale: { min: 1, max: 5 },
};

test("rows by user list items ascending with their ratings", () => {
  const m = ratingsByUser(r);
  assert.deepEqual([...m.offsets], [0, 2, 4, 5]);
  assert.deepEqual([...m.indices], [0, 1, 0, 2, 2]);
  assert.deepEqual([...m.values], [1, 4, 3, 5, 2]);
  assert.equal(rowLength(m, 1), 2);
});

test("rows by item, and lookups by binary search", () => {
  const m = ratingsByItem(r);
  assert.deepEqual([...m.offsets], [0, 2, 3, 5]);
  assert.deepEqual([...m.indices], [0, 1, 0, 1, 2]);
  assert.equal(m.values[findInRow(m, 2, 1)], 5);
  assert.equal(findInRow(m, 1, 2), -1);
});

test("long rows are sorted too", () => {
  const n = 100;
  const big: Ratings = { ...r, users: new Int32Array(n), items: Int32Array.from({ length: n }, (_, k) => (k * 37) % n), values: Float32Array.from({ length: n }, (_, k) => k), numItems: n, size: n };
  const m = ratingsByUser(big);
  for (let k = 1; k < n; k++) assert.ok(m.indices[k] > m.indices[k - 1]);
  assert.equal(m.values[findInRow(m, 0, 37)], 1);
});
