import { test } from "node:test";
import assert from "node:assert/strict";
import { SampledExamples } from "../../../src/models/ncf/sampled-examples";
import { Rng } from "../../../src/random/rng";
import { interactions } from "./two-groups";

// 3 users, 6 items; item 5 has no interaction, so it may never be a negative.
const data = interactions([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 2, 3, 4, 0], 3, 6);

function epoch(ex: SampledExamples, rng: Rng): { users: Int32Array; items: Int32Array; signs: Float32Array } {
  ex.resample(rng);
  const order = Uint32Array.from({ length: ex.size }, (_, k) => k);
  const users = new Int32Array(ex.size);
  const items = new Int32Array(ex.size);
  const signs = new Float32Array(ex.size);
  ex.fill(order, 0, ex.size, users, items, signs);
  return { users, items, signs };
}

test("each positive is followed by `negatives` items the user has not interacted with, never untrained items", () => {
  const ex = new SampledExamples(data, 4);
  assert.equal(ex.size, 7 * 5);
  const positives = new Set(Array.from(data.users, (u, k) => u * 6 + data.items[k]));
  const rng = new Rng(1);
  for (let e = 0; e < 50; e++) {
    const { users, items, signs } = epoch(ex, rng);
    for (let k = 0; k < ex.size; k++) {
      const row = Math.floor(k / 5);
      assert.equal(users[k], data.users[row]);
      if (k % 5 === 0) {
        assert.equal(items[k], data.items[row]);
        assert.equal(signs[k], -1);
      } else {
        assert.equal(signs[k], 1);
        assert.ok(!positives.has(users[k] * 6 + items[k]), `negative ${items[k]} is a positive of user ${users[k]}`);
        assert.notEqual(items[k], 5, "item 5 has no interactions");
      }
    }
  }
});

test("negatives are drawn afresh each epoch and reproducibly from the seed", () => {
  const a = new SampledExamples(data, 4);
  const b = new SampledExamples(data, 4);
  const ra = new Rng(9);
  const rb = new Rng(9);
  const first = epoch(a, ra).items;
  assert.deepEqual(epoch(b, rb).items, first);
  assert.notDeepEqual(epoch(a, ra).items, first, "a second epoch draws other negatives");
});

test("fill follows the given order; bad arguments are refused", () => {
  const ex = new SampledExamples(data, 1);
  ex.resample(new Rng(2));
  const users = new Int32Array(2);
  const items = new Int32Array(2);
  const signs = new Float32Array(2);
  ex.fill(Uint32Array.from([9, 8]), 0, 2, users, items, signs); // example 9 = negative of row 4, 8 = positive row 4
  assert.deepEqual(Array.from(users), [2, 2]);
  assert.equal(items[1], 3);
  assert.deepEqual(Array.from(signs), [1, -1]);
  assert.throws(() => new SampledExamples(data, -1), /negatives/);
  assert.throws(() => new SampledExamples(interactions([0, 0], [0, 1], 1, 3), 1), /every trained item/);
});
