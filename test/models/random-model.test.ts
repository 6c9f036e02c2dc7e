import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { createRandomModel, hashedUniform } from "../../src/models/random-model";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

const train: Ratings = {
  indexId: "random-model", name: "t", users: Int32Array.of(0, 1), items: Int32Array.of(0, 1), values: Float32Array.of(1, 1),
  userIds: ["a", "b"], itemIds: Array.from({ length: 1000 }, (_, i) => `i${i}`), numUsers: 2, numItems: 1000, size: 2, scale: { min: 1, max: 1 },
};

const allItems = Int32Array.from({ length: 1000 }, (_, i) => i);

test("random scores are a fixed function of the pair: same across batches and calls, seeded by fit", async () => {
  const a = createRandomModel();
  await a.fit(train, { rng: new Rng(3), progress: silentProgress });
  const whole = a.score(new Int32Array(1000).fill(1), allItems);
  const part = a.score(Int32Array.of(1, 1), Int32Array.of(999, 7));
  assert.deepEqual(Array.from(part), [whole[999], whole[7]]);
  const b = createRandomModel();
  await b.fit(train, { rng: new Rng(3), progress: silentProgress });
  assert.deepEqual(b.score(new Int32Array(1000).fill(1), allItems), whole);
  const c = createRandomModel();
  await c.fit(train, { rng: new Rng(4), progress: silentProgress });
  assert.notDeepEqual(c.score(new Int32Array(1000).fill(1), allItems), whole);
  // users get different rankings
  assert.notDeepEqual(a.score(new Int32Array(1000).fill(0), allItems), whole);
});

test("random scores are uniform on [0, 1): mean 1/2, variance 1/12, every decile ~10%", () => {
  const n = 100000;
  const deciles = new Array(10).fill(0);
  let sum = 0;
  let sq = 0;
  for (let k = 0; k < n; k++) {
    const x = hashedUniform(12345, k % 317, Math.floor(k / 317));
    assert.ok(x >= 0 && x < 1);
    sum += x;
    sq += x * x;
    deciles[Math.floor(x * 10)]++;
  }
  const mean = sum / n;
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(sq / n - mean * mean - 1 / 12) < 0.002, "variance");
  for (const d of deciles) assert.ok(Math.abs(d / n - 0.1) < 0.005, `${deciles}`);
});

test("random: score before fit and items outside the index space are errors", async () => {
  const m = createRandomModel();
  assert.throws(() => m.score(Int32Array.of(0), Int32Array.of(0)), /before fit/);
  await m.fit(train, { rng: new Rng(1), progress: silentProgress });
  assert.throws(() => m.score(Int32Array.of(0), Int32Array.of(-1)), /item index -1 \(pair 0\) is outside the 1000 items/);
  assert.throws(() => m.score(Int32Array.of(2), Int32Array.of(0)), /user index 2 \(pair 0\) is outside the 2 users/);
});
