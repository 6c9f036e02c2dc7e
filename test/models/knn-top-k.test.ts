import { test } from "node:test";
import assert from "node:assert/strict";
import { TopKNeighbours } from "../../src/models/knn/top-k-neighbours";
import { Rng } from "../../src/random/rng";

function kept(t: TopKNeighbours): number[] {
  return Array.from(t.values.subarray(0, t.size)).sort((a, b) => a - b);
}

test("keeps the k largest similarities", () => {
  const t = new TopKNeighbours(3);
  const sims = [0.5, 0.9, 0.1, 0.8, 0.7, 0.2];
  sims.forEach((s, j) => t.offer(s, j));
  // largest three: 0.9 (1), 0.8 (3), 0.7 (4)
  assert.deepEqual(kept(t), [1, 3, 4]);
  // Σ sim = 2.4; Σ sim·value = 0.9·1 + 0.8·3 + 0.7·4 = 6.1
  assert.ok(Math.abs(t.sumSims() - 2.4) < 1e-12);
  assert.ok(Math.abs(t.sumWeighted() - 6.1) < 1e-12);
});

test("fewer candidates than k: keeps them all; clear() empties", () => {
  const t = new TopKNeighbours(40);
  t.offer(0.3, 7);
  t.offer(0.6, 8);
  assert.equal(t.size, 2);
  assert.deepEqual(kept(t), [7, 8]);
  t.clear();
  assert.equal(t.size, 0);
  assert.equal(t.sumSims(), 0);
});

test("ties at the cut keep the earlier candidates (Surprise's heapq.nlargest)", () => {
  const t = new TopKNeighbours(2);
  [0.5, 0.5, 0.5, 0.5].forEach((s, j) => t.offer(s, j));
  assert.deepEqual(kept(t), [0, 1]);
  const u = new TopKNeighbours(3);
  [0.2, 0.5, 0.9, 0.5, 0.5].forEach((s, j) => u.offer(s, j));
  // 0.9 (2), then the first two 0.5s (1, 3)
  assert.deepEqual(kept(u), [1, 2, 3]);
});

test("equals a stable descending sort cut at k on random candidates", () => {
  const rng = new Rng(9);
  for (let trial = 0; trial < 200; trial++) {
    const k = 1 + rng.int(10);
    const n = rng.int(40);
    // coarse similarities so that ties are frequent
    const sims = Array.from({ length: n }, () => rng.int(8) / 8);
    const t = new TopKNeighbours(k);
    sims.forEach((s, j) => t.offer(s, j));
    const expected = sims.map((s, j) => ({ s, j })).sort((a, b) => b.s - a.s).slice(0, k).map((e) => e.j).sort((a, b) => a - b);
    assert.deepEqual(kept(t), expected, `trial ${trial}`);
  }
});

test("capacity must be a positive integer", () => {
  assert.throws(() => new TopKNeighbours(0), /capacity/);
});
