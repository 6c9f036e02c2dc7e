import { test } from "node:test";
import assert from "node:assert/strict";
import * as vm from "node:vm";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { BiasedFactors, fillRandomNormal } from "../../src/models/factorization/biased-factors";
import { blockingFromGroups, dsgdBlocking, gatherRows, partitionIntoBlocks, randomGroups, stratumBlock } from "../../src/models/factorization/dsgd-blocks";
import { createSgdWorkers, DsgdEpochRunner, terminateSgdWorkers } from "../../src/models/factorization/dsgd-epoch";
import { groupContiguousLayout } from "../../src/models/factorization/dsgd-layout";
import { allocateTriples, gatherInOrder, sgdPass, type RatingTriples } from "../../src/models/factorization/sgd-epoch";
import { selfContainedSource, SgdWorker, sgdWorkerSource } from "../../src/models/factorization/sgd-worker";
import { createSgdMf } from "../../src/models/sgd-mf";
import { Rng } from "../../src/random/rng";
import { silentProgress, type ProgressReporter } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

const data = plantedRatings({ users: 120, items: 90, density: 0.4 });
const { train, test: heldOut } = randomSplit(data, new Rng(3), { testFraction: 0.2 });
const steps = { learningRate: 0.02, biasLearningRate: 0.01, regFactors: 0.05, regBias: 0.01 };
const config = { dim: 6, learningRate: 0.02, regFactors: 0.02, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 0 };
/** Worker threads of this process (tsx's module-loader thread included, hence compared with a count taken before). */
const liveWorkers = () => (process.report.getReport() as { workers: unknown[] }).workers.length;

