import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { leaveLatestOneOut } from "../../src/data/splits";
import { Rng } from "../../src/random/rng";
import { sampledProtocol, validationProtocol } from "../../src/train/ncf-protocol";
import { fullCatalogueFromLoo, fullCatalogueProtocol } from "../../src/train/ranking-protocol";
import { rankTestItems } from "../../src/train/ranking-evaluation";

/**
 * Random ratings: user u rates 1 + (u % 9) distinct items of 40 (user 0 rates one item only), with distinct
 * timestamps, plus one duplicated row per user (a re-rating, same pair, earlier time).
 */
function randomRatings(seed: number, withTimestamps = true): Ratings {
  const rng = new Rng(seed);
  const numUsers = 30;
  const numItems = 40;
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  let clock = 0;
  for (let u = 0; u < numUsers; u++) {
    const mine = Array.from(rng.permutation(numItems)).slice(0, 1 + (u % 9));
    for (const i of mine) {
      users.push(u);
      items.push(i);
      times.push(1000 + ((clock++ * 7919) % 5003)); // distinct, in scrambled order
    }
    users.push(u);
    items.push(mine[0]);
    times.push(clock++ % 3); // a duplicate of the first pair, earlier than every other row
  }
  return {
    indexId: "ranking-protocol", name: "random",
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
    timestamps: withTimestamps ? Float64Array.from(times) : undefined,
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers,
    numItems,
    size: users.length,
    scale: { min: 1, max: 1 },
  };
}

/** Distinct items of each user, and the item of each user's latest timestamp. */
function truth(r: Ratings): { items: Set<number>[]; latest: number[] } {
  const items = Array.from({ length: r.numUsers }, () => new Set<number>());
  const latest = new Array(r.numUsers).fill(-1);
  const when = new Array(r.numUsers).fill(-Infinity);
  for (let k = 0; k < r.size; k++) {
    const u = r.users[k];
    items[u].add(r.items[k]);
    if (r.timestamps![k] > when[u]) {
      when[u] = r.timestamps![k];
      latest[u] = r.items[k];
    }
  }
  return { items, latest };
}

test("the generated NCF protocol holds out exactly each user's latest item; negatives are never positives", () => {
  const r = randomRatings(3);
  const t = truth(r);
  const p = sampledProtocol(r, new Rng(11), { negatives: 20 });
  assert.equal(p.negativesPerUser, 20);
  assert.equal(p.excluded, null);
  // user 0 has a single distinct item (its duplicate row merges into it): not evaluated
  const expectedUsers = t.items.map((s, u) => (s.size >= 2 ? u : -1)).filter((u) => u >= 0);
  assert.deepEqual(Array.from(p.users), expectedUsers);
  assert.equal(p.test.size, expectedUsers.length);
  for (let k = 0; k < p.users.length; k++) {
    const u = p.users[k];
    assert.deepEqual(Array.from(p.relevantItems.subarray(p.relevantOffsets[k], p.relevantOffsets[k + 1])), [t.latest[u]]);
    const negs = Array.from(p.negatives!.subarray(k * 20, (k + 1) * 20));
    assert.equal(new Set(negs).size, 20, `user ${u}: negatives are distinct`);
    for (const i of negs) assert.ok(!t.items[u].has(i), `user ${u}: negative ${i} is one of its items`);
  }
  // train = every distinct pair except the held-out ones, with confidence 1
  const distinctPairs = t.items.reduce((s, x) => s + x.size, 0);
  assert.equal(p.train.size + p.test.size, distinctPairs);
  for (let k = 0; k < p.train.size; k++) {
    const u = p.train.users[k];
    if (t.items[u].size >= 2) assert.notEqual(p.train.items[k], t.latest[u], `user ${u}: its latest item stays in train`);
  }
  assert.ok(p.train.values.every((v) => v === 1));
});

test("the generated protocol is seeded: same seed, same negatives; another seed, others", () => {
  const r = randomRatings(4);
  const a = sampledProtocol(r, new Rng(5), { negatives: 10 });
  const b = sampledProtocol(r, new Rng(5), { negatives: 10 });
  const c = sampledProtocol(r, new Rng(6), { negatives: 10 });
  assert.deepEqual(a.negatives, b.negatives);
  assert.notDeepEqual(a.negatives, c.negatives);
  assert.deepEqual(a.relevantItems, c.relevantItems); // the latest item does not depend on the seed
});

test("without timestamps: holdout 'random' works, 'latest' says timestamps are needed", () => {
  const r = randomRatings(5, false);
  assert.throws(() => sampledProtocol(r, new Rng(1)), /has no timestamps, so its latest interactions cannot be held out; set holdout: "random"/);
  const p = sampledProtocol(r, new Rng(1), { holdout: "random", negatives: 15 });
  const t = randomRatings(5, true);
  const items = truth(t).items;
  for (let k = 0; k < p.users.length; k++) {
    const u = p.users[k];
    assert.equal(p.relevantOffsets[k + 1] - p.relevantOffsets[k], 1);
    assert.ok(items[u].has(p.relevantItems[k]));
  }
  assert.match(p.name, /one random held-out interaction per user, 15 sampled negatives/);
});

