/**
 * The two-stage recommender: re-ranking and the sampled-candidates order on hand-computed cases, and the ranker
 * and both retrievers seeing training data only (spies that would catch a test pair).
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { fullCatalogueProtocol, type RankingProtocol } from "../../src/train/ranking-protocol";
import { rankerExamples, rerankLists, runTwoStage, type ExampleRanker } from "../../src/train/two-stage";
import { sampledTwoStageMetrics } from "../../src/train/two-stage-sampled";
import { createEase } from "../../src/models/implicit/ease";
import { createWideDeepRanker, type LabelledPairs } from "../../src/models/wide-deep/wide-deep-ranker";
import type { ImplicitModel } from "../../src/models/implicit-model";
import type { TopKLists } from "../../src/train/full-catalogue-retrieval";
import type { PairEvidence } from "../../src/models/wide-deep/pair-evidence";
import { retrievalEvidence } from "../../src/train/retrieval-evidence";
import { catalogueScorerOf, retrieveTopK } from "../../src/train/full-catalogue-retrieval";
import { ratingsByUser } from "../../src/data/rating-matrix";
import { useTestBackend } from "../helpers/test-backend";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

before(useTestBackend);

const byItem = (scores: number[]) => ({ score: (_u: Int32Array, items: Int32Array) => Float32Array.from(items, (i) => scores[i]) });

test("rerankLists re-orders the first depth items of each row by the ranker's score and keeps the rest", () => {
  const lists: TopKLists = { users: Int32Array.from([0, 1]), k: 4, items: Int32Array.from([5, 2, 7, 1, 3, 4, -1, -1]), scores: new Float32Array(8), seconds: 0 };
  const ranker = byItem([0, 9, 1, 2, 8, 0, 0, 6]);
  const out = rerankLists(lists, ranker, 3);
  // Row 0: first three 5 (0), 2 (1), 7 (6) -> 7, 2, 5; then 1 stays. Row 1: 3 (2), 4 (8) -> 4, 3; padding stays.
  assert.deepEqual(Array.from(out.items), [7, 2, 5, 1, 4, 3, -1, -1]);
});

test("sampledTwoStageMetrics: re-ranked candidates first, the others by retriever score", () => {
  // One user, held-out item 3, negatives 1, 2, 4. Retriever scores: 4 > 1 > 3 > 2. Re-ranked top 1 is item 2.
  const protocol = {
    name: "hand", users: Int32Array.from([0]), relevantOffsets: Int32Array.from([0, 1]), relevantItems: Int32Array.from([3]),
    negatives: Int32Array.from([1, 2, 4]), negativesPerUser: 3, excluded: null,
  } as unknown as RankingProtocol;
  const retriever = byItem([0, 5, 1, 3, 9]);
  const lists: TopKLists = { users: Int32Array.from([0]), k: 2, items: Int32Array.from([2, 0]), scores: new Float32Array(2), seconds: 0 };
  // Depth 0: order 4, 1, 3 -> rank 2; NDCG@3 = 1 / log2(4) = 0.5. Depth 1: 2 first, then 4, 1, 3 -> rank 3.
  assert.deepEqual(sampledTwoStageMetrics(protocol, lists, retriever, 0, 3, new Rng(1)), { "hr@3": 1, "ndcg@3": 0.5 });
  assert.deepEqual(sampledTwoStageMetrics(protocol, lists, retriever, 1, 3, new Rng(1)), { "hr@3": 0, "ndcg@3": 0 });
});

test("rankerExamples: retrieved carved positives, history positives, retrieved-but-not-chosen negatives; users without a hit give none", () => {
  const fit = { users: Int32Array.from([0, 0, 1]), items: Int32Array.from([1, 2, 3]), values: new Float32Array(3).fill(1), numUsers: 2, numItems: 7, size: 3 } as unknown as Ratings;
  // User 0 carved 4 (retrieved at position 1) and 6 (not retrieved); user 1 carved 2 (not in its top 3).
  const carved = { users: Int32Array.from([0, 0, 1]), items: Int32Array.from([4, 6, 2]), size: 3 } as unknown as Ratings;
  const lists: TopKLists = { users: Int32Array.from([0, 1]), k: 4, items: Int32Array.from([5, 4, 0, 3, 0, 1, 4, 2]), scores: new Float32Array(8), seconds: 0 };
  const ex = rankerExamples(fit, carved, lists, { depth: 3, negatives: 5, historyPositives: 1 }, new Rng(2));
  assert.equal(ex.labels.length, 4);
  assert.deepEqual([ex.users[0], ex.items[0], ex.labels[0]], [0, 4, 1]);
  assert.ok([1, 2].includes(ex.items[1]) && ex.labels[1] === 1, "one of user 0's training items");
  assert.deepEqual(Array.from(ex.items.subarray(2)).sort(), [0, 5], "the first 3 retrieved items other than the carved one (3 is beyond the depth)");
  assert.deepEqual(Array.from(ex.labels.subarray(2)), [0, 0]);
  assert.ok(Array.from(ex.users).every((u) => u === 0), "user 1's carved item was not retrieved: no examples");
  const one = rankerExamples(fit, carved, lists, { depth: 3, negatives: 1, historyPositives: 0 }, new Rng(2), new Set([0]));
  assert.equal(one.labels.length, 2, "one positive and one of the two negatives");
  assert.equal(rankerExamples(fit, carved, lists, { depth: 3, negatives: 1, historyPositives: 0 }, new Rng(2), new Set([1])).labels.length, 0);
});

/** True when some pair of `pairs` (label 1 only, when labelled) is a held-out pair of `test`. */
function touchesTest(pairs: { users: Int32Array; items: Int32Array; labels?: Float32Array }, test: Ratings): boolean {
  const held = new Set<number>();
  for (let k = 0; k < test.size; k++) held.add(test.users[k] * test.numItems + test.items[k]);
  for (let k = 0; k < pairs.users.length; k++) if (held.has(pairs.users[k] * test.numItems + pairs.items[k]) && (!pairs.labels || pairs.labels[k] === 1)) return true;
  return false;
}