function ratings(users: number[], items: number[], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "sgd-mf-parallel", name: "hand-made", users: Int32Array.from(users), items: Int32Array.from(items), values: Float32Array.from(users, (_, k) => k + 1),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`), itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers, numItems, size: users.length, scale: { min: 1, max: 5 },
  };
}

function randomFactors(r: Ratings, dim: number, seed: number): BiasedFactors {
  const f = new BiasedFactors(r.numUsers, r.numItems, dim, 3);
  const rng = new Rng(seed);
  fillRandomNormal(f.userFactors, dim, 0.3, rng);
  fillRandomNormal(f.itemFactors, dim, 0.3, rng);
  return f;
}

test("the worker's gather is self-contained: evaluated alone it reproduces gatherInOrder", () => {
  const source = sgdWorkerSource();
  assert.doesNotMatch(source, /__name|cov_/);
  const helper = new Function("return function gatherRows(a) { return __name(function inner() {}, 'inner')(a); }")() as (a: number) => number;
  assert.throws(() => selfContainedSource(helper, "gatherRows"), /not a self-contained function/);
  const isolatedGather = vm.runInNewContext(`(${gatherRows.toString()})`, {}) as typeof gatherRows;
  const order = new Rng(1).permutation(train.size);
  const r = gatherInOrder(train, order, allocateTriples(train.size));
  const g = allocateTriples(train.size);
  isolatedGather(order, 0, train.size, train.users, train.items, train.values, g.users, g.items, g.values);
  assert.deepEqual(g, r);
});

/** Asserts that the blocks run concurrently in each sub-epoch of p share no user and no item. */
function assertStrataDisjoint(triples: RatingTriples, offsets: Int32Array, p: number): void {
  const indices = (b: number, side: Int32Array) => new Set(side.subarray(offsets[b], offsets[b + 1]));
  for (let s = 0; s < p; s++) {
    for (let g = 0; g < p; g++) {
      for (let h = g + 1; h < p; h++) {
        const [a, b] = [stratumBlock(p, s, g), stratumBlock(p, s, h)];
        for (const side of [triples.users, triples.items]) {
          const other = indices(b, side);
          assert.ok([...indices(a, side)].every((x) => !other.has(x)), `p ${p}, sub-epoch ${s}: blocks ${a} and ${b} share an index`);
        }
      }
    }
  }
}

test("partitionIntoBlocks (hand-made): stable by block; blocks of a sub-epoch share no user and no item", () => {
  // Users 0, 2 in group 0 and 1, 3 in group 1; items 1, 2 in group 0 and 0, 3 in group 1.
  const r = ratings([0, 1, 2, 3, 0, 1, 2, 3, 0, 3], [0, 0, 1, 1, 2, 2, 3, 3, 1, 0], 4, 4);
  const blocking = blockingFromGroups(r, 2, Uint8Array.from([0, 1, 0, 1]), Uint8Array.from([1, 0, 0, 1]));
  // Blocks: (0,0) rows 2, 4, 8; (0,1) rows 0, 6; (1,0) rows 3, 5; (1,1) rows 1, 7, 9.
  assert.deepEqual([...blocking.rowBlock], [1, 3, 0, 2, 0, 2, 1, 3, 0, 3]);
  assert.deepEqual([...blocking.offsets], [0, 3, 5, 7, 10]);
  const out = partitionIntoBlocks(r, Uint32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), blocking, allocateTriples(r.size));
  // Within a block the rows keep the order's sequence: (0,0) 8, 4, 2; (0,1) 6, 0; (1,0) 5, 3; (1,1) 9, 7, 1.
  const rows = [8, 4, 2, 6, 0, 5, 3, 9, 7, 1];
  assert.deepEqual([...out.values], rows.map((row) => row + 1));
  assert.deepEqual([...out.users], rows.map((row) => r.users[row]));
  assert.deepEqual([...out.items], rows.map((row) => r.items[row]));
  // Sub-epoch 1 runs blocks (0,0) and (1,1), sub-epoch 2 runs (0,1) and (1,0).
  assert.deepEqual([0, 1].map((s) => [0, 1].map((g) => stratumBlock(2, s, g))), [[0, 3], [1, 2]]);
  assert.deepEqual([...out.users.subarray(0, 3)], [0, 0, 2]);
  assert.deepEqual([...out.users.subarray(7)], [3, 3, 1]);
  assertStrataDisjoint(out, blocking.offsets, 2);
});

test("seeded random blockings of 2 x 2 and 3 x 3 blocks keep every stratum disjoint", () => {
  for (const p of [2, 3]) {
    const blocking = dsgdBlocking(train, p, new Rng(p));
    const out = partitionIntoBlocks(train, new Rng(9).permutation(train.size), blocking, allocateTriples(train.size));
    assertStrataDisjoint(out, blocking.offsets, p);
    assert.equal(blocking.offsets[p * p], train.size);
  }
});

test("randomGroups: seeded, every group used, ratings split about evenly", () => {
  const counts = Int32Array.from({ length: 400 }, (_, k) => 1 + (k % 7));
  const g = randomGroups(counts, 2, new Rng(4));
  assert.deepEqual(g, randomGroups(counts, 2, new Rng(4)));
  assert.notDeepEqual(g, randomGroups(counts, 2, new Rng(5)));
  const share = counts.reduce((s, c, k) => s + (g[k] === 0 ? c : 0), 0) / counts.reduce((s, c) => s + c, 0);
  assert.ok(Math.abs(share - 0.5) < 0.02, `group 0 holds ${share} of the ratings`);
});

test("DSGD with one group is the plain single-threaded pass", async () => {
  const order = new Rng(6).permutation(train.size);
  const plain = randomFactors(train, 5, 7);
  const sse = sgdPass(plain, gatherInOrder(train, order, allocateTriples(train.size)), 0, train.size, steps);
  const dsgd = randomFactors(train, 5, 7);
  const runner = new DsgdEpochRunner(dsgd, train, dsgdBlocking(train, 1, new Rng(1)), []);
  assert.equal(await runner.run(order, steps, () => {}), sse);
  assert.deepEqual(dsgd.factors, plain.factors);
});

test("DSGD on 2 threads equals the same strata run block after block on one thread, bit for bit", async () => {
  const order = new Rng(6).permutation(train.size);
  const blocking = dsgdBlocking(train, 2, new Rng(2));
  const serial = randomFactors(train, 5, 7);
  const parts = partitionIntoBlocks(train, order, blocking, allocateTriples(train.size));
  let expected = 0;
  for (let s = 0; s < 2; s++) {
    for (let g = 0; g < 2; g++) {
      const b = stratumBlock(2, s, g);
      expected += sgdPass(serial, parts, blocking.offsets[b], blocking.offsets[b + 1], steps);
    }
  }
  const threaded = randomFactors(train, 5, 7);
  const workers = createSgdWorkers(1);
  try {
    const runner = new DsgdEpochRunner(threaded, train, blocking, workers);
    assert.equal(await runner.run(order, steps, () => {}), expected);
  } finally {
    await terminateSgdWorkers(workers);
  }
  assert.deepEqual(threaded.factors, serial.factors);
  assert.deepEqual(threaded.biases, serial.biases);
  const layout = groupContiguousLayout(blocking);
  const firstOfGroup1 = [...blocking.userGroup].filter((g) => g === 0).length;
  blocking.userGroup.forEach((g, u) => assert.equal(layout.userIndex[u] >= firstOfGroup1, g === 1));
});

test("threads 2: identical predictions on two runs with the same seed, another order than threads 1", async () => {
  const run = async (threads: number, seed: number) => {
    const m = createSgdMf({ ...config, epochs: 8, threads });
    await m.fit(train, { rng: new Rng(seed), progress: silentProgress });
    return m.predict(heldOut.users, heldOut.items);
  };
  const a = await run(2, 1);
  assert.deepEqual(await run(2, 1), a);
  assert.notDeepEqual(await run(2, 2), a);
  assert.notDeepEqual(await run(1, 1), a, "DSGD visits the ratings in another order than threads 1");
  assert.deepEqual(await run(3, 1), await run(3, 1), "3 x 3 blocks on 3 threads are deterministic too");
});

test("threads 2 learns the planted structure as well as threads 1", async () => {
  const score = async (threads: number) => {
    const m = createSgdMf({ ...config, threads });
    await m.fit(train, { rng: new Rng(1), progress: silentProgress });
    return rmse(m.predict(heldOut.users, heldOut.items), heldOut.values);
  };
  const [one, two] = [await score(1), await score(2)];
  assert.ok(one < 0.25, `threads 1: test RMSE ${one}`);
  assert.ok(Math.abs(two - one) < 0.005, `threads 2: test RMSE ${two} vs ${one} with threads 1`);
});

test("refitOnValidation works with threads 2; the worker lives during the fit and is gone after it", async () => {
  const { train: fitOn, test: validation } = randomSplit(train, new Rng(8), { testFraction: 0.15 });
  const before = liveWorkers();
  const during: number[] = [];
  const starts: string[] = [];
  const progress: ProgressReporter = { ...silentProgress, start: (i) => starts.push(i.model), epoch: () => during.push(liveWorkers()) };
  const m = createSgdMf({ ...config, epochs: 40, patience: 3, threads: 2, refitOnValidation: true });
  const h = await m.fit(fitOn, { rng: new Rng(4), validation, progress });
  assert.deepEqual(starts, ["SGD MF", "SGD MF (refit on train + validation)"]);
  assert.equal(during.length, h.epochs.length + h.bestEpoch);
  assert.ok(during.every((n) => n === before + 1), `live workers during the fit: ${during} (before: ${before})`);
  assert.equal(liveWorkers(), before);
  assert.ok(rmse(m.predict(heldOut.users, heldOut.items), heldOut.values) < 0.3);
});

test("a diverging threads-2 fit reports the divergence and terminates its worker", async () => {
  const before = liveWorkers();
  const m = createSgdMf({ dim: 8, learningRate: 50, initStd: 0.1, epochs: 5, patience: 0, threads: 2 });
  await assert.rejects(m.fit(train, { rng: new Rng(1), progress: silentProgress }), /diverged.*SgdMfConfig\.learningRate/);
  assert.equal(liveWorkers(), before);
  assert.throws(() => m.predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
});

test("worker failures reject the run instead of going unhandled; runs after terminate are refused", async () => {
  const w = new SgdWorker();
  try {
    await assert.rejects(w.run({ gatherFrom: 0, gatherTo: 0, from: 0, to: 1 }, steps), /before bind/);
  } finally {
    await w.terminate();
  }
  await assert.rejects(w.run({ gatherFrom: 0, gatherTo: 0, from: 0, to: 1 }, steps), /terminated/);
  await w.terminate();
});

test("bad threads values are refused naming SgdMfConfig.threads", () => {
  for (const threads of [0, -1, 1.5, NaN, Infinity, 17]) {
    assert.throws(() => createSgdMf({ threads }), (e: Error) => e instanceof RangeError && /SgdMfConfig\.threads/.test(e.message), `threads ${threads}`);
  }
  assert.throws(() => createSgdMf({ threads: "2" as unknown as number }), /SgdMfConfig\.threads/);
  assert.equal(createSgdMf().config.threads, 1);
});
