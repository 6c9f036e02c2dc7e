import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { aliasTable, NegativeSampler } from "../../src/data/negative-sampler";
import { Rng } from "../../src/random/rng";

function interactions(pairs: [number, number][], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "negative-sampler", name: "t", users: Int32Array.from(pairs, (p) => p[0]), items: Int32Array.from(pairs, (p) => p[1]),
    values: new Float32Array(pairs.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: pairs.length, scale: { min: 0, max: 1 },
  };
}

test("samplers never return a user's positives", () => {
  const pos = interactions([[0, 0], [0, 1], [0, 2], [1, 3], [1, 0]], 2, 5);
  for (const s of [new NegativeSampler(pos), new NegativeSampler(pos, { distribution: "popularity", exponent: 1 })]) {
    const rng = new Rng(1);
    for (let k = 0; k < 2000; k++) {
      assert.ok([3, 4].includes(s.draw(0, rng)));
      assert.ok([1, 2, 4].includes(s.draw(1, rng)));
    }
  }
});

test("uniform draws are uniform over the user's negatives; popularity draws follow count^exponent", () => {
  // items 0..3; user 0 has item 0. Other users make item 1 popular (count 3), item 2 count 1, item 3 count 0.
  const pos = interactions([[0, 0], [1, 1], [2, 1], [3, 1], [1, 2]], 4, 4);
  const rng = new Rng(2);
  const uni = new NegativeSampler(pos);
  const counts = [0, 0, 0, 0];
  for (let k = 0; k < 30000; k++) counts[uni.draw(0, rng)]++;
  for (const i of [1, 2, 3]) assert.ok(Math.abs(counts[i] / 30000 - 1 / 3) < 0.015, `uniform ${counts}`);
  const pop = new NegativeSampler(pos, { distribution: "popularity", exponent: 1 });
  const pc = [0, 0, 0, 0];
  for (let k = 0; k < 30000; k++) pc[pop.draw(0, rng)]++;
  // weights without item 0: 3, 1, 0 -> 3/4, 1/4, 0
  assert.ok(Math.abs(pc[1] / 30000 - 0.75) < 0.015 && pc[3] === 0, `popularity ${pc}`);
});

test("popularity draws at the notebooks' exponent 0.75 follow count^0.75, not count", () => {
  // User 0 has item 0. Item 1 has 16 interactions, item 2 one, item 3 81: weights 16^0.75 = 8, 1, 81^0.75 = 27,
  // so user 0 draws them with probabilities 8/36, 1/36, 27/36 (with count instead: 16/98, 1/98, 81/98).
  const pairs: [number, number][] = [[0, 0], [1, 2]];
  for (let u = 1; u <= 16; u++) pairs.push([u, 1]);
  for (let u = 1; u <= 81; u++) pairs.push([u, 3]);
  const pop = new NegativeSampler(interactions(pairs, 82, 4), { distribution: "popularity", exponent: 0.75 });
  const rng = new Rng(9);
  const n = 60000;
  const pc = [0, 0, 0, 0];
  for (let k = 0; k < n; k++) pc[pop.draw(0, rng)]++;
  const expected = [0, 8 / 36, 1 / 36, 27 / 36];
  // Standard error of each share is at most sqrt(0.25 / 60000) = 0.002; count^1 would be off by 0.06 to 0.08.
  for (const i of [1, 2, 3]) assert.ok(Math.abs(pc[i] / n - expected[i]) < 0.008, `item ${i}: ${pc[i] / n} vs ${expected[i]} (${pc})`);
  assert.equal(pc[0], 0);
});

test("same seed, same negatives; a user with every item is an error naming the user", () => {
  const pos = interactions([[0, 0], [1, 1]], 2, 3);
  const s = new NegativeSampler(pos);
  const a = s.drawMany(Int32Array.from([0, 1, 0, 1]), new Int32Array(4), new Rng(5));
  const b = s.drawMany(Int32Array.from([0, 1, 0, 1]), new Int32Array(4), new Rng(5));
  assert.deepEqual(a, b);
  assert.throws(() => new NegativeSampler(interactions([[0, 0], [0, 1]], 1, 2)), /user u0 interacted with every item/);
  assert.throws(() => new NegativeSampler(pos, { distribution: "zipf" as "uniform", exponent: 0 }), /distribution must be/);
});

test("alias table reproduces the weights", () => {
  const [prob, alias] = aliasTable(Float64Array.from([1, 2, 3, 4]));
  const p = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) { p[i] += prob[i] / 4; p[alias[i]] += (1 - prob[i]) / 4; }
  p.forEach((v, i) => assert.ok(Math.abs(v - (i + 1) / 10) < 1e-12));
});

test("repeated pairs are not distinct items: a user with duplicates of some items still has negatives", () => {
  // User 0 has three rows (item 0 twice, item 1 once) of 3 items: item 2 is its only negative. The bench's
  // synthetic ratings repeat pairs, and a count of rows called such a user "every item".
  const s = new NegativeSampler(interactions([[0, 0], [0, 0], [0, 1]], 1, 3));
  const rng = new Rng(4);
  for (let k = 0; k < 20; k++) assert.equal(s.draw(0, rng), 2);
  assert.throws(() => new NegativeSampler(interactions([[0, 0], [0, 1], [0, 1], [0, 2]], 1, 3)), /user u0 interacted with every item/);
});
