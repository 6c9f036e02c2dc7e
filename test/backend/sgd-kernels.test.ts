import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../scripts/compile-wat";
import { SGD_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/sgd-kernels-binary";
import { BiasedFactors, fillRandomNormal } from "../../src/models/factorization/biased-factors";
import { SgdArena } from "../../src/models/factorization/sgd-arena";
import { sgdPass } from "../../src/models/factorization/sgd-epoch";
import { Rng } from "../../src/random/rng";

test("the committed binary is the compiled sgd-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "sgd-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), SGD_KERNELS_WASM_BASE64);
});

/** Asserts that two float64 arrays hold the same bits (NaN and -0 included). */
function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length);
  assert.ok(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)), what);
}

test("SgdArena.pass (WebAssembly) equals sgdPass (JavaScript) bit for bit, every dim % 4, over partial ranges", () => {
  const steps = { learningRate: 0.03, biasLearningRate: 0.01, regFactors: 0.05, regBias: 0.02 };
  const [numUsers, numItems, size] = [40, 30, 3000];
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 32, 35]) {
    const rng = new Rng(dim);
    const arena = new SgdArena(numUsers, numItems, dim, 3.5, size);
    const t = arena.triples;
    for (let k = 0; k < size; k++) {
      t.users[k] = rng.int(numUsers);
      t.items[k] = rng.int(numItems);
      t.values[k] = 1 + rng.int(5) + 0.1 * rng.normal();
    }
    fillRandomNormal(arena.factors.factors, dim, 0.3, rng);
    fillRandomNormal(arena.factors.biases, 1, 0.3, rng);
    const reference = new BiasedFactors(numUsers, numItems, dim, 3.5);
    reference.copyFrom(arena.factors);
    for (const [from, to] of [[0, 1000], [1000, 1000], [1000, size], [17, 400]]) {
      assert.equal(arena.pass(from, to, steps), sgdPass(reference, t, from, to, steps), `dim ${dim}, Σ e² over [${from}, ${to})`);
      assertSameBits(arena.factors.factors, reference.factors, `dim ${dim}: factors after [${from}, ${to})`);
      assertSameBits(arena.factors.biases, reference.biases, `dim ${dim}: biases after [${from}, ${to})`);
    }
  }
});

test("SgdArena: parameters and triples are views of one shared memory; ranges outside the triples are refused", () => {
  const arena = new SgdArena(3, 2, 4, 3, 10);
  const buffer = arena.factors.factors.buffer;
  assert.ok(buffer instanceof SharedArrayBuffer);
  for (const a of [arena.factors.biases, arena.triples.users, arena.triples.items, arena.triples.values]) assert.equal(a.buffer, buffer);
  assert.equal(arena.factors.factors.byteOffset % 16, 0);
  assert.throws(() => arena.pass(0, 11, { learningRate: 0.1, biasLearningRate: 0.1, regFactors: 0, regBias: 0 }), RangeError);
  assert.throws(() => new BiasedFactors(3, 2, 4, 3, { factors: new Float64Array(19), biases: new Float64Array(5) }), RangeError);
});
