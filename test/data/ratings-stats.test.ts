import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { activityCounts, densestBlock, ratingDistribution, shareOfTop } from "../../src/data/ratings-stats";

// users a (3 ratings), b (1), c (2); items x (3), y (2), z (1)
const r: Ratings = {
  indexId: "ratings-stats", name: "t", users: Int32Array.from([0, 0, 0, 1, 2, 2]), items: Int32Array.from([0, 1, 2, 0, 0, 1]),
  values: Float32Array.from([5, 4, 5, 3, 4, 1]), userIds: ["a", "b", "c", "d"], itemIds: ["x", "y", "z"],
  numUsers: 4, numItems: 3, size: 6, scale: { min: 1, max: 5 },
};

test("rating distribution counts each value", () => {
  assert.deepEqual(ratingDistribution(r), { values: [1, 3, 4, 5], counts: [1, 1, 2, 2] });
});

test("activity is sorted descending without inactive entities, and the head's share is computed", () => {
  assert.deepEqual([...activityCounts(r, "user")], [3, 2, 1]);
  assert.deepEqual([...activityCounts(r, "item")], [3, 2, 1]);
  // top third of users = 1 user with 3 of 6 ratings
  assert.equal(shareOfTop(activityCounts(r, "user"), 1 / 3), 0.5);
  assert.throws(() => shareOfTop(new Int32Array(1), 0), /fraction must be in/);
});

test("the densest block holds the most active users' ratings of the most rated items", () => {
  const b = densestBlock(r, 2, 2);
  assert.deepEqual(b.userIds, ["a", "c"]);
  assert.deepEqual(b.itemIds, ["x", "y"]);
  assert.deepEqual(b.matrix, [[5, 4], [4, 1]]);
  assert.ok(Number.isNaN(densestBlock(r, 3, 3).matrix[2][1]), "b did not rate y");
});
