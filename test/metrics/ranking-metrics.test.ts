import { test } from "node:test";
import assert from "node:assert/strict";
import {
  aucOfRanks,
  averagePrecisionAtK,
  hitRateAtK,
  hitsAtK,
  ndcgAtK,
  precisionAtK,
  ranksOfRelevance,
  recallAtK,
  reciprocalRank,
} from "../../src/metrics/ranking-metrics";
import { meanRankingMetrics, RankingMetricSums } from "../../src/metrics/ranking-summary";
import { tieBreakRanks } from "../../src/metrics/tie-break-ranks";
import { Rng } from "../../src/random/rng";

const close = (a: number, b: number, msg = "") => assert.ok(Math.abs(a - b) < 1e-9, `${msg} ${a} vs ${b}`);
/** For constants written to 8 decimals. */
const near = (a: number, b: number, msg = "") => assert.ok(Math.abs(a - b) < 1e-8, `${msg} ${a} vs ${b}`);

// List A: scores [0.9, 0.1, 0.5, 0.7, 0.3], relevant candidates {1, 2}.
// Ranking: c0 (0.9), c3 (0.7), c2 (0.5), c4 (0.3), c1 (0.1) -> relevant at 0-based positions 2 and 4.
const scoresA = Float32Array.from([0.9, 0.1, 0.5, 0.7, 0.3]);
const ranksA = Int32Array.from([2, 4]);

test("tieBreakRanks finds the positions of the relevant items of a list without ties", () => {
  const r = tieBreakRanks(scoresA, [1, 2], new Rng(1));
  assert.deepEqual(Array.from(r.ranks), [2, 4]);
  assert.equal(r.candidates, 5);
  assert.deepEqual(Array.from(ranksOfRelevance([0, 0, 1, 0, 1])), [2, 4]);
});

test("list A at K = 3: HR, precision, recall, NDCG, AP, RR, AUC by hand", () => {
  // top 3 = c0, c3, c2: one hit (c2 at 1-based position 3)
  assert.equal(hitsAtK(ranksA, 3), 1);
  assert.equal(hitRateAtK(ranksA, 3), 1);
  close(precisionAtK(ranksA, 3), 1 / 3); // 1 hit / K = 3
  close(recallAtK(ranksA, 3), 1 / 2); // 1 hit / R = 2
  // DCG = 1 / log2(3 + 1) = 0.5; IDCG = 1/log2(2) + 1/log2(3) = 1 + 0.6309298 = 1.6309298
  close(ndcgAtK(ranksA, 3), 0.5 / (1 + 1 / Math.log2(3)));
  near(ndcgAtK(ranksA, 3), 0.30657359, "rounded"); // and to be sure the formula above is not the one under test twice
  // AP@3 = (1 / min(3, 2)) * (P@3 * rel_3) = (1/2) * (1/3) = 1/6
  close(averagePrecisionAtK(ranksA, 3), 1 / 6);
  close(reciprocalRank(ranksA), 1 / 3); // first hit at 1-based position 3
  // AUC: 3 non-relevant (c0, c3, c4). c2 beats c4 (1 pair), c1 beats none: 1 / (2 * 3) = 1/6
  close(aucOfRanks(ranksA, 5), 1 / 6);
});

test("list A at K = 5: every relevant item is in the top K", () => {
  assert.equal(hitRateAtK(ranksA, 5), 1);
  close(precisionAtK(ranksA, 5), 2 / 5);
  close(recallAtK(ranksA, 5), 1);
  // DCG = 1/log2(4) + 1/log2(6) = 0.5 + 0.3868528 = 0.8868528; / 1.6309298 = 0.5437713
  near(ndcgAtK(ranksA, 5), 0.54377131, "ndcg@5");
  // AP@5 = (1/2) * (P@3 + P@5) = (1/2) * (1/3 + 2/5) = 11/30
  close(averagePrecisionAtK(ranksA, 5), 11 / 30);
});