test("bad protocol settings are errors naming the parameter", () => {
  const r = randomRatings(6);
  assert.throws(() => sampledProtocol(r, new Rng(1), { negatives: 0 }), /negatives must be a positive integer/);
  assert.throws(() => sampledProtocol(r, new Rng(1), { negatives: 35 }), /has only \d+ items without an interaction, fewer than negatives = 35/);
  assert.throws(() => sampledProtocol(r, new Rng(1), { holdout: "first" as "latest" }), /holdout must be/);
  assert.throws(() => fullCatalogueProtocol(r, new Rng(1), { testPerUser: 0 }), /testPerUser must be a positive integer/);
  assert.throws(() => fullCatalogueProtocol(r, new Rng(1), { testPerUser: 20 }), /no user .* has more than 20/);
});

test("full catalogue: N random interactions held out, every other item a candidate except the user's training items", () => {
  const r = randomRatings(7);
  const t = truth(r);
  const p = fullCatalogueProtocol(r, new Rng(2), { testPerUser: 3 });
  assert.equal(p.negatives, null);
  const expectedUsers = t.items.map((s, u) => (s.size > 3 ? u : -1)).filter((u) => u >= 0);
  assert.deepEqual(Array.from(p.users), expectedUsers);
  const ranks = rankTestItems({ score: (users) => new Float32Array(users.length) }, p, { rng: new Rng(1) });
  for (let k = 0; k < p.users.length; k++) {
    const u = p.users[k];
    const held = Array.from(p.relevantItems.subarray(p.relevantOffsets[k], p.relevantOffsets[k + 1]));
    assert.equal(held.length, 3);
    for (const i of held) assert.ok(t.items[u].has(i));
    const trainItems = Array.from(p.excluded!.indices.subarray(p.excluded!.offsets[u], p.excluded!.offsets[u + 1]));
    assert.deepEqual(trainItems.sort((a, b) => a - b), Array.from(t.items[u]).filter((i) => held.indexOf(i) < 0).sort((a, b) => a - b));
    assert.equal(ranks.candidates[k], 40 - trainItems.length);
  }
});

test("ties at the latest second are held out at random, not by item index", () => {
  // user 0: items 0, 1, 2 at t = 9 (latest, tied), item 3 at t = 1; user 1: one interaction, stays in train
  const r: Ratings = {
    ...randomRatings(1),
    users: Int32Array.of(0, 0, 0, 0, 1),
    items: Int32Array.of(0, 1, 2, 3, 0),
    values: new Float32Array(5).fill(1),
    timestamps: Float64Array.of(9, 9, 9, 1, 4),
    size: 5,
  };
  const counts = [0, 0, 0, 0];
  for (let seed = 0; seed < 3000; seed++) {
    const { train, test } = leaveLatestOneOut(r, { rng: new Rng(seed) });
    assert.equal(test.size, 1);
    assert.equal(train.size, 4);
    assert.equal(test.users[0], 0);
    counts[test.items[0]]++;
  }
  assert.equal(counts[3], 0);
  for (const i of [0, 1, 2]) assert.ok(Math.abs(counts[i] / 3000 - 1 / 3) < 0.04, `${counts}`);
});

test("validationProtocol carves a holdout from implicit training data and keeps its confidences", () => {
  const r = randomRatings(8, false);
  const implicit: Ratings = { ...sampledProtocol(r, new Rng(1), { holdout: "random", negatives: 5 }).train };
  const weighted: Ratings = { ...implicit, values: Float32Array.from(implicit.values, (_, k) => 1 + (k % 3)) };
  const v = validationProtocol(weighted, new Rng(2), { negatives: 5 });
  assert.match(v.name, /one random held-out interaction per user/); // no timestamps: random holdout
  assert.equal(v.train.size + v.test.size, weighted.size);
  assert.ok(v.train.values.some((x) => x === 3), "confidences are not reset to 1");
  const items = truth({ ...weighted, timestamps: new Float64Array(weighted.size) }).items;
  for (let k = 0; k < v.users.length; k++) {
    for (const i of v.negatives!.subarray(k * 5, (k + 1) * 5)) assert.ok(!items[v.users[k]].has(i));
  }
  assert.throws(() => validationProtocol(r, new Rng(2)), /has item i\d+ twice; pass toImplicit\(train\)/);
});

test("fullCatalogueFromLoo: train as positives, each test user's held-out item, its training items excluded", () => {
  const ids = (n: number, p: string): string[] => Array.from({ length: n }, (_, k) => `${p}${k}`);
  const base = { indexId: "loo-test", name: "loo", userIds: ids(2, "u"), itemIds: ids(4, "i"), numUsers: 2, numItems: 4, scale: { min: 1, max: 5 } };
  const train: Ratings = { ...base, users: Int32Array.from([1, 0, 0]), items: Int32Array.from([3, 2, 0]), values: Float32Array.from([4, 5, 2]), size: 3 };
  const test: Ratings = { ...base, users: Int32Array.from([1, 0]), items: Int32Array.from([0, 1]), values: Float32Array.from([3, 3]), size: 2 };
  const p = fullCatalogueFromLoo({ train, test, negatives: new Int32Array(2 * 2), negativesPerUser: 2 });
  assert.deepEqual(Array.from(p.train.values), [1, 1, 1]);
  assert.deepEqual(Array.from(p.users), [0, 1]);
  assert.deepEqual(Array.from(p.relevantItems), [1, 0]);
  assert.equal(p.negatives, null);
  const ex = p.excluded!;
  assert.deepEqual(Array.from(ex.indices.subarray(ex.offsets[0], ex.offsets[1])), [0, 2]);
  assert.deepEqual(Array.from(ex.indices.subarray(ex.offsets[1], ex.offsets[2])), [3]);
});