test("the ranker and both retrievers see training data only; re-ranking keeps the retrieved set", async () => {
  const data = plantedFeatureRatings(60, 40, 0.4, 0.1, 9);
  const protocol = fullCatalogueProtocol(data, new Rng(3), { testPerUser: 2 });
  assert.ok(touchesTest(protocol.test, protocol.test), "the spy's check finds a test pair when there is one");
  const fitted: Ratings[] = [];
  const retriever = (): ImplicitModel => {
    const ease = createEase({ lambda: 5 });
    return { name: "spy EASE", score: (u, i) => ease.score(u, i), dispose: () => ease.dispose(), fit: (r, o) => { fitted.push(r); return ease.fit(r, o); } };
  };
  const inner = createWideDeepRanker({ deep: { embedding: { dim: 4, reg: 0.001, initStd: 0.1 }, layers: [8] }, epochs: 2, patience: 0 });
  let seen: { train: Ratings; examples: LabelledPairs } | null = null;
  const evidence: (PairEvidence | null)[] = [];
  const ranker: ExampleRanker = {
    name: "spy ranker", score: (u, i) => inner.score(u, i), dispose: () => inner.dispose(), fit: (r, o) => inner.fit(r, o),
    setEvidence: (e) => { evidence.push(e); inner.setEvidence(e); },
    fitExamples: (train, examples, o) => { seen = { train, examples }; return inner.fitExamples(train, examples, o); },
  };
  const result = await runTwoStage(protocol, { retriever, rankers: [ranker], config: { listLength: 10, rerankDepth: 5, trainCandidates: 5, historyPositives: 2, carvedPerUser: 2, validationShare: 0.25 }, k: [5, 10], rng: new Rng(4), progress: silentProgress });
  // The evidence at training and at serving is exactly that of a retriever fitted on the first and on the second
  // training set the spy saw (neither holds a test pair): recompute both and compare on every (user, item) pair.
  assert.equal(evidence.length, 2);
  const all = { users: new Int32Array(60 * 40), items: new Int32Array(60 * 40) };
  for (let u = 0; u < 60; u++) for (let i = 0; i < 40; i++) { all.users[u * 40 + i] = u; all.items[u * 40 + i] = i; }
  const looked = (e: PairEvidence) => { const b = new Int32Array(all.users.length), v = new Float32Array(all.users.length); e.lookup(all.users, all.items, b, v); return { b: Array.from(b), v: Array.from(v) }; };
  for (const [n, data] of fitted.entries()) {
    const ease = createEase({ lambda: 5 });
    await ease.fit(data, { rng: new Rng(0), progress: silentProgress });
    const users = n === 0 ? Int32Array.from(new Set(Array.from({ length: 60 }, (_, u) => u).filter((u) => data.users.includes(u)))) : protocol.users;
    const lists = retrieveTopK(catalogueScorerOf(ease, 40), users, { k: n === 0 ? 5 : 10, exclude: ratingsByUser(n === 0 ? data : protocol.train) });
    const expected = looked(retrievalEvidence(lists, 5)), got = looked(evidence[n]!);
    assert.deepEqual(got.b, expected.b, `evidence ${n}: rank buckets`);
    got.v.forEach((x, k) => assert.ok(Math.abs(x - expected.v[k]) < 1e-5, `evidence ${n}: z-score of pair ${k}`));
    ease.dispose();
  }
  assert.ok(result.validation !== null && result.validation.users === 15, "a quarter of the 60 users validate");
  assert.ok(result.validation.retrieval["hr@5"] >= 0 && result.validation.reranked.length === 1);
  assert.equal(fitted.length, 2);
  for (const r of fitted) assert.ok(!touchesTest(r, protocol.test), "a retriever was fitted on a test pair");
  assert.ok(seen !== null);
  const s = seen as { train: Ratings; examples: LabelledPairs };
  assert.equal(s.train, protocol.train, "the ranker's index and features come from the training data");
  assert.ok(!touchesTest(s.examples, protocol.test), "the ranker was trained on a test pair as a positive");
  assert.ok(fitted[0].size < protocol.train.size, "the first retriever misses the carved items");
  assert.equal(result.reranked[0].metrics["recall@10"], result.retrieval["recall@10"], "re-ranking the top 5 of 10 keeps recall@10");
  for (const v of [...Object.values(result.retrieval), ...Object.values(result.reranked[0].metrics)]) assert.ok(v >= 0 && v <= 1);
  result.retrieverModel.dispose();
  ranker.dispose();
});
