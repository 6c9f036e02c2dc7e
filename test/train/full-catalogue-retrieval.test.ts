import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { ratingsByUser } from "../../src/data/rating-matrix";
import type { CatalogueScorer, ImplicitModel } from "../../src/models/implicit-model";
import { createPopularity } from "../../src/models/popularity-model";
import { Rng } from "../../src/random/rng";
import { catalogueScorerOf, retrieveTopK } from "../../src/train/full-catalogue-retrieval";
import { evaluateFullCatalogue } from "../../src/train/full-catalogue-evaluation";
import { evaluateRanking } from "../../src/train/ranking-evaluation";
import { fullCatalogueProtocol } from "../../src/train/ranking-protocol";
import { silentProgress } from "../../src/train/progress";
import { TopKSelector } from "../../src/train/top-k-selection";

/** A scorer from a fixed score table [users][items]. */
function tableScorer(table: number[][]): CatalogueScorer {
  return {
    catalogueSize: () => table[0].length,
    scoreCatalogue: (users, out) => users.forEach((u, r) => out.set(table[u], r * table[0].length)),
  };
}

function interactions(pairs: [number, number][], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "test-interactions", name: "t", users: Int32Array.from(pairs, (p) => p[0]), items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: pairs.length, scale: { min: 1, max: 1 },
  };
}

test("retrieval excludes the items each user rated in training, even the best-scored ones", () => {
  const scores = [
    [9, 8, 7, 6, 5, 4],
    [1, 2, 3, 4, 5, 6],
  ];
  // User 0 rated items 0 and 2 (its two best), user 1 rated item 5 (its best).
  const exclude = ratingsByUser(interactions([[0, 0], [0, 2], [1, 5]], 2, 6));
  const lists = retrieveTopK(tableScorer(scores), Int32Array.from([0, 1]), { k: 3, exclude, batchUsers: 1 });
  assert.deepEqual(Array.from(lists.items), [1, 3, 4, 4, 3, 2]);
  assert.deepEqual(Array.from(lists.scores), [8, 6, 5, 5, 4, 3]);
  const none = retrieveTopK(tableScorer(scores), Int32Array.from([0, 1]), { k: 3 });
  assert.deepEqual(Array.from(none.items), [0, 1, 2, 5, 4, 3]);
});

test("ties go to the lower item index; short candidate lists are padded with -1 and -Infinity", () => {
  const exclude = ratingsByUser(interactions([[0, 1], [0, 3]], 1, 4));
  const lists = retrieveTopK(tableScorer([[2, 5, 2, 7]]), Int32Array.from([0]), { k: 3, exclude });
  assert.deepEqual(Array.from(lists.items), [0, 2, -1]);
  assert.deepEqual(Array.from(lists.scores), [2, 2, -Infinity]);
});

test("the bounded heap gives exactly the top K of a full sort on random rows with ties", () => {
  const rng = new Rng(11);
  const n = 500;
  for (const k of [1, 7, 50, 499, 500, 600]) {
    const row = Float32Array.from({ length: n }, () => Math.floor(rng.next() * 40));
    const excluded = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter(() => rng.next() < 0.2));
    const items = new Int32Array(k);
    const scores = new Float32Array(k);
    const written = new TopKSelector(k).select(row, 0, n, excluded, 0, excluded.length, items, scores, 0);
    const ex = new Set(excluded);
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => !ex.has(i)).sort((a, b) => row[b] - row[a] || a - b).slice(0, k);
    assert.equal(written, expected.length);
    assert.deepEqual(Array.from(items.subarray(0, written)), expected, `k=${k}`);
  }
});

test("NaN scores and bad options are errors naming the item or option", () => {
  assert.throws(() => retrieveTopK(tableScorer([[1, NaN]]), Int32Array.from([0]), { k: 1 }), /retrieveTopK: the score of item 1 is NaN/);
  assert.throws(() => retrieveTopK(tableScorer([[1, 2]]), Int32Array.from([0]), { k: 0 }), /k must be an integer >= 1/);
  const exclude = ratingsByUser(interactions([[0, 0]], 1, 3));
  assert.throws(() => retrieveTopK(tableScorer([[1, 2]]), Int32Array.from([0]), { k: 1, exclude }), /exclude has 3 columns but the scorer scores 2 items/);
});

test("a model without scoreCatalogue is scored through its pair scores", async () => {
  const pop = createPopularity();
  const train = interactions([[0, 2], [1, 2], [1, 0]], 2, 3);
  await pop.fit(train, { rng: new Rng(1), progress: silentProgress });
  const model: ImplicitModel = { name: "wrapped", fit: pop.fit.bind(pop), score: pop.score.bind(pop), dispose: () => {} };
  const lists = retrieveTopK(catalogueScorerOf(model, 3), Int32Array.from([0]), { k: 3, exclude: ratingsByUser(train) });
  assert.deepEqual(Array.from(lists.items), [0, 1, -1]);
});

test("evaluateFullCatalogue agrees with evaluateRanking's full-catalogue ranking when scores have no ties", async () => {
  // Scores without ties: item i scores i for every user except a user-specific bonus on one item.
  const rng = new Rng(5);
  const pairs: [number, number][] = [];
  for (let u = 0; u < 30; u++) for (let i = 0; i < 40; i++) if (rng.next() < 0.3) pairs.push([u, i]);
  const protocol = fullCatalogueProtocol(interactions(pairs, 30, 40), new Rng(2), { testPerUser: 2 });
  const model: ImplicitModel = {
    name: "planted", fit: async () => ({ model: "planted", epochs: [], bestEpoch: 0, stoppedEarly: false, trainSeconds: 0 }),
    score: (users, items) => Float32Array.from(items, (i, k) => i + ((users[k] * 7) % 40 === i ? 100.5 : 0)),
    dispose: () => {},
  };
  const fast = evaluateFullCatalogue(model, protocol, { k: [1, 5, 10] }).metrics;
  const slow = evaluateRanking(model, protocol, { k: [1, 5, 10], rng: new Rng(1) });
  for (const key of ["hr@1", "ndcg@5", "recall@10", "precision@5", "map@10"]) assert.ok(Math.abs(fast[key] - slow[key]) < 1e-12, `${key}: ${fast[key]} vs ${slow[key]}`);
  assert.ok(fast["hr@10"] > 0 && fast["hr@10"] < 1);
  assert.throws(() => evaluateFullCatalogue(model, { ...protocol, excluded: null }), /not a full-catalogue protocol/);
});
