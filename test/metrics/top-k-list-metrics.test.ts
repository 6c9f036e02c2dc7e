import { test } from "node:test";
import assert from "node:assert/strict";
import { ranksInList, topKListMetrics } from "../../src/metrics/top-k-list-metrics";

// Two users, lists of length 4.
// User 0: list [7, 3, 9, 1], relevant {9}: rank 2 (3rd place).
// User 1: list [2, 5, 8, 6], relevant {6, 4, 2}: 2 at rank 0, 6 at rank 3, 4 not retrieved (rank >= 4).
const lists = { items: Int32Array.from([7, 3, 9, 1, 2, 5, 8, 6]), listLength: 4 };
const offsets = Int32Array.from([0, 1, 4]);
const relevant = Int32Array.from([9, 6, 4, 2]);

test("ranksInList: positions in the list, missing relevant items after the list's end", () => {
  assert.deepEqual(Array.from(ranksInList(lists, 0, [9])), [2]);
  assert.deepEqual(Array.from(ranksInList(lists, 1, [6, 4, 2])), [0, 3, 4]);
});

test("HR, NDCG, Recall, Precision and MAP at K = 1, 2, 4 by hand", () => {
  const m = topKListMetrics(lists, offsets, relevant, [1, 2, 4]);
  const approx = (key: string, v: number): void => assert.ok(Math.abs(m[key] - v) < 1e-12, `${key}: ${m[key]} vs ${v}`);
  // K = 1: user 0 misses; user 1 hits (item 2 at rank 0): HR = 1/2; NDCG_1 = 1 (IDCG@1 = 1) -> 1/2;
  // recall_1 = 1/3 -> 1/6; precision_1 = 1 -> 1/2; AP@1 = 1/min(1, 3) * 1 = 1 -> 1/2.
  approx("hr@1", 0.5);
  approx("ndcg@1", 0.5);
  approx("recall@1", 1 / 6);
  approx("precision@1", 0.5);
  approx("map@1", 0.5);
  // K = 2: same hits. NDCG user 1 = 1 / (1 + 1/log2 3); recall 1/3; precision 1/2; AP = 1 / min(2, 3) = 1/2.
  approx("hr@2", 0.5);
  approx("ndcg@2", (1 / (1 + 1 / Math.log2(3))) / 2);
  approx("recall@2", 1 / 6);
  approx("precision@2", (0 + 1 / 2) / 2);
  approx("map@2", (0 + 1 / 2) / 2);
  // K = 4: user 0 hits at rank 2 (DCG 1/log2 4 = 1/2, IDCG 1); user 1 hits at ranks 0 and 3 (DCG 1 + 1/log2 5,
  // IDCG 1 + 1/log2 3 + 1/log2 4). Recall: 1 and 2/3. Precision: 1/4 and 2/4. AP: (1/3)/1 and (1 + 2/4)/3.
  approx("hr@4", 1);
  approx("ndcg@4", (0.5 + (1 + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 0.5)) / 2);
  approx("recall@4", (1 + 2 / 3) / 2);
  approx("precision@4", (1 / 4 + 2 / 4) / 2);
  approx("map@4", (1 / 3 + 1.5 / 3) / 2);
});

test("bad input: a cutoff past the list, a user without relevant items, a size mismatch", () => {
  assert.throws(() => topKListMetrics(lists, offsets, relevant, 5), /cutoff 5 exceeds the retrieved list length 4/);
  assert.throws(() => topKListMetrics(lists, Int32Array.from([0, 0, 4]), relevant, 1), /user row 0 has no relevant item/);
  assert.throws(() => topKListMetrics(lists, Int32Array.from([0, 4]), relevant, 1), /expected 1 users x 4/);
});
