import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/rng";
import { RatingsBuilder } from "../../src/data/ratings-builder";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit, perUserHoldout, leaveLatestOneOut, chronologicalSplit, kFold, groupRowsByUser, type TrainTest } from "../../src/data/splits";

/** 10 users; user u has u + 1 ratings (55 in all); timestamp = row index, so rows are identified by timestamp. */
function fixture(): Ratings {
  const b = new RatingsBuilder({ name: "fx", scale: { min: 1, max: 5, step: 1 } });
  for (let u = 0; u < 10; u++) b.registerUser(`u${u}`);
  let row = 0;
  // Interleave users so that a user's rows are not contiguous.
  for (let j = 0; j < 10; j++) {
    for (let u = 9; u >= 0; u--) {
      if (j <= u) b.add(`u${u}`, `i${(u * 3 + j) % 13}`, 1 + ((u + j) % 5), row++);
    }
  }
  return b.build();
}

const rowsOf = (r: Ratings): number[] => Array.from(r.timestamps!);

function assertPartition(whole: Ratings, s: TrainTest): void {
  const train = rowsOf(s.train);
  const test = rowsOf(s.test);
  assert.equal(train.length + test.length, whole.size);
  const all = new Set([...train, ...test]);
  assert.equal(all.size, whole.size, "train and test must be disjoint");
  for (let i = 0; i < whole.size; i++) assert.ok(all.has(i));
  for (const part of [s.train, s.test]) {
    assert.equal(part.numUsers, whole.numUsers);
    assert.equal(part.numItems, whole.numItems);
    assert.equal(part.userIds, whole.userIds);
    assert.equal(part.itemIds, whole.itemIds);
    for (let k = 0; k < part.size; k++) {
      const i = part.timestamps![k];
      assert.equal(part.users[k], whole.users[i]);
      assert.equal(part.items[k], whole.items[i]);
      assert.equal(part.values[k], whole.values[i]);
    }
  }
}

const perUser = (r: Ratings): number[] => {
  const c = new Array<number>(r.numUsers).fill(0);
  for (let k = 0; k < r.size; k++) c[r.users[k]]++;
  return c;
};

test("randomSplit: 80/20 sizes, a partition, deterministic per seed", () => {
  const r = fixture();
  assert.equal(r.size, 55);
  const s = randomSplit(r, new Rng(1));
  assert.equal(s.test.size, 11);
  assert.equal(s.train.size, 44);
  assertPartition(r, s);
  const again = randomSplit(r, new Rng(1));
  assert.deepEqual(rowsOf(again.test), rowsOf(s.test));
  assert.notDeepEqual(rowsOf(randomSplit(r, new Rng(2)).test), rowsOf(s.test));
  const third = randomSplit(r, new Rng(1), { testFraction: 0.3 });
  assert.equal(third.test.size, 17);
  // Rows keep the parent's order.
  const t = rowsOf(s.test);
  assert.deepEqual(t, [...t].sort((a, b) => a - b));
  assert.throws(() => randomSplit(r, new Rng(1), { testFraction: 1 }), RangeError);
});