test("a single relevant item: on top, and fourth of five", () => {
  const top = [0];
  for (const f of [hitRateAtK, ndcgAtK, averagePrecisionAtK, recallAtK]) assert.equal(f(top, 1), 1);
  assert.equal(reciprocalRank(top), 1);
  assert.equal(aucOfRanks(top, 5), 1);
  const fourth = [3];
  for (const f of [hitRateAtK, ndcgAtK, averagePrecisionAtK, precisionAtK, recallAtK]) assert.equal(f(fourth, 3), 0);
  close(ndcgAtK(fourth, 5), 1 / Math.log2(5)); // 0.4306766: NCF's log(2) / log(i + 2) with i = 3
  near(ndcgAtK(fourth, 5), 0.43067656, "rounded");
  close(reciprocalRank(fourth), 1 / 4);
  close(aucOfRanks(fourth, 5), 1 / 4); // beats 1 of the 4 non-relevant items
});

test("three relevant items on top of five: NDCG and AP normalise by min(K, R)", () => {
  const ranks = [0, 1, 2];
  assert.equal(ndcgAtK(ranks, 2), 1); // IDCG over min(2, 3) = 2 positions
  assert.equal(averagePrecisionAtK(ranks, 2), 1); // (1/2) * (1/1 + 2/2)
  close(recallAtK(ranks, 2), 2 / 3);
  assert.equal(precisionAtK(ranks, 2), 1);
  assert.equal(aucOfRanks(ranks, 5), 1);
  // relevant at the bottom instead: 0-based positions 2, 3, 4 -> AUC 0
  assert.equal(aucOfRanks([2, 3, 4], 5), 0);
});

test("bad lists and cutoffs are errors naming the parameter", () => {
  assert.throws(() => hitRateAtK([], 10), /no relevant item/);
  assert.throws(() => ndcgAtK([3, 1], 10), /ascending distinct/);
  assert.throws(() => ndcgAtK([1, 1], 10), /ascending distinct/);
  assert.throws(() => precisionAtK([1], 0), /k must be a positive integer/);
  assert.throws(() => aucOfRanks([0, 1], 2), /numCandidates must be/);
  assert.throws(() => aucOfRanks([7], 5), /outside a list of 5/);
  assert.throws(() => tieBreakRanks([1, NaN, 2], [0], new Rng(1)), /candidate 1 is NaN/);
  assert.throws(() => tieBreakRanks([1, 2], [2], new Rng(1)), /outside \[0, 2\)/);
  assert.throws(() => tieBreakRanks([1, 2], [1, 1], new Rng(1)), /listed twice/);
});

test("excluded candidates leave the ranking unless relevant", () => {
  // scores 5 4 3 2 1; excluded c0 and c2; relevant c3 (score 2) ranks after c1 (4) only.
  const r = tieBreakRanks([5, 4, 3, 2, 1], [3], new Rng(3), Uint8Array.from([1, 0, 1, 1, 0]));
  assert.deepEqual(Array.from(r.ranks), [1]);
  assert.equal(r.candidates, 3); // c1, c3, c4
});

test("ties are broken at random: all-equal scores give HR@K ~ K / N over many seeds", () => {
  const n = 20;
  const scores = new Float32Array(n).fill(0.5);
  const seeds = 20000;
  const positionCounts = new Array(n).fill(0);
  let hits = 0;
  for (let seed = 0; seed < seeds; seed++) {
    // the relevant item is the first candidate: index-order tie-breaking would always put it on top
    const r = tieBreakRanks(scores, [0], new Rng(seed));
    positionCounts[r.ranks[0]]++;
    hits += hitRateAtK(r.ranks, 5);
  }
  const sd = Math.sqrt((0.25 * 0.75) / seeds);
  assert.ok(Math.abs(hits / seeds - 5 / n) < 4 * sd, `HR@5 ${hits / seeds}, expected ${5 / n}`);
  for (const c of positionCounts) assert.ok(Math.abs(c / seeds - 1 / n) < 0.006, `positions ${positionCounts}`);
});

