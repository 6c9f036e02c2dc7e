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

/** The CSR builder as first written (fill in input order, then a stable sort of each row by column): the reference. */
function referenceRows(rows: number, cols: number, rowOf: Int32Array, colOf: Int32Array, vals: Float32Array) {
  const offsets = new Int32Array(rows + 1);
  for (let k = 0; k < rowOf.length; k++) offsets[rowOf[k] + 1]++;
  for (let r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, rows);
  const entries: [number, number][][] = Array.from({ length: rows }, () => []);
  for (let k = 0; k < rowOf.length; k++) entries[rowOf[k]].push([colOf[k], vals[k]]);
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of entries) for (const [c, v] of row.sort((x, y) => x[0] - y[0])) { indices.push(c); values.push(v); }
  return { rows, cols, offsets, indices: Int32Array.from(indices), values: Float32Array.from(values), fill };
}

test("the counting-sort CSR equals the sorted-rows reference, repeated pairs in input order, long and empty rows included", () => {
  let seed = 12345;
  const next = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  const size = 3000;
  const users = Int32Array.from({ length: size }, (_, k) => (k < 200 ? 0 : next(40))); // user 0: a row longer than 32
  const items = Int32Array.from({ length: size }, () => next(25)); // many repeated (user, item) pairs
  const values = Float32Array.from({ length: size }, (_, k) => k); // distinct values reveal the order of repeats
  const r = { name: "t", users, items, values, numUsers: 42, numItems: 27, size, userIds: [], itemIds: [], scale: { min: 0, max: size } } as unknown as Ratings;
  for (const [got, ref] of [
    [ratingsByUser(r), referenceRows(42, 27, users, items, values)],
    [ratingsByItem(r), referenceRows(27, 42, items, users, values)],
  ] as const) {
    assert.deepEqual(got.offsets, ref.offsets);
    assert.deepEqual(got.indices, ref.indices);
    assert.deepEqual(got.values, ref.values);
    assert.equal(got.rows, ref.rows);
    assert.equal(got.cols, ref.cols);
  }
});
