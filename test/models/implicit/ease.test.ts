import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import { createEase } from "../../../src/models/implicit/ease";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";

function interactions(pairs: [number, number][], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "test-interactions", name: "t", users: Int32Array.from(pairs, (p) => p[0]), items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: pairs.length, scale: { min: 1, max: 1 },
  };
}

// Users 0 and 1 have items {0, 1}, user 2 has {1, 2}, user 3 has {2}; user 4 has nothing. With λ = 1 and only
// users 0-2 in X: G = XᵀX + I = [[3, 2, 0], [2, 4, 1], [0, 1, 2]], det 13,
// P = G⁻¹ = [[7, -4, 2], [-4, 6, -3], [2, -3, 8]] / 13, and B_ij = -P_ij / P_jj:
// B = [[0, 2/3, -1/4], [4/7, 0, 3/8], [-2/7, 1/2, 0]].
const B = [[0, 2 / 3, -1 / 4], [4 / 7, 0, 3 / 8], [-2 / 7, 1 / 2, 0]];
const train = interactions([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [2, 2]], 5, 3);

function close(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let k = 0; k < expected.length; k++) assert.ok(Math.abs(actual[k] - expected[k]) < 1e-6, `${what}[${k}]: ${actual[k]} vs ${expected[k]}`);
}

test("EASE on a hand-solved 3-item case: B = I - P diag(1/diag P) with a zero diagonal, scores = X_u B", async () => {
  const m = createEase({ lambda: 1 });
  await m.fit(train, { rng: new Rng(1), progress: silentProgress });
  close(m.itemWeights(), B.flat(), "B");
  const all = Int32Array.from([0, 1, 2]);
  // user 0: rows 0 + 1 of B; user 2: rows 1 + 2; user 4 (no interactions): zeros.
  close(m.score(new Int32Array(3).fill(0), all), [4 / 7, 2 / 3, 1 / 8], "user 0");
  close(m.score(new Int32Array(3).fill(2), all), [2 / 7, 1 / 2, 3 / 8], "user 2");
  close(m.score(new Int32Array(3).fill(4), all), [0, 0, 0], "user 4");
  const out = new Float32Array(9);
  m.scoreCatalogue(Int32Array.from([2, 0, 4]), out);
  assert.deepEqual(out, Float32Array.from([...m.score(new Int32Array(3).fill(2), all), ...m.score(new Int32Array(3).fill(0), all), 0, 0, 0]));
});

test("a larger λ shrinks the weights (λ = 100 gives smaller |B| than λ = 1)", async () => {
  const small = createEase({ lambda: 1 });
  const large = createEase({ lambda: 100 });
  await small.fit(train, { rng: new Rng(1), progress: silentProgress });
  await large.fit(train, { rng: new Rng(1), progress: silentProgress });
  const norm = (w: Float32Array): number => w.reduce((s, v) => s + v * v, 0);
  assert.ok(norm(large.itemWeights()) < norm(small.itemWeights()) / 100);
});

test("an item nobody interacted with scores 0 for everyone; repeated pairs and their values do not change B", async () => {
  const withGap = interactions([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [2, 2]], 3, 4);
  const m = createEase({ lambda: 1 });
  await m.fit(withGap, { rng: new Rng(1), progress: silentProgress });
  assert.deepEqual(Array.from(m.score(Int32Array.from([0, 1, 2]), Int32Array.from([3, 3, 3]))), [0, 0, 0]);
  const repeated: Ratings = { ...train, users: Int32Array.from([...train.users, 0]), items: Int32Array.from([...train.items, 1]), values: Float32Array.from([2, 5, 1, 1, 3, 1, 4]), size: 7 };
  const r = createEase({ lambda: 1 });
  await r.fit(repeated, { rng: new Rng(1), progress: silentProgress });
  close(r.itemWeights(), B.flat(), "B with a repeated pair");
});

test("EASE rejects bad λ, an empty training set and scoring before fit", async () => {
  assert.throws(() => createEase({ lambda: 0 }), /EaseConfig\.lambda must be a finite number > 0, got 0/);
  assert.throws(() => createEase({ lambda: NaN }), /EaseConfig\.lambda/);
  const m = createEase();
  assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  await assert.rejects(m.fit({ ...train, users: new Int32Array(0), items: new Int32Array(0), values: new Float32Array(0), size: 0 }, { rng: new Rng(1) }), /training set is empty/);
  await m.fit(train, { rng: new Rng(1), progress: silentProgress });
  assert.throws(() => m.score(Int32Array.from([5]), Int32Array.from([0])), /users\[0\] = 5 outside \[0, 5\)/);
  assert.throws(() => m.scoreCatalogue(Int32Array.from([0]), new Float32Array(2)), /out has 2 entries/);
});

test("a user with many items scores the sum of their rows of B (the four-row pass and its tail)", async () => {
  const rng = new Rng(9);
  const pairs: [number, number][] = [];
  for (let u = 0; u < 12; u++) for (let i = 0; i < 9; i++) if (u === 0 ? i !== 4 : rng.next() < 0.4) pairs.push([u, i]);
  const m = createEase({ lambda: 2 });
  await m.fit(interactions(pairs, 12, 9), { rng: new Rng(1), progress: silentProgress });
  const w = m.itemWeights();
  const expected = Array.from({ length: 9 }, (_, j) => [0, 1, 2, 3, 5, 6, 7, 8].reduce((s, i) => s + w[i * 9 + j], 0));
  const out = new Float32Array(9);
  m.scoreCatalogue(Int32Array.from([0]), out);
  close(out, expected, "user 0 (8 items)");
});

test("the JavaScript and WebAssembly kernels give the same weights (to float32 rounding)", async () => {
  const rng = new Rng(12);
  const pairs: [number, number][] = [];
  for (let u = 0; u < 80; u++) for (let i = 0; i < 70; i++) if (rng.next() < 0.2) pairs.push([u, i]);
  const data = interactions(pairs, 80, 70);
  const wasm = createEase({ lambda: 3 });
  const js = createEase({ lambda: 3, kernel: "js" });
  await wasm.fit(data, { rng: new Rng(1), progress: silentProgress });
  await js.fit(data, { rng: new Rng(1), progress: silentProgress });
  const a = wasm.itemWeights();
  const b = js.itemWeights();
  for (let q = 0; q < a.length; q++) assert.ok(Math.abs(a[q] - b[q]) < 1e-6, `entry ${q}: ${a[q]} vs ${b[q]}`);
  assert.throws(() => createEase({ kernel: "gpu" as "js" }), /EaseConfig\.kernel must be "wasm" or "js"/);
});