test("partial ties: the relevant item is uniform over its tie group; two tied relevant items are a random pair", () => {
  const counts = [0, 0, 0, 0, 0];
  for (let seed = 0; seed < 9000; seed++) counts[tieBreakRanks([2, 1, 1, 1, 0], [2], new Rng(seed)).ranks[0]]++;
  assert.equal(counts[0] + counts[4], 0);
  for (const p of [1, 2, 3]) assert.ok(Math.abs(counts[p] / 9000 - 1 / 3) < 0.02, `${counts}`);
  // all 4 tied, relevant {0, 3}: the top position is relevant with probability 2/4
  let top = 0;
  for (let seed = 0; seed < 8000; seed++) top += tieBreakRanks([1, 1, 1, 1], [3, 0], new Rng(seed)).ranks[0] === 0 ? 1 : 0;
  assert.ok(Math.abs(top / 8000 - 0.5) < 0.02, `${top}`);
});

test("the tie-break is reproducible for a seed", () => {
  const scores = new Float32Array(50).fill(1);
  const a = tieBreakRanks(scores, [4, 9, 30], new Rng(77)).ranks;
  const b = tieBreakRanks(scores, [4, 9, 30], new Rng(77)).ranks;
  assert.deepEqual(a, b);
});

test("the mean over users weighs every user the same", () => {
  // user 1: list A (ranks 2, 4 of 5); user 2: one relevant item on top of 5
  const m = meanRankingMetrics(
    { offsets: Int32Array.from([0, 2, 3]), ranks: Int32Array.from([2, 4, 0]), candidates: Int32Array.from([5, 5]) },
    [3, 5],
  );
  close(m["hr@3"], 1);
  near(m["ndcg@3"], (0.30657359 + 1) / 2);
  close(m["precision@3"], (1 / 3 + 1 / 3) / 2);
  close(m["recall@3"], (1 / 2 + 1) / 2);
  close(m["map@3"], (1 / 6 + 1) / 2);
  near(m["ndcg@5"], (0.54377131 + 1) / 2);
  close(m.mrr, (1 / 3 + 1) / 2);
  close(m.auc, (1 / 6 + 1) / 2);
  assert.throws(() => new RankingMetricSums([]).mean(), /at least one cutoff/);
  assert.throws(() => new RankingMetricSums(10).mean(), /no user/);
});

test("expected HR@K and NDCG@K over tie orders: hand-computed, and the mean of many random tie-breaks", async () => {
  const { expectedHitAndNdcg, tiedRange } = await import("../../src/metrics/expected-tie-metrics");
  const { tieBreakRanks } = await import("../../src/metrics/tie-break-ranks");
  const { Rng } = await import("../../src/random/rng");
  // positions 8, 9, 10, 11 equally likely; K = 10 keeps 8 and 9
  const e = expectedHitAndNdcg(8, 3, 10);
  assert.equal(e.hr, 0.5);
  assert.ok(Math.abs(e.ndcg - (1 / Math.log2(10) + 1 / Math.log2(11)) / 4) < 1e-12);
  assert.deepEqual(expectedHitAndNdcg(0, 0, 1), { hr: 1, ndcg: 1 });
  assert.deepEqual(expectedHitAndNdcg(10, 0, 10), { hr: 0, ndcg: 0 });
  // scores: relevant candidate 0 ties with 3 others, 8 above; candidate 12 is excluded
  const scores = [5, 9, 9, 9, 9, 9, 9, 9, 9, 5, 5, 5, 5, 1];
  const excluded = new Uint8Array(scores.length);
  excluded[12] = 1;
  assert.deepEqual(tiedRange(scores, 0, excluded), { above: 8, tied: 3 });
  let hits = 0;
  const draws = 4000;
  for (let s = 0; s < draws; s++) if (tieBreakRanks(scores, [0], new Rng(s), excluded).ranks[0] < 10) hits++;
  assert.ok(Math.abs(hits / draws - 0.5) < 0.03, `${hits / draws}`);
  assert.throws(() => expectedHitAndNdcg(0, 0, 0), /k must be an integer >= 1/);
});
