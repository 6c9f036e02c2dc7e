import { test } from "node:test";
import assert from "node:assert/strict";
import type { LeaveOneOutData } from "../../src/data/load-ml-1m-loo";
import type { Ratings } from "../../src/data/ratings";
import { createPopularity } from "../../src/models/popularity-model";
import { createRandomModel } from "../../src/models/random-model";
import { Rng } from "../../src/random/rng";
import { ncfProtocolFromLoo, sampledProtocol } from "../../src/train/ncf-protocol";
import { fullCatalogueProtocol, type RankingProtocol } from "../../src/train/ranking-protocol";
import { evaluateRanking, expectedSampledMetrics, rankingValidator, rankTestItems, type PairScorer } from "../../src/train/ranking-evaluation";
import { silentProgress } from "../../src/train/progress";

function ratingsOf(pairs: [number, number][], numUsers: number, numItems: number, times?: number[]): Ratings {
  return {
    indexId: "ranking-evaluation", name: "t",
    users: Int32Array.from(pairs, (p) => p[0]),
    items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(4),
    timestamps: times ? Float64Array.from(times) : undefined,
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers,
    numItems,
    size: pairs.length,
    scale: { min: 1, max: 5, step: 1 },
  };
}

/**
 * Planted implicit data: 200 users each interact with 10 distinct items of 60 drawn with probability
 * proportional to 1 / (item + 1) (Zipf), at random times. The held-out latest item is then popular more often
 * than a uniform negative, so popularity must beat random.
 */
function plantedZipf(seed: number): Ratings {
  const rng = new Rng(seed);
  const numUsers = 200;
  const numItems = 60;
  const pairs: [number, number][] = [];
  const times: number[] = [];
  const weights = Array.from({ length: numItems }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b);
  for (let u = 0; u < numUsers; u++) {
    const mine = new Set<number>();
    while (mine.size < 10) {
      let x = rng.next() * total;
      let i = 0;
      while (x >= weights[i] && i < numItems - 1) x -= weights[i++];
      if (mine.has(i)) continue;
      mine.add(i);
      pairs.push([u, i]);
      times.push(rng.next() * 1e6);
    }
  }
  return ratingsOf(pairs, numUsers, numItems, times);
}

/** Scores 1 for each user's relevant items under `p` and 0 elsewhere (or the reverse with `sign` -1). */
function oracle(p: RankingProtocol, sign: number): PairScorer {
  const relevant = new Set<string>();
  p.users.forEach((u, k) => {
    for (let j = p.relevantOffsets[k]; j < p.relevantOffsets[k + 1]; j++) relevant.add(`${u} ${p.relevantItems[j]}`);
  });
  return { score: (users, items) => Float32Array.from(users, (u, k) => (relevant.has(`${u} ${items[k]}`) ? sign : 0)) };
}

test("end to end on planted data: oracle 1, anti-oracle 0, random ~ K/n, popularity well above random", async () => {
  const p = sampledProtocol(plantedZipf(1), new Rng(2), { negatives: 19 }); // 20 candidates per user
  const best = evaluateRanking(oracle(p, 1), p, { k: [1, 5], rng: new Rng(3) });
  for (const key of ["hr@1", "ndcg@1", "ndcg@5", "recall@5", "map@5", "mrr", "auc"]) assert.equal(best[key], 1, key);
  assert.ok(Math.abs(best["precision@5"] - 1 / 5) < 1e-12);
  const worst = evaluateRanking(oracle(p, -1), p, { k: 5, rng: new Rng(3) });
  assert.equal(worst["hr@5"], 0);
  assert.equal(worst.auc, 0);
  assert.ok(Math.abs(worst.mrr - 1 / 20) < 1e-12);

  const random = createRandomModel();
  await random.fit(p.train, { rng: new Rng(4), progress: silentProgress });
  const r = evaluateRanking(random, p, { k: 5, rng: new Rng(5) });
  // HR@5 = 5/20 = 0.25 expected; sd over 200 users ~ 0.031
  assert.ok(Math.abs(r["hr@5"] - 0.25) < 0.1, `random hr@5 ${r["hr@5"]}`);
  assert.ok(Math.abs(r.auc - 0.5) < 0.1, `random auc ${r.auc}`);

  const pop = createPopularity();
  await pop.fit(p.train, { rng: new Rng(4), progress: silentProgress });
  const q = evaluateRanking(pop, p, { k: 5, rng: new Rng(5) });
  assert.ok(q["hr@5"] > r["hr@5"] + 0.25, `popularity hr@5 ${q["hr@5"]} vs random ${r["hr@5"]}`);
  assert.ok(q.auc > 0.7, `popularity auc ${q.auc}`);
});

