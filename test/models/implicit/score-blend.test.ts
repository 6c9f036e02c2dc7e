import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import type { ImplicitFitOptions } from "../../../src/models/implicit-model";
import { createScoreBlend, type BlendMember } from "../../../src/models/implicit/score-blend";
import { zScoreInPlace } from "../../../src/models/implicit/score-normalisation";
import { Rng } from "../../../src/random/rng";
import { cachedBlendScorer, candidateZScores, simplexGrid } from "../../../src/train/blend-weight-search";
import { evaluateRanking } from "../../../src/train/ranking-evaluation";
import { relevantByUser, type RankingProtocol } from "../../../src/train/ranking-protocol";
import { singleStepRankingHistory } from "../../../src/models/popularity-model";
import type { TrainingHistory } from "../../../src/train/training-history";

function interactions(pairs: [number, number][], numUsers: number, numItems: number, name = "t"): Ratings {
  return {
    indexId: "blend-test", name, users: Int32Array.from(pairs, (p) => p[0]), items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: pairs.length, scale: { min: 1, max: 1 },
  };
}

/** A member whose scores are a fixed function of (user, item); it records every training set it is fitted on. */
class FixedMember implements BlendMember {
  fittedIndexId: string | undefined = undefined;
  fits: Ratings[] = [];
  private n = 0;
  constructor(readonly name: string, private readonly f: (u: number, i: number) => number) {}
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.fits.push(train);
    this.n = train.numItems;
    this.fittedIndexId = train.indexId;
    return singleStepRankingHistory(this.name, train, options.validator, performance.now());
  }
  score(users: Int32Array, items: Int32Array): Float32Array {
    return Float32Array.from(users, (u, k) => this.f(u, items[k]));
  }
  catalogueSize(): number {
    if (this.n === 0) throw new Error(`${this.name}: not fitted`);
    return this.n;
  }
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    for (let r = 0; r < users.length; r++) for (let i = 0; i < this.n; i++) out[r * this.n + i] = this.f(users[r], i);
  }
  dispose(): void {}
}

test("zScoreInPlace: hand-computed z-scores of a range; a constant range becomes zeros", () => {
  // [1, 2, 3, 4]: mean 2.5, population sd √1.25 = 1.118034; z = ±0.447214, ±1.341641.
  const row = Float32Array.from([9, 1, 2, 3, 4, 9]);
  zScoreInPlace(row, 1, 5);
  const expected = [9, -1.341641, -0.447214, 0.447214, 1.341641, 9];
  expected.forEach((e, j) => assert.ok(Math.abs(row[j] - e) < 1e-5, `row[${j}] = ${row[j]}, expected ${e}`));
  const flat = Float32Array.from([5, 5, 5]);
  zScoreInPlace(flat, 0, 3);
  assert.deepEqual(flat, new Float32Array(3));
  assert.throws(() => zScoreInPlace(flat, 2, 2), /empty or outside/);
});

test("simplexGrid: every weight vector on the step lattice of the simplex", () => {
  assert.deepEqual(simplexGrid(2, 0.5), [[1, 0], [0.5, 0.5], [0, 1]]);
  assert.equal(simplexGrid(3, 0.1).length, 66);
  for (const w of simplexGrid(3, 0.1)) assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.throws(() => simplexGrid(2, 0.3), /step must divide 1/);
});

const train3 = interactions([[0, 0], [1, 1]], 2, 4);

test("ScoreBlendModel with fixed weights: the hand-computed blend of catalogue z-scores", async () => {
  // Member A scores items 0..3 as [1, 2, 3, 4] for every user (z: -1.341641, -0.447214, 0.447214, 1.341641);
  // member B as [4, 0, 0, 0] (mean 1, sd √3: z = 1.732051, -0.577350 x 3). 0.25 A + 0.75 B:
  const a = new FixedMember("A", (_u, i) => i + 1);
  const b = new FixedMember("B", (_u, i) => (i === 0 ? 4 : 0));
  const blend = createScoreBlend([a, b], { weights: [0.25, 0.75] });
  await blend.fit(train3, { rng: new Rng(1) });
  const za = [-1.341641, -0.447214, 0.447214, 1.341641];
  const zb = [1.732051, -0.57735, -0.57735, -0.57735];
  const s = blend.score(Int32Array.from([1, 1, 1, 1]), Int32Array.from([0, 1, 2, 3]));
  s.forEach((v, i) => assert.ok(Math.abs(v - (0.25 * za[i] + 0.75 * zb[i])) < 1e-5, `item ${i}: ${v}`));
  const out = new Float32Array(8);
  blend.scoreCatalogue(Int32Array.from([0, 1]), out);
  assert.deepEqual(out.subarray(4), s);
  assert.equal(blend.search, null);
  assert.throws(() => createScoreBlend([a, b], { weights: [0, 0] }), /all 0/);
  assert.throws(() => createScoreBlend([a, b], { weights: [1] }), /1 entries for 2 members/);
});