test("perUserHoldout: N per user with more than N ratings, the rest all in train", () => {
  const r = fixture();
  const s = perUserHoldout(r, new Rng(7), { testPerUser: 5 });
  assertPartition(r, s);
  assert.deepEqual(perUser(s.test), [0, 0, 0, 0, 0, 5, 5, 5, 5, 5]);
  assert.deepEqual(perUser(s.train), [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  assert.deepEqual(rowsOf(perUserHoldout(r, new Rng(7)).test), rowsOf(s.test));
  assert.notDeepEqual(rowsOf(perUserHoldout(r, new Rng(8)).test), rowsOf(s.test));
  const one = perUserHoldout(r, new Rng(7), { testPerUser: 1 });
  assert.deepEqual(perUser(one.test), [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  assert.throws(() => perUserHoldout(r, new Rng(1), { testPerUser: 0 }), RangeError);
});

test("leaveLatestOneOut: each user's max timestamp, ties to the last row, single raters stay in train", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 } });
  b.add("a", "x", 1, 50); // row 0
  b.add("b", "x", 2, 10); // row 1
  b.add("a", "y", 3, 70); // row 2: a's latest
  b.add("b", "y", 4, 30); // row 3: b's latest (tie with row 5 -> row 5 wins)
  b.add("a", "z", 5, 60); // row 4
  b.add("b", "z", 1, 30); // row 5
  b.add("c", "x", 2, 99); // row 6: c has one rating -> train
  const r = b.build();
  const s = leaveLatestOneOut(r);
  assert.deepEqual(Array.from(s.test.values), [3, 1]);
  assert.deepEqual(Array.from(s.test.timestamps!), [70, 30]);
  assert.deepEqual(Array.from(s.test.items), [1, 2]);
  assert.equal(s.train.size, 5);
  assert.deepEqual(Array.from(s.train.timestamps!), [50, 10, 30, 60, 99]);
  assert.deepEqual(rowsOf(leaveLatestOneOut(r).test), rowsOf(s.test));
  assert.equal(leaveLatestOneOut(r, { minRatings: 1 }).test.size, 3);
  const fx = fixture();
  const f = leaveLatestOneOut(fx);
  assertPartition(fx, f);
  const g = groupRowsByUser(fx);
  for (let k = 0; k < f.test.size; k++) {
    const u = f.test.users[k];
    let max = -Infinity;
    for (let j = g.offsets[u]; j < g.offsets[u + 1]; j++) max = Math.max(max, fx.timestamps![g.rows[j]]);
    assert.equal(f.test.timestamps![k], max);
  }
  assert.equal(f.test.size, 9);
});

test("time-based splits fail clearly without timestamps", () => {
  const b = new RatingsBuilder({ name: "no-time", scale: { min: 1, max: 5 } });
  b.add("a", "x", 1);
  b.add("a", "y", 2);
  const r = b.build();
  assert.throws(() => leaveLatestOneOut(r), /leaveLatestOneOut needs timestamps, but "no-time" has none/);
  assert.throws(() => chronologicalSplit(r), /chronologicalSplit needs timestamps, but "no-time" has none/);
});

test("chronologicalSplit: the latest fraction, or everything from a cutoff", () => {
  const r = fixture();
  const s = chronologicalSplit(r, { testFraction: 0.2 });
  assertPartition(r, s);
  assert.equal(s.test.size, 11);
  assert.ok(Math.min(...rowsOf(s.test)) > Math.max(...rowsOf(s.train)));
  const c = chronologicalSplit(r, { cutoff: 50 });
  assert.deepEqual(rowsOf(c.test), [50, 51, 52, 53, 54]);
  // Ties at the boundary second: the later rows go to test.
  const b = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 } });
  [10, 20, 20, 20, 30].forEach((t, k) => b.add(`u${k}`, "x", 1 + k, t));
  const ties = chronologicalSplit(b.build(), { testFraction: 0.4 });
  assert.deepEqual(Array.from(ties.test.values), [4, 5]);
});

test("kFold: every rating in exactly one test fold, near-equal folds, deterministic", () => {
  const r = fixture();
  const folds = kFold(r, new Rng(3), 5);
  assert.equal(folds.length, 5);
  const seen = new Map<number, number>();
  for (const [f, s] of folds.entries()) {
    assertPartition(r, s);
    assert.equal(s.test.size, 11);
    for (const i of rowsOf(s.test)) {
      assert.ok(!seen.has(i), `row ${i} in folds ${seen.get(i)} and ${f}`);
      seen.set(i, f);
    }
  }
  assert.equal(seen.size, r.size);
  const seven = kFold(r, new Rng(3), 7).map((s) => s.test.size);
  assert.ok(Math.max(...seven) - Math.min(...seven) <= 1);
  assert.equal(seven.reduce((a, b) => a + b, 0), 55);
  assert.deepEqual(kFold(r, new Rng(3), 5).map((s) => rowsOf(s.test)), folds.map((s) => rowsOf(s.test)));
  assert.notDeepEqual(kFold(r, new Rng(4), 5).map((s) => rowsOf(s.test)), folds.map((s) => rowsOf(s.test)));
  assert.throws(() => kFold(r, new Rng(1), 1), RangeError);
});