test("the published-negatives protocol ranks a set of items: a negative equal to the held-out item is dropped", async () => {
  // train: u0 has i0, i1; u1 has i0, i2, i3 -> popularity i0: 2, i1..i3: 1, i4, i5: 0
  const train = ratingsOf([[0, 0], [0, 1], [1, 0], [1, 2], [1, 3]], 2, 6);
  const test = ratingsOf([[0, 2], [1, 1]], 2, 6, [50, 60]);
  // u0's negatives contain its own held-out item i2 (as 156 users' do in the ml-1m-loo files)
  const data: LeaveOneOutData = { train, test, negatives: Int32Array.from([4, 2, 0, 5, 4, 3]), negativesPerUser: 3 };
  const p = ncfProtocolFromLoo(data);
  assert.ok(p.train.values.every((v) => v === 1), "train becomes binary implicit");
  const pop = createPopularity();
  await pop.fit(p.train, { rng: new Rng(1), progress: silentProgress });
  let u1Top = 0;
  for (let seed = 0; seed < 2000; seed++) {
    const ranks = rankTestItems(pop, p, { rng: new Rng(seed) });
    // u0: candidates i2 (1), i4 (0), i0 (2): i2 is second, always (a kept copy of i2 would tie it)
    assert.equal(ranks.ranks[0], 1);
    assert.deepEqual(Array.from(ranks.candidates), [3, 4]);
    // u1: i1 (1) ties i3 (1) for the top, above i5 and i4 (0)
    u1Top += ranks.ranks[1] === 0 ? 1 : 0;
  }
  assert.ok(Math.abs(u1Top / 2000 - 0.5) < 0.05, `${u1Top}`);
  const m = evaluateRanking(pop, p, { k: 2, rng: new Rng(9) });
  assert.equal(m["hr@2"], 1);
  assert.throws(() => ncfProtocolFromLoo({ ...data, negativesPerUser: 2 }), /expected 2 x 2/);

  // repeatedNegatives "keep": u0's listed copy of i2 is a fourth candidate that ties i2 (both 1), so i2 is second
  // or third with equal odds; u1's list has no repeat and is ranked as before.
  let u0Second = 0;
  for (let seed = 0; seed < 2000; seed++) {
    const kept = rankTestItems(pop, p, { rng: new Rng(seed), repeatedNegatives: "keep" });
    assert.deepEqual(Array.from(kept.candidates), [4, 4]);
    assert.ok(kept.ranks[0] === 1 || kept.ranks[0] === 2, `rank ${kept.ranks[0]}`);
    u0Second += kept.ranks[0] === 1 ? 1 : 0;
  }
  assert.ok(Math.abs(u0Second / 2000 - 0.5) < 0.05, `${u0Second}`);
  assert.throws(() => rankTestItems(pop, p, { rng: new Rng(1), repeatedNegatives: "merge" as "keep" }), /repeatedNegatives must be "drop" or "keep", got "merge"/);

  // Expected ties, hand-computed. As a set: u0's i2 is second of 3 (no tie): HR@1 0, NDCG@2 1/log2(3); u1's i1 ties
  // i3 for the top: HR@1 1/2, NDCG@1 1/2. As listed, u0's i2 ties its copy for positions 1 and 2: HR@2 1/2.
  const set = expectedSampledMetrics(pop, p, { k: 1 });
  assert.deepEqual(set, { "hr@1": 0.25, "ndcg@1": 0.25 });
  const set2 = expectedSampledMetrics(pop, p, { k: 2 });
  assert.ok(Math.abs(set2["ndcg@2"] - (1 / Math.log2(3) + (1 + 1 / Math.log2(3)) / 2) / 2) < 1e-12);
  const listed = expectedSampledMetrics(pop, p, { k: 2, repeatedNegatives: "keep" });
  assert.equal(listed["hr@2"], (0.5 + 1) / 2);
});

test("results do not depend on the batch size", async () => {
  const r = plantedZipf(2);
  const pop = createPopularity();
  for (const p of [sampledProtocol(r, new Rng(1), { negatives: 30 }), fullCatalogueProtocol(r, new Rng(1), { testPerUser: 2 })]) {
    await pop.fit(p.train, { rng: new Rng(1), progress: silentProgress });
    const big = evaluateRanking(pop, p, { k: [3, 10], rng: new Rng(8) });
    const small = evaluateRanking(pop, p, { k: [3, 10], rng: new Rng(8), batchPairs: 7 });
    assert.deepEqual(small, big);
    assert.notDeepEqual(evaluateRanking(pop, p, { k: [3, 10], rng: new Rng(9) }), big, "the tie-break seed matters (popularity ties)");
  }
});

test("a model returning the wrong number of scores, or a bad option, is an error", () => {
  const p = sampledProtocol(plantedZipf(3), new Rng(1), { negatives: 5 });
  assert.throws(() => evaluateRanking({ score: () => new Float32Array(3) }, p, { rng: new Rng(1) }), /returned 3 scores for/);
  assert.throws(() => evaluateRanking({ score: (u) => new Float32Array(u.length) }, p, { k: 0, rng: new Rng(1) }), /k must be positive integers/);
  assert.throws(() => rankTestItems({ score: (u) => new Float32Array(u.length) }, p, { rng: new Rng(1), batchPairs: 0 }), /batchPairs must be/);
});

test("rankingValidator: HR@10 by default, higher is better, the same value on every call", async () => {
  const p = sampledProtocol(plantedZipf(4), new Rng(1), { holdout: "random", negatives: 40 });
  const pop = createPopularity();
  const v = rankingValidator(pop, p, { rng: new Rng(2) });
  assert.equal(v.metric, "hr@10");
  assert.equal(v.lowerIsBetter, false);
  const history = await pop.fit(p.train, { rng: new Rng(1), validator: v, progress: silentProgress });
  const first = history.epochs[0].validation!;
  assert.ok(first["hr@10"] > 0 && first["ndcg@10"] > 0);
  assert.deepEqual(v.evaluate(), first);
  assert.equal(rankingValidator(pop, p, { k: 5, metric: "ndcg@5", rng: new Rng(2) }).metric, "ndcg@5");
  assert.throws(() => rankingValidator(pop, p, { metric: "rmse", rng: new Rng(2) }), /metric must be one of hr@10/);
});
