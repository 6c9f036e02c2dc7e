import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../../scripts/compile-wat";
import { SAMPLED_LOGISTIC_KERNELS_WASM_BASE64 } from "../../../src/backend/wasm/sampled-logistic-kernels-binary";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { SampledLogisticArena } from "../../../src/models/implicit/sampled-logistic-arena";
import { sampledLogisticStep } from "../../../src/models/implicit/sampled-logistic-mf";
import { Rng } from "../../../src/random/rng";

test("the committed binary is the compiled sampled-logistic-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../../.."), "sampled-logistic-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), SAMPLED_LOGISTIC_KERNELS_WASM_BASE64);
});

function randomTables(numUsers: number, numItems: number, dim: number, rng: Rng): FactorTables {
  const t = new FactorTables(numUsers, numItems, dim);
  for (const a of [t.userFactors, t.itemFactors, t.userBias, t.itemBias]) for (let k = 0; k < a.length; k++) a[k] = rng.normal() * 0.5;
  t.globalBias[0] = -0.2;
  return t;
}

test("the WebAssembly steps equal sampledLogisticStep's loop bit for bit (dims 1-9, 32, 35, 64; two chunks; repeated rows)", () => {
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 32, 35, 64]) {
    const rng = new Rng(100 + dim);
    const numUsers = 7;
    const numItems = 11; // few rows: every row is stepped many times, so drift would compound
    const size = 120;
    const n = 3;
    const train = { users: Int32Array.from({ length: size }, () => rng.int(numUsers)), items: Int32Array.from({ length: size }, () => rng.int(numItems)), size };
    const order = rng.permutation(size);
    const neg = Int32Array.from({ length: size * n }, () => rng.int(numItems));
    const ref = randomTables(numUsers, numItems, dim, new Rng(dim));
    const fast = randomTables(numUsers, numItems, dim, new Rng(dim));
    const arena = new SampledLogisticArena(train, fast, n);
    let refLoss = 0.25;
    let fastLoss = 0.25;
    for (const [from, to, lr] of [[0, 50, 0.05], [50, 120, 0.03]] as const) {
      for (let t = from; t < to; t++) {
        const k = order[t];
        refLoss += sampledLogisticStep(ref, train.users[k], train.items[k], 1, lr, 0.01);
        for (let s = t * n; s < t * n + n; s++) refLoss += sampledLogisticStep(ref, train.users[k], neg[s], 0, lr, 0.01);
      }
      fastLoss = arena.steps(fast, order, neg, from, to, lr, 0.01, fastLoss);
    }
    assert.equal(fastLoss, refLoss, `dim ${dim}: loss`);
    for (const key of ["userFactors", "itemFactors", "userBias", "itemBias", "globalBias"] as const) {
      assert.deepEqual(Array.from(fast[key]), Array.from(ref[key]), `dim ${dim}: ${key}`);
    }
    assert.notDeepEqual(Array.from(fast.userFactors), Array.from(randomTables(numUsers, numItems, dim, new Rng(dim)).userFactors));
  }
});

test("one hand-computed step: score 0, label 1", () => {
  const t = new FactorTables(1, 1, 2);
  t.userFactors.set([1, 0]);
  t.itemFactors.set([0, 1]);
  const arena = new SampledLogisticArena({ users: Int32Array.of(0), items: Int32Array.of(0), size: 1 }, t, 0);
  const loss = arena.steps(t, Uint32Array.of(0), new Int32Array(0), 0, 1, 0.5, 0, 0);
  // g = 1 - σ(0) = 0.5, step = 0.25: p = (1, 0.25), q = (0.25, 1); biases 0 + 0.5 * 0.5
  assert.ok(Math.abs(loss - Math.log(2)) < 1e-15);
  assert.deepEqual(Array.from(t.userFactors), [1, 0.25]);
  assert.deepEqual(Array.from(t.itemFactors), [0.25, 1]);
  assert.deepEqual([t.userBias[0], t.itemBias[0], t.globalBias[0]], [0.25, 0.25, 0.25]);
});
