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

/** The generator as first written (state in four number fields, >>> 0 after every step): the reference stream. */
function referenceStream(seed: number, n: number): number[] {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x100000000) >>> 0;
  let x = low;
  let y = Math.imul(high ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  const mix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    y = (y + 0x632be5ab) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) ^ y) >>> 0;
  };
  const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;
  let s0 = mix(), s1 = mix(), s2 = mix(), s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    out.push(Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0);
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
  }
  return out;
}

test("the typed-array state gives the reference xoshiro128** stream bit for bit", () => {
  for (const seed of [0, 1, 42, -1, -123456789, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
    const r = new Rng(seed);
    const got = Array.from({ length: 20000 }, () => r.nextUint32());
    assert.deepEqual(got, referenceStream(seed, 20000), `seed ${seed}`);
  }
  // pinned first outputs of seed 42, so the reference itself cannot drift unnoticed
  assert.deepEqual(referenceStream(42, 3), PINNED_42);
});

const PINNED_42 = [2836153981,2279268734,1655368292];

test("int(n) gives the values of the modulo definition (limit 2^32 - 2^32 mod n, then r mod n) for every kind of n", () => {
  /** The definition, with `%` (V8's fmod for operands beyond int32). */
  const reference = (rng: Rng, n: number): number => {
    const limit = 4294967296 - (4294967296 % n);
    let r = rng.nextUint32();
    while (r >= limit) r = rng.nextUint32();
    return r % n;
  };
  const ns = [1, 2, 3, 7, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 30, 2 ** 32 - 1, 2 ** 32];
  const spread = new Rng(11);
  for (let k = 0; k < 2000; k++) ns.push(1 + spread.int(2 ** 32));
  const a = new Rng(12);
  const b = new Rng(12);
  for (const n of ns) for (let rep = 0; rep < 50; rep++) assert.equal(a.int(n), reference(b, n), `n = ${n}`);
});
