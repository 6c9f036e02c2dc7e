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
