import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { tieBreakRanks } from "../../src/metrics/tie-break-ranks";
import { createPopularity } from "../../src/models/popularity-model";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

function interactions(pairs: [number, number][], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "popularity-model", name: "t", users: Int32Array.from(pairs, (p) => p[0]), items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: pairs.length, scale: { min: 1, max: 1 },
  };
}

// Item 3 is planted as the most popular: 4 users; item 1: 2 users; items 0, 2: 1 user; item 4: none.
const train = interactions([[0, 3], [1, 3], [2, 3], [3, 3], [0, 1], [2, 1], [1, 0], [3, 2]], 5, 5);

test("popularity counts each item's training interactions and ranks the planted popular item first for every user", async () => {
  const model = createPopularity();
  const history = await model.fit(train, { rng: new Rng(1), progress: silentProgress });
  assert.deepEqual(Array.from(model.itemCounts()), [1, 2, 1, 4, 0]);
  assert.equal(history.epochs.length, 1);
  assert.equal(history.bestEpoch, 1);
  for (let u = 0; u < 5; u++) {
    // user 4 has no training interaction at all: it still gets the popularity ranking
    const scores = model.score(new Int32Array(5).fill(u), Int32Array.from([0, 1, 2, 3, 4]));
    assert.deepEqual(Array.from(scores), [1, 2, 1, 4, 0]);
    assert.deepEqual(Array.from(tieBreakRanks(scores, [3], new Rng(u)).ranks), [0]);
    assert.deepEqual(Array.from(tieBreakRanks(scores, [4], new Rng(u)).ranks), [4]);
  }
});

test("popularity: score before fit, bad pairs and an empty training set are errors", async () => {
  const model = createPopularity();
  assert.throws(() => model.score(Int32Array.of(0), Int32Array.of(0)), /before fit/);
  await assert.rejects(model.fit(interactions([], 2, 2), { rng: new Rng(1) }), /training set is empty/);
  await model.fit(train, { rng: new Rng(1), progress: silentProgress });
  assert.throws(() => model.score(Int32Array.of(0), Int32Array.of(5)), /item index 5 \(pair 0\) is outside the 5 items of the training index space \[0, 5\)/);
  assert.throws(() => model.score(Int32Array.of(-1), Int32Array.of(0)), /user index -1 \(pair 0\) is outside/);
  assert.throws(() => model.score(Int32Array.of(0, 1), Int32Array.of(0)), /users has 2 entries but items has 1/);
  model.dispose();
  assert.throws(() => model.score(Int32Array.of(0), Int32Array.of(0)), /before fit/);
});

test("popularity scores the whole catalogue with the same counts for every user", async () => {
  const model = createPopularity();
  await model.fit(train, { rng: new Rng(1), progress: silentProgress });
  const out = new Float32Array(10);
  model.scoreCatalogue(Int32Array.from([4, 0]), out);
  assert.deepEqual(Array.from(out), [1, 2, 1, 4, 0, 1, 2, 1, 4, 0]);
  assert.equal(model.catalogueSize(), 5);
  assert.throws(() => createPopularity().scoreCatalogue(Int32Array.from([0]), out), /before fit/);
});
