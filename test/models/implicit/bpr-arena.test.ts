import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../../scripts/compile-wat";
import { BPR_KERNELS_WASM_BASE64 } from "../../../src/backend/wasm/bpr-kernels-binary";
import { BprArena } from "../../../src/models/implicit/bpr-arena";
import { bprStep, type BprRegs } from "../../../src/models/implicit/bpr-mf";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { Rng } from "../../../src/random/rng";

test("the committed binary is the compiled bpr-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../../.."), "bpr-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), BPR_KERNELS_WASM_BASE64);
});

function randomTables(numUsers: number, numItems: number, dim: number, seed: number): FactorTables {
  const rng = new Rng(seed);
  const t = new FactorTables(numUsers, numItems, dim);
  for (const a of [t.userFactors, t.itemFactors, t.itemBias]) for (let k = 0; k < a.length; k++) a[k] = rng.normal() * 0.5;
  return t;
}

test("the WebAssembly steps equal bprStep's loop bit for bit (dims 1-9, 32, 35, 64; two chunks; distinct regs)", () => {
  const regs: BprRegs = { user: 0.01, positive: 0.02, negative: 0.03, bias: 0.05 };
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 32, 35, 64]) {
    const rng = new Rng(200 + dim);
    const numUsers = 7;
    const numItems = 11;
    const size = 120;
    const n = 2;
    const train = { users: Int32Array.from({ length: size }, () => rng.int(numUsers)), items: Int32Array.from({ length: size }, () => rng.int(numItems)), size };
    const order = rng.permutation(size);
    const neg = Int32Array.from({ length: size * n }, (_, s) => (train.items[order[Math.floor(s / n)]] + 1 + rng.int(numItems - 1)) % numItems);
    const ref = randomTables(numUsers, numItems, dim, dim);
    const fast = randomTables(numUsers, numItems, dim, dim);
    const arena = new BprArena(train, fast, n);
    let refLoss = 0.5;
    let fastLoss = 0.5;
    for (const [from, to, lr] of [[0, 40, 0.1], [40, 120, 0.05]] as const) {
      for (let t = from; t < to; t++) {
        const k = order[t];
        for (let s = t * n; s < t * n + n; s++) refLoss += bprStep(ref, train.users[k], train.items[k], neg[s], lr, regs);
      }
      fastLoss = arena.steps(fast, order, neg, from, to, lr, regs, fastLoss);
    }
    assert.equal(fastLoss, refLoss, `dim ${dim}: loss`);
    for (const key of ["userFactors", "itemFactors", "itemBias", "userBias", "globalBias"] as const) {
      assert.deepEqual(Array.from(fast[key]), Array.from(ref[key]), `dim ${dim}: ${key}`);
    }
    assert.notDeepEqual(Array.from(fast.itemFactors), Array.from(randomTables(numUsers, numItems, dim, dim).itemFactors));
  }
});

test("one hand-computed step: x_uij = 0", () => {
  const t = new FactorTables(1, 2, 1);
  t.userFactors.set([1]);
  t.itemFactors.set([0.5, 0.5]);
  const arena = new BprArena({ users: Int32Array.of(0), items: Int32Array.of(0), size: 1 }, t, 1);
  const loss = arena.steps(t, Uint32Array.of(0), Int32Array.of(1), 0, 1, 1, { user: 0, positive: 0, negative: 0, bias: 0 }, 0);
  // e = σ(-0) = 0.5: w += 0.5 (0.5 - 0.5) = 1; h_i += 0.5, h_j -= 0.5; b_i = 0.5, b_j = -0.5
  assert.ok(Math.abs(loss - Math.log(2)) < 1e-15);
  assert.deepEqual(Array.from(t.userFactors), [1]);
  assert.deepEqual(Array.from(t.itemFactors), [1, 0]);
  assert.deepEqual(Array.from(t.itemBias), [0.5, -0.5]);
});
