/** findRepeats and mergeRepeats on planted data with hand-computed answers. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkDuplicatePolicy, earliestRepeat, findRepeats, mergeRepeats } from "../../src/data/duplicate-rows";

// Rows: 0 (u0,i1) 1 (u1,i1) 2 (u0,i1) 3 (u0,i0) 4 (u1,i1) 5 (u0,i1)
const USERS = [0, 1, 0, 0, 1, 0];
const ITEMS = [1, 1, 1, 0, 1, 1];
const VALUES = [1, 2, 3, 4, 5, 6];
const TIMES = [10, 20, 5, 40, 50, 60];

function columns() {
  return { users: Int32Array.from(USERS), items: Int32Array.from(ITEMS), values: Float32Array.from(VALUES), timestamps: Float64Array.from(TIMES) };
}

test("findRepeats pairs every later row with the pair's first row; earliestRepeat is the first met in file order", () => {
  const c = columns();
  const r = findRepeats(c.users, c.items, 6, 2, 2);
  const pairs = Array.from(r.later, (l, k) => `${l}<-${r.first[k]}`).sort();
  assert.deepEqual(pairs, ["2<-0", "4<-1", "5<-0"]);
  assert.equal(r.later[earliestRepeat(r)], 2);
  assert.equal(findRepeats(Int32Array.from([0, 0, 1]), Int32Array.from([0, 1, 0]), 3, 2, 2).later.length, 0);
});

test("findRepeats on rows grouped by user (the fast path) gives the same pairs", () => {
  // Rows: 0 (u0,i1) 1 (u0,i0) 2 (u0,i1) 3 (u1,i1) 4 (u1,i0) 5 (u1,i1) 6 (u1,i1) 7 (u2,i0)
  const r = findRepeats(Int32Array.from([0, 0, 0, 1, 1, 1, 1, 2]), Int32Array.from([1, 0, 1, 1, 0, 1, 1, 0]), 8, 3, 2);
  assert.deepEqual(Array.from(r.later, (l, k) => `${l}<-${r.first[k]}`), ["2<-0", "5<-3", "6<-3"]);
});

test("mergeRepeats: first, last, mean and sum, merged rows in the first occurrence's place", () => {
  const expectFor = (policy: "first" | "last" | "mean" | "sum") => {
    const c = columns();
    const n = mergeRepeats(c, 6, findRepeats(c.users, c.items, 6, 2, 2), policy);
    return { n, values: Array.from(c.values.subarray(0, n)), times: Array.from(c.timestamps.subarray(0, n)), users: Array.from(c.users.subarray(0, n)) };
  };
  assert.deepEqual(expectFor("first"), { n: 3, values: [1, 2, 4], times: [10, 20, 40], users: [0, 1, 0] });
  assert.deepEqual(expectFor("last"), { n: 3, values: [6, 5, 4], times: [60, 50, 40], users: [0, 1, 0] });
  assert.deepEqual(expectFor("mean"), { n: 3, values: [10 / 3, 3.5, 4].map(Math.fround), times: [60, 50, 40], users: [0, 1, 0] });
  assert.deepEqual(expectFor("sum"), { n: 3, values: [10, 7, 4], times: [60, 50, 40], users: [0, 1, 0] });
});

test("checkDuplicatePolicy: default error, sum only for counts, unknown names rejected", () => {
  assert.equal(checkDuplicatePolicy("x", undefined, "ratings"), "error");
  assert.equal(checkDuplicatePolicy("x", "sum", "counts"), "sum");
  assert.throws(() => checkDuplicatePolicy("x", "sum", "ratings"), /only for counts/);
  assert.throws(() => checkDuplicatePolicy("x", "median", "ratings"), /option `duplicates` must be one of/);
});
