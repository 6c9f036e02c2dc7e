import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { NegativeSampler } from "../../src/data/negative-sampler";
import { PairBitset, pairBitset } from "../../src/data/pair-bitset";
import { findInRow, ratingsByUser } from "../../src/data/rating-matrix";
import { Rng } from "../../src/random/rng";

function randomInteractions(numUsers: number, numItems: number, perUser: number, rng: Rng): Ratings {
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    const picked = new Set<number>();
    while (picked.size < perUser) picked.add(rng.int(numItems));
    for (const i of picked) { users.push(u); items.push(i); }
  }
  return {
    indexId: "test-index", name: "t", users: Int32Array.from(users), items: Int32Array.from(items), values: new Float32Array(users.length).fill(1),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`), itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers, numItems, size: users.length, scale: { min: 0, max: 1 },
  } as Ratings;
}

test("a hand-set bitset answers exactly its pairs, across word boundaries, and false past the last row", () => {
  const b = new PairBitset(3, 11); // 33 bits: two words
  b.add(0, 0);
  b.add(2, 10); // bit 32: second word
  b.add(1, 9); // bit 20
  const set: [number, number][] = [[0, 0], [2, 10], [1, 9]];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 11; c++) assert.equal(b.has(r, c), set.some(([x, y]) => x === r && y === c), `(${r}, ${c})`);
  }
  assert.equal(b.words.length, 2);
  assert.equal(b.words[1], 1);
  assert.equal(b.has(3, 0), false);
});

test("pairBitset agrees with findInRow on every cell of a random matrix, and declines above maxBytes", () => {
  const r = randomInteractions(37, 53, 9, new Rng(3));
  const rows = ratingsByUser(r);
  const b = pairBitset(rows)!;
  for (let u = 0; u < 37; u++) for (let i = 0; i < 53; i++) assert.equal(b.has(u, i), findInRow(rows, u, i) >= 0);
  assert.equal(pairBitset(rows, Math.floor((37 * 53) / 8) - 1), null);
  assert.notEqual(pairBitset(rows, Math.ceil((37 * 53) / 8)), null);
});

test("NegativeSampler draws the same items with the bitset as with the binary search", () => {
  const r = randomInteractions(50, 40, 12, new Rng(4));
  for (const config of [{ distribution: "uniform" as const, exponent: 0 }, { distribution: "popularity" as const, exponent: 0.75 }]) {
    const fast = new NegativeSampler(r, config);
    const reference = new NegativeSampler(r, config, 0);
    const users = Int32Array.from({ length: 5000 }, (_, k) => k % 50);
    const a = fast.drawMany(users, new Int32Array(5000), new Rng(9));
    const b = reference.drawMany(users, new Int32Array(5000), new Rng(9));
    assert.deepEqual(a, b);
    for (let k = 0; k < 5000; k++) assert.equal(reference.isPositive(users[k], a[k]), false);
    assert.equal(fast.isPositive(50, 0), false); // a user index the positives do not have
  }
});
