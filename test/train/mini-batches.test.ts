import { test } from "node:test";
import assert from "node:assert/strict";
import { epochBatches } from "../../src/train/mini-batches";
import { Rng } from "../../src/random/rng";
import { plantedRatings } from "../helpers/planted-ratings";

test("one epoch's batches follow the epoch loop's permutation and cover every rating once", () => {
  const train = plantedRatings({ users: 20, items: 15, density: 0.5 });
  const batches = epochBatches(train, new Rng(7), 16);
  const order = new Rng(7).permutation(train.size);
  assert.equal(batches.length, Math.ceil(train.size / 16));
  assert.equal(batches.at(-1)!.users.length, train.size - 16 * (batches.length - 1));
  const flat = batches.flatMap((b) => Array.from(b.users, (u, k) => [u, b.items[k], b.targets[k]]));
  flat.forEach(([u, i, v], k) => {
    assert.deepEqual([u, i, v], [train.users[order[k]], train.items[order[k]], Math.fround(train.values[order[k]])]);
  });
  assert.throws(() => epochBatches(train, new Rng(1), 0), /batchSize must be an integer >= 1/);
});
