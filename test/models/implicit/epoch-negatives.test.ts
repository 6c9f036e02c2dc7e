import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import { uniformSampling } from "../../../src/data/negative-sampler";
import { Rng } from "../../../src/random/rng";
import { EpochNegatives } from "../../../src/models/implicit/epoch-negatives";

/** 3 users, 6 items; item 5 has no interaction. User 0: items 0, 1; user 1: item 2; user 2: items 0, 3, 4. */
const train: Ratings = {
  indexId: "epoch-negatives", name: "t", users: Int32Array.of(0, 0, 1, 2, 2, 2), items: Int32Array.of(0, 1, 2, 0, 3, 4),
  values: new Float32Array(6).fill(1), userIds: ["a", "b", "c"], itemIds: ["i0", "i1", "i2", "i3", "i4", "i5"],
  numUsers: 3, numItems: 6, size: 6, scale: { min: 1, max: 1 },
};
const positives = [new Set([0, 1]), new Set([2]), new Set([0, 3, 4])];

test("negatives follow the epoch order, exclude the user's positives and items without interactions", () => {
  const draws = new EpochNegatives(train, { perPositive: 3, excludePositives: true, sampler: uniformSampling }, "cfg");
  const order = Uint32Array.of(5, 2, 0, 4, 1, 3);
  const rng = new Rng(4);
  for (let epoch = 0; epoch < 200; epoch++) {
    const neg = draws.draw(order, rng);
    assert.equal(neg.length, 18);
    for (let t = 0; t < 6; t++) {
      const u = train.users[order[t]];
      for (let s = 0; s < 3; s++) {
        const j = neg[t * 3 + s];
        assert.ok(j >= 0 && j < 5, `item ${j} has no interaction`);
        assert.ok(!positives[u].has(j), `user ${u} got its positive ${j}`);
      }
    }
  }
});

test("without exclusion negatives are uniform over trained items, positives included", () => {
  const draws = new EpochNegatives(train, { perPositive: 2, excludePositives: false, sampler: uniformSampling }, "cfg");
  const counts = new Array(6).fill(0);
  const rng = new Rng(5);
  const order = Uint32Array.of(0, 1, 2, 3, 4, 5);
  for (let epoch = 0; epoch < 5000; epoch++) for (const j of draws.draw(order, rng)) counts[j]++;
  assert.equal(counts[5], 0);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(counts[i] / 60000 - 0.2) < 0.01, `item ${i}: ${counts[i]}`);
});

test("the same seed gives the same negatives; impossible or inconsistent settings name the field", () => {
  const make = () => new EpochNegatives(train, { perPositive: 2, excludePositives: true, sampler: uniformSampling }, "cfg");
  const order = Uint32Array.of(3, 1, 4, 0, 5, 2);
  assert.deepEqual(make().draw(order, new Rng(9)), make().draw(order, new Rng(9)));
  assert.throws(() => new EpochNegatives(train, { perPositive: -1, excludePositives: true, sampler: uniformSampling }, "cfg"), /cfg\.negatives/);
  assert.throws(
    () => new EpochNegatives(train, { perPositive: 1, excludePositives: false, sampler: { distribution: "popularity", exponent: 1 } }, "cfg"),
    /cfg\.sampler must be uniform/,
  );
  // User c would need a trained item outside {0, 3, 4} if items 1 and 2 had no interactions.
  const crowded: Ratings = { ...train, users: Int32Array.of(2, 2, 2), items: Int32Array.of(0, 3, 4), values: new Float32Array(3).fill(1), size: 3 };
  assert.throws(() => new EpochNegatives(crowded, { perPositive: 1, excludePositives: true, sampler: uniformSampling }, "cfg"), /user c interacted with every trained item/);
});
