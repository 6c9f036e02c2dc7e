import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../../scripts/compile-wat";
import { IMPLICIT_KERNELS_WASM_BASE64 } from "../../../src/backend/wasm/implicit-kernels-binary";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { LogisticPairArena, PAIR_CHUNK } from "../../../src/models/implicit/logistic-pair-arena";
import { accumulateLogisticGradient } from "../../../src/models/implicit/logistic-mf";
import { Rng } from "../../../src/random/rng";

test("the committed binary is the compiled implicit-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../../.."), "implicit-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), IMPLICIT_KERNELS_WASM_BASE64);
});

/** Random tables and a random sample: `size` positives with confidences, `n` negatives each. */
function planted(numUsers: number, numItems: number, dim: number, size: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const t = new FactorTables(numUsers, numItems, dim);
  for (const a of [t.userFactors, t.itemFactors, t.userBias, t.itemBias]) for (let k = 0; k < a.length; k++) a[k] = rng.normal() * 0.7;
  t.globalBias[0] = 0.3;
  const train = {
    users: Int32Array.from({ length: size }, () => rng.int(numUsers)),
    items: Int32Array.from({ length: size }, () => rng.int(numItems)),
    values: Float32Array.from({ length: size }, () => 1 + 0.5 * rng.int(10)),
  };
  const order = rng.permutation(size);
  const neg = Int32Array.from({ length: size * n }, () => rng.int(numItems));
  return { t, train, order, neg };
}

test("the WebAssembly half-step equals accumulateLogisticGradient bit for bit (dims 1-9, 32, 35, 64; both sides; several chunks)", () => {
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 32, 35, 64]) {
    const size = dim === 3 ? Math.ceil((2.5 * PAIR_CHUNK) / 5) : 150; // dim 3: pairs span three chunks
    const n = 4;
    const { t, train, order, neg } = planted(13, 29, dim, size, n, dim);
    const arena = new LogisticPairArena(13, 29, dim);
    for (const side of ["users", "items"] as const) {
      const rows = side === "users" ? 13 : 29;
      const refGrad = new Float64Array(rows * dim);
      const refBias = new Float64Array(rows);
      const refNll = accumulateLogisticGradient(t, train, order, neg, n, side, refGrad, refBias);
      const grad = arena.gradients(side);
      grad.fill(0);
      const bias = new Float64Array(rows);
      const nll = arena.accumulate(t, train, order, neg, n, side, bias);
      assert.equal(nll, refNll, `dim ${dim} ${side}: nll`);
      assert.deepEqual(Array.from(grad), Array.from(refGrad), `dim ${dim} ${side}: factor gradient`);
      assert.deepEqual(Array.from(bias), Array.from(refBias), `dim ${dim} ${side}: bias gradient`);
      assert.ok(refGrad.some((g) => g !== 0));
    }
  }
});

test("a hand-computed pair: one positive of confidence 2 at score 0 and one negative", () => {
  const t = new FactorTables(1, 2, 2);
  t.userFactors.set([1, 2]);
  t.itemFactors.set([0, 0, 1, 0]); // item 0 scores 0; item 1 scores 1
  const arena = new LogisticPairArena(1, 2, 2);
  const grad = arena.gradients("users");
  grad.fill(0);
  const bias = new Float64Array(1);
  const nll = arena.accumulate(t, { users: Int32Array.of(0), items: Int32Array.of(0), values: Float32Array.of(2) }, Uint32Array.of(0), Int32Array.of(1), 1, "users", bias);
  const sig1 = 1 / (1 + Math.exp(-1));
  // positive: w = 2 (1 - 1/2) = 1 times q_0 = 0; negative: w = -σ(1) times q_1 = (1, 0)
  assert.ok(Math.abs(grad[0] + sig1) < 1e-15 && grad[1] === 0);
  assert.ok(Math.abs(bias[0] - (1 - sig1)) < 1e-15);
  assert.ok(Math.abs(nll - (2 * Math.log(2) + Math.log(1 + Math.exp(1)))) < 1e-12);
});
