import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../scripts/compile-wat";
import { SVDPP_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/svdpp-kernels-binary";
import { ratingsByUser } from "../../src/data/rating-matrix";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { SvdppArena } from "../../src/models/factorization/svdpp-arena";
import { createSvdpp, type SvdppModel } from "../../src/models/svdpp";
import { createTimeSvdpp, type TimeSvdppModel } from "../../src/models/time-svdpp";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

test("svdpp-kernels-binary.ts is the compilation of svdpp-kernels.wat (run npm run build:wasm after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "svdpp-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), SVDPP_KERNELS_WASM_BASE64);
});

test("the kernels' vector steps by hand (dim 3: one f64x2 pair and the odd tail)", () => {
  // 1 user, 2 items; N(u) = {0, 1}; y_0 = [1, 2, 3], y_1 = [3, 2, 1]: z = 2^-1/2 [4, 4, 4].
  const arena = new SvdppArena(1, 2, 3, 0, { rows: 1, cols: 2, offsets: Int32Array.from([0, 2]), indices: Int32Array.from([0, 1]), values: Float32Array.from([1, 1]) });
  arena.y.set([1, 2, 3, 3, 2, 1]);
  arena.factors.userFactors.set([1, 1, 1]);
  arena.factors.itemFactors.set([1, 2, 3, 0, 0, 0]);
  const norm = 1 / Math.sqrt(2);
  arena.implicitSum(0, 2, norm);
  assert.deepEqual(Array.from(arena.z), [4 * norm, 4 * norm, 4 * norm]);
  arena.z.set([0.5, 0, 0]);
  // q_0 · (p + z) = 1 (1.5) + 2 (1) + 3 (1) = 6.5
  assert.equal(arena.dot(0, 0), 6.5);
  // e = 2, en = 1, lr 0.5, reg 0.25: p_d = 1 + 0.5 (2 q_d - 0.25); q_d += 0.5 (2 (1 + z_d) - 0.25 q_d); g = q (old).
  arena.update(0, 0, 2, 1, 0.5, 0.25);
  assert.deepEqual(Array.from(arena.factors.userFactors), [1 + 0.5 * (2 - 0.25), 1 + 0.5 * (4 - 0.25), 1 + 0.5 * (6 - 0.25)]);
  assert.deepEqual(Array.from(arena.factors.itemFactors.subarray(0, 3)), [1 + 0.5 * (3 - 0.25), 2 + 0.5 * (2 - 0.5), 3 + 0.5 * (2 - 0.75)]);
  assert.deepEqual(Array.from(arena.g), [1, 2, 3]);
  // y_j += 0.1 (g - 2 y_j) for both items, then g = 0.
  arena.yStep(0, 2, 0.1, 2);
  assert.deepEqual(Array.from(arena.y), [1 + 0.1 * (1 - 2), 2 + 0.1 * (2 - 4), 3 + 0.1 * (3 - 6), 3 + 0.1 * (1 - 6), 2 + 0.1 * (2 - 4), 1 + 0.1 * (3 - 2)]);
  assert.deepEqual(Array.from(arena.g), [0, 0, 0]);
});

/** Planted ratings with timestamps spread over 400 days, split into training and validation ratings. */
function plantedTimed(): { train: Ratings; validation: Ratings } {
  const data = plantedRatings({ users: 40, items: 30, density: 0.5, seed: 21 });
  const rng = new Rng(8);
  const timestamps = Float64Array.from({ length: data.size }, () => (18000 + Math.floor(rng.next() * 400)) * 86400 + 3600);
  const { train, test } = randomSplit({ ...data, timestamps }, new Rng(9), { testFraction: 0.1 });
  return { train, validation: test };
}

const bitsOf = (xs: Float64Array): number[] => Array.from(xs);

for (const dim of [4, 5]) {
  test(`SVD++ with the WebAssembly kernels learns the JavaScript loops' parameters bit for bit (dim ${dim}, early stopping)`, async () => {
    const { train, validation } = plantedTimed();
    const fit = async (wasmKernels: boolean): Promise<SvdppModel> => {
      const m = createSvdpp({ dim, initStd: 0.1, learningRate: 0.01, epochs: 12, patience: 3, wasmKernels });
      await m.fit(train, { rng: new Rng(5), validation, progress: silentProgress });
      return m;
    };
    const [js, wasm] = [await fit(false), await fit(true)];
    const a = js.parameters!;
    const b = wasm.parameters!;
    assert.equal(b.implicitFactors.buffer, b.factors.factors.buffer, "the wasm fit trains in the arena's memory");
    assert.notEqual(a.implicitFactors.buffer, a.factors.factors.buffer, "the JS fit trains in typed arrays of its own");
    assert.deepEqual(bitsOf(b.factors.factors), bitsOf(a.factors.factors));
    assert.deepEqual(bitsOf(b.factors.biases), bitsOf(a.factors.biases));
    assert.deepEqual(bitsOf(b.implicitFactors), bitsOf(a.implicitFactors));
    assert.deepEqual(wasm.predict(validation.users, validation.items), js.predict(validation.users, validation.items));
    assert.deepEqual(bitsOf(wasm.effectiveFactors().factors), bitsOf(js.effectiveFactors().factors), "p_u + |N(u)|^-1/2 Σ y_j, summed by the kernel");
  });
}

for (const implicitFeedback of [true, false]) {
  test(`timeSVD++ with the WebAssembly kernels learns the JavaScript loops' parameters bit for bit (implicit term ${implicitFeedback ? "on" : "off"})`, async () => {
    const { train, validation } = plantedTimed();
    const fit = async (wasmKernels: boolean): Promise<TimeSvdppModel> => {
      const m = createTimeSvdpp({ dim: 5, initStd: 0.1, learningRate: 0.01, epochs: 10, patience: 3, implicitFeedback, wasmKernels });
      await m.fit(train, { rng: new Rng(6), validation, progress: silentProgress });
      assert.equal(m.usedTime, true);
      return m;
    };
    const [js, wasm] = [await fit(false), await fit(true)];
    const a = js.parameters!.params;
    const b = wasm.parameters!.params;
    assert.deepEqual(bitsOf(b.f.factors), bitsOf(a.f.factors));
    assert.deepEqual(bitsOf(b.f.biases), bitsOf(a.f.biases));
    assert.deepEqual(bitsOf(b.y), bitsOf(a.y));
    assert.deepEqual(bitsOf(b.alpha), bitsOf(a.alpha));
    assert.deepEqual(bitsOf(b.binBias), bitsOf(a.binBias));
    assert.ok(a.alpha.some((v) => v !== 0), "the time terms moved");
    assert.equal(b.f.factors.buffer, b.f.biases.buffer, "the wasm fit trains in the arena's memory");
    assert.notEqual(a.f.factors.buffer, a.f.biases.buffer, "the JS fit trains in typed arrays of its own");
    assert.deepEqual(wasm.predictAt(validation.users, validation.items, validation.timestamps!), js.predictAt(validation.users, validation.items, validation.timestamps!));
  });
}
