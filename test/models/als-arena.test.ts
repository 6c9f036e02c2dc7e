import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../scripts/compile-wat";
import { ALS_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/als-kernels-binary";
import { ratingsByItem, ratingsByUser } from "../../src/data/rating-matrix";
import type { Ratings } from "../../src/data/ratings";
import { AlsArena } from "../../src/models/factorization/als-arena";
import { alsHalfStep, type AlsSides } from "../../src/models/factorization/als-half-step";
import { Rng } from "../../src/random/rng";

test("the committed binary is the compiled als-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "als-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), ALS_KERNELS_WASM_BASE64);
});

/** Ratings of 9 users x 14 items (user 8 and item 13 without ratings), values on a 0.5-5 scale. */
function planted(rng: Rng): Ratings {
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 8; u++) for (let i = 0; i < 13; i++) if (rng.next() < 0.5) { users.push(u); items.push(i); }
  return {
    indexId: "test-index", name: "t", users: Int32Array.from(users), items: Int32Array.from(items),
    values: Float32Array.from(users, () => 0.5 * (1 + rng.int(10))), numUsers: 9, numItems: 14, size: users.length,
    userIds: Array.from({ length: 9 }, (_, u) => `u${u}`), itemIds: Array.from({ length: 14 }, (_, i) => `i${i}`), scale: { min: 0.5, max: 5 },
  } as Ratings;
}

function sides(dim: number, rng: Rng, reg: number, regBias: number) {
  const normal = (n: number) => Float64Array.from({ length: n }, () => rng.normal() * 0.3);
  const [uf, ub, itf, ib] = [normal(9 * dim), normal(9), normal(14 * dim), normal(14)];
  const shared = { dim, mean: 3.1, regFactors: reg, regBias };
  const user: AlsSides = { ...shared, fixedFactors: itf, fixedBias: ib, factors: uf, bias: ub };
  const item: AlsSides = { ...shared, fixedFactors: uf, fixedBias: ub, factors: itf, bias: ib };
  return { user, item, all: [uf, ub, itf, ib] };
}

test("the WebAssembly half-step equals alsHalfStep bit for bit (dims 1-9, 20, 33; user then item passes; rows without ratings kept)", () => {
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 33]) {
    const r = planted(new Rng(dim));
    const byUser = ratingsByUser(r);
    const byItem = ratingsByItem(r);
    const ref = sides(dim, new Rng(50 + dim), 0.1, 0.05);
    const fast = sides(dim, new Rng(50 + dim), 0.1, 0.05);
    const arena = new AlsArena(14, r.size, dim);
    for (let epoch = 0; epoch < 2; epoch++) {
      assert.equal(arena.halfStep(byUser, fast.user), alsHalfStep(byUser, ref.user));
      assert.equal(arena.halfStep(byItem, fast.item), alsHalfStep(byItem, ref.item));
    }
    fast.all.forEach((a, k) => assert.deepEqual(Array.from(a), Array.from(ref.all[k]), `dim ${dim}, array ${k}`));
    // user 8 and item 13 have no ratings: unchanged from their initial values
    const initial = sides(dim, new Rng(50 + dim), 0.1, 0.05);
    assert.equal(fast.user.bias[8], initial.user.bias[8]);
    assert.equal(fast.item.bias[13], initial.item.bias[13]);
    assert.notEqual(fast.user.bias[0], initial.user.bias[0]);
  }
});

test("a singular system is reported at the same row as the reference (no ridge, fewer ratings than unknowns)", () => {
  const r = planted(new Rng(3));
  const byUser = ratingsByUser(r);
  const dim = 12; // 13 unknowns, at most 13 ratings per user, and the bias column is their sum: singular
  const ref = sides(dim, new Rng(1), 0, 0);
  const fast = sides(dim, new Rng(1), 0, 0);
  const expected = alsHalfStep(byUser, ref.user);
  assert.ok(expected >= 0);
  assert.equal(new AlsArena(14, r.size, dim).halfStep(byUser, fast.user), expected);
});