test("weights (1, 0) reproduce member 1's ranking and metrics, (0, 1) member 2's", async () => {
  // 6 users, 30 items; member scores are pseudo-random per pair, so the two members rank differently.
  const rng = new Rng(5);
  const tableA = Array.from({ length: 6 * 30 }, () => rng.next());
  const tableB = Array.from({ length: 6 * 30 }, () => rng.next());
  const a = new FixedMember("A", (u, i) => 3 * tableA[u * 30 + i] + u);
  const b = new FixedMember("B", (u, i) => tableB[u * 30 + i] - 7);
  const pairs: [number, number][] = [];
  for (let u = 0; u < 6; u++) for (let i = 0; i < 3; i++) pairs.push([u, (u * 5 + i) % 30]);
  const train = interactions(pairs, 6, 30);
  const test = interactions(Array.from({ length: 6 }, (_, u) => [u, (u * 5 + 3) % 30] as [number, number]), 6, 30);
  const negatives = Int32Array.from({ length: 6 * 20 }, (_, j) => (Math.floor(j / 20) * 5 + 4 + (j % 20)) % 30);
  const protocol: RankingProtocol = { name: "p", train, test, ...relevantByUser(test), negatives, negativesPerUser: 20, excluded: null };
  for (const [weights, member] of [[[1, 0], a], [[0, 1], b]] as const) {
    const blend = createScoreBlend([a, b], { weights: [...weights] });
    await blend.fit(train, { rng: new Rng(1) });
    const order = (m: { score(u: Int32Array, i: Int32Array): Float32Array }, u: number): number[] => {
      const s = m.score(new Int32Array(30).fill(u), Int32Array.from({ length: 30 }, (_, i) => i));
      return Array.from({ length: 30 }, (_, i) => i).sort((x, y) => s[y] - s[x]);
    };
    for (let u = 0; u < 6; u++) assert.deepEqual(order(blend, u), order(member, u), `user ${u}, weights ${weights.join(",")}`);
    assert.deepEqual(evaluateRanking(blend, protocol, { k: 5, rng: new Rng(3) }), evaluateRanking(member, protocol, { k: 5, rng: new Rng(3) }));
  }
});

test("the weight search never sees the test split: an oracle of the test items loses to a memoriser of the training data", async () => {
  // 12 users, 120 items. Each user has 5 training items; its test item is never among them. The oracle member
  // scores 1 exactly on (user, test item) pairs: it would win any search run on the test split. The memoriser scores
  // 1 on the outer training pairs: it finds every validation item carved from them, never a test item. Validation
  // negatives are drawn among items without training interactions, so a user's test item is likely one of them,
  // where the oracle puts it first; hence on validation the memoriser alone ([0, 1]) strictly wins.
  const users = 12;
  const items = 120;
  const trainPairs: [number, number][] = [];
  const testItem = (u: number): number => (u * 7 + 50) % items;
  for (let u = 0; u < users; u++) for (let j = 0; j < 5; j++) trainPairs.push([u, (u * 7 + j) % items]);
  const train = interactions(trainPairs, users, items);
  const testSet = interactions(Array.from({ length: users }, (_, u) => [u, testItem(u)] as [number, number]), users, items);
  const inTrain = new Set(trainPairs.map(([u, i]) => u * items + i));
  const oracle = new FixedMember("oracle", (u, i) => (i === testItem(u) ? 1 : 0));
  const memoriser = new FixedMember("memoriser", (u, i) => (inTrain.has(u * items + i) ? 1 : 0));
  const blend = createScoreBlend([oracle, memoriser], { step: 0.5 });
  await blend.fit(train, { rng: new Rng(4) });
  assert.deepEqual(blend.weights, [0, 1], JSON.stringify(blend.search?.grid));
  const best = blend.search!.best;
  assert.equal(best.hr, 1);
  assert.equal(best.ndcg, 1);
  // What a search on the test split would have chosen: the oracle (HR@10 1 there; the memoriser's test items all tie at 0).
  const negatives = Int32Array.from({ length: users * 99 }, (_, j) => (testItem(Math.floor(j / 99)) + 1 + (j % 99)) % items);
  const outer: RankingProtocol = { name: "outer", train, test: testSet, ...relevantByUser(testSet), negatives, negativesPerUser: 99, excluded: null };
  assert.equal(evaluateRanking(oracle, outer, { k: 10, rng: new Rng(1) })["hr@10"], 1);
  // The members were fitted only on the training data minus the validation items (search), then on all of it.
  assert.equal(memoriser.fits.length, 2);
  assert.equal(oracle.fits.length, 1, "the oracle has weight 0, so it is not refitted");
  assert.equal(memoriser.fits[0].size, train.size - users);
  for (const fit of [...memoriser.fits, ...oracle.fits]) {
    for (let k = 0; k < fit.size; k++) assert.ok(fit.items[k] !== testItem(fit.users[k]), "a member was fitted on a test pair");
  }
});

test("candidateZScores caches each member's z-score of every candidate pair, and refuses what it cannot serve", async () => {
  const a = new FixedMember("A", (_u, i) => i + 1);
  const b = new FixedMember("B", (_u, i) => (i === 0 ? 4 : 0));
  await a.fit(train3, { rng: new Rng(1) });
  await b.fit(train3, { rng: new Rng(1) });
  const test1 = interactions([[1, 3]], 2, 4);
  const sampled: RankingProtocol = { name: "s", train: train3, test: test1, ...relevantByUser(test1), negatives: Int32Array.from([0, 2]), negativesPerUser: 2, excluded: null };
  const cache = candidateZScores([a, b], sampled);
  // Pairs (1, 3), (1, 0), (1, 2) in that order; z-scores as in the fixed-weights test.
  assert.deepEqual([...cache.z].map((v) => Number(v.toFixed(5))), [1.34164, -0.57735, -1.34164, 1.73205, 0.44721, -0.57735]);
  assert.ok(Math.abs(cachedBlendScorer(cache, [0.5, 0.5]).score(Int32Array.from([1]), Int32Array.from([0]))[0] - 0.5 * (-1.341641 + 1.732051)) < 1e-5);
  assert.throws(() => cachedBlendScorer(cache, [1, 0]).score(Int32Array.from([1]), Int32Array.from([1])), /not among the cached candidates/);
  assert.throws(() => cachedBlendScorer(cache, [1]), /1 weights for 2 members/);
  assert.throws(() => candidateZScores([a, b], { ...sampled, negatives: null, negativesPerUser: 0 }), /no sampled negatives/);
});
