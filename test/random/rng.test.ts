import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/rng";

test("the same seed gives the same stream; another seed another", () => {
  const a = new Rng(7), b = new Rng(7), c = new Rng(8);
  const xs = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextUint32()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextUint32()));
});

test("seeds that share their low or high 32 bits still give different streams", () => {
  const first = (seed: number) => new Rng(seed).nextUint32();
  const seeds = [0, -1, 1, -2, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), 2 ** 52];
  assert.equal(new Set(seeds.map(first)).size, seeds.length);
});

test("uniform doubles lie in [0, 1) with mean near 1/2; normals have mean 0 and sd 1", () => {
  const r = new Rng(1);
  let s = 0, min = 1, max = 0;
  for (let k = 0; k < 100000; k++) { const x = r.next(); s += x; min = Math.min(min, x); max = Math.max(max, x); }
  assert.ok(min >= 0 && max < 1);
  assert.ok(Math.abs(s / 100000 - 0.5) < 0.005);
  let m = 0, q = 0;
  for (let k = 0; k < 100000; k++) { const z = r.normal(); m += z; q += z * z; }
  assert.ok(Math.abs(m / 100000) < 0.02);
  assert.ok(Math.abs(Math.sqrt(q / 100000) - 1) < 0.02);
});

test("int(n) covers 0..n-1 evenly and rejects bad n", () => {
  const r = new Rng(3);
  const counts = new Array(6).fill(0);
  for (let k = 0; k < 60000; k++) counts[r.int(6)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, `count ${c}`);
  assert.throws(() => r.int(0), /n must be an integer/);
  assert.throws(() => new Rng(1.5), /seed must be a safe integer/);
});

test("permutation is a permutation and forks are independent but reproducible", () => {
  const p = new Rng(5).permutation(1000);
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  const f1 = new Rng(9).fork(), f2 = new Rng(9).fork();
  assert.equal(f1.nextUint32(), f2.nextUint32());
});
