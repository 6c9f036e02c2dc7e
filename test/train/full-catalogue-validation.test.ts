/**
 * The validation holdout for full-catalogue model selection (never the test split), EASE's λ sweep on it, and the
 * re-indexing of side features between id spaces (ml-1m's users.dat onto ml-1m-loo's users).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { categoricalColumn, featureTable, numericColumn } from "../../src/data/feature-columns";
import { reindexFeatureTable } from "../../src/data/reindex-features";
import { Rng } from "../../src/random/rng";
import { easeLambdaSweep, fullCatalogueValidation } from "../../src/train/full-catalogue-validation";

/** 30 users, 12 items in two blocks: users < 15 like items 0-5, the others items 6-11 (each with probability 0.7). */
function blocks(): Ratings {
  const rng = new Rng(5);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 30; u++) for (let i = 0; i < 12; i++) if ((u < 15) === (i < 6) && rng.next() < 0.7) { users.push(u); items.push(i); }
  return {
    indexId: "fcv-blocks", name: "blocks", users: Int32Array.from(users), items: Int32Array.from(items), values: new Float32Array(users.length).fill(1),
    userIds: Array.from({ length: 30 }, (_, u) => `u${u}`), itemIds: Array.from({ length: 12 }, (_, i) => `i${i}`), numUsers: 30, numItems: 12, size: users.length, scale: { min: 1, max: 1 },
  };
}

describe("full-catalogue validation", () => {
  test("holds out one training interaction per user and excludes the rest", () => {
    const train = blocks();
    const v = fullCatalogueValidation(train, new Rng(1));
    const perUser = new Array(30).fill(0);
    for (let k = 0; k < train.size; k++) perUser[train.users[k]]++;
    assert.equal(v.test.size, perUser.filter((n) => n >= 2).length, "one held out per user with at least two");
    assert.equal(v.train.size + v.test.size, train.size);
    assert.equal(v.negatives, null);
    for (let k = 0; k < v.test.size; k++) {
      const u = v.test.users[k];
      const row = Array.from(v.excluded!.indices.subarray(v.excluded!.offsets[u], v.excluded!.offsets[u + 1]));
      assert.ok(!row.includes(v.test.items[k]), "the held-out item is not excluded from retrieval");
    }
  });

  test("the λ sweep scores every λ and picks the best NDCG@10", async () => {
    const v = fullCatalogueValidation(blocks(), new Rng(2));
    const { rows, best } = await easeLambdaSweep(v, [1, 10, 1e6], new Rng(3));
    assert.deepEqual(rows.map((r) => r.lambda), [1, 10, 1e6]);
    const top = rows.reduce((a, b) => (b.metrics["ndcg@10"] > a.metrics["ndcg@10"] ? b : a));
    assert.equal(best, top.lambda);
    // The block structure puts the held-out item (one of the user's own block) near the top for nearly every user.
    assert.ok(top.metrics["hr@10"] >= 0.9, `best validation HR@10 ${top.metrics["hr@10"]}`);
    await assert.rejects(easeLambdaSweep(v, [], new Rng(3)), /lambdas is empty/);
  });
});

describe("reindexFeatureTable", () => {
  test("moves rows to another id order; unknown ids are errors or missing values", () => {
    const t = featureTable(3, [categoricalColumn("g", ["M", "F", "M"], ["M", "F"]), numericColumn("age", [20, 30, 40])]);
    const r = reindexFeatureTable(t, ["a", "b", "c"], ["c", "a"], "test");
    assert.equal(r.rows, 2);
    const [g, age] = r.columns;
    assert.ok(g.kind === "categorical" && age.kind === "numeric");
    if (g.kind === "categorical") assert.deepEqual(Array.from(g.codes), [0, 0]);
    if (age.kind === "numeric") assert.deepEqual(Array.from(age.values), [40, 20]);
    assert.throws(() => reindexFeatureTable(t, ["a", "b", "c"], ["z"], "owner"), /owner: id z has no row/);
    const loose = reindexFeatureTable(t, ["a", "b", "c"], ["z", "b"], "owner", false);
    if (loose.columns[0].kind === "categorical") assert.deepEqual(Array.from(loose.columns[0].codes), [-1, 1]);
  });
});
