import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { compileWat } from "../../scripts/compile-wat";
import { AUTOREC_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/autorec-kernels-binary";
import type { Ratings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { createAutoRec } from "../../src/models/autorec";
import { accumulateGradient, AutoRecScratch } from "../../src/models/autorec/autorec-kernel";
import { jsAutoRecStepper } from "../../src/models/autorec/autorec-stepper";
import { wasmAutoRecStepper } from "../../src/models/autorec/wasm-autorec-arena";
import { AutoRecParams, initAutoRecParams } from "../../src/models/autorec/autorec-params";
import { autoRecLossTf, autoRecTensors, denseRowTensors, trainAutoRecTf } from "../../src/models/autorec/autorec-tf";
import { autoRecRows, nonEmptyRows } from "../../src/models/autorec/sparse-rows";
import { createGlobalMean } from "../../src/models/global-mean";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { maxDiff } from "../helpers/max-diff";
import { plantedRatings } from "../helpers/planted-ratings";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

/** Ratings of a small index space from (user, item, value) triples. */
function tinyRatings(triples: [number, number, number][], numUsers: number, numItems: number): Ratings {
  return {
    name: "tiny", indexId: "tiny-autorec",
    users: Int32Array.from(triples.map((t) => t[0])),
    items: Int32Array.from(triples.map((t) => t[1])),
    values: Float32Array.from(triples.map((t) => t[2])),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers, numItems, size: triples.length, scale: { min: 1, max: 5 },
  };
}

// 3 users x 3 items; item rows (I-AutoRec): item 0 rated 4 by user 0 and 3 by user 2, item 1 rated 5 by user 1,
// item 2 rated 2 by user 0.
const tiny = tinyRatings([[0, 0, 4], [2, 0, 3], [1, 1, 5], [0, 2, 2]], 3, 3);

/** k = 1, V = 0, μ = 0 (so the hidden unit is sigmoid(0) = 0.5), W = [2, 0, -2], b = [3, 4, 1]: every item's output for users 0, 1, 2 is [4, 4, 0]. */
function handParams(): AutoRecParams {
  const p = new AutoRecParams(3, 1);
  p.decoder.set([2, 0, -2]);
  p.decoderBias.set([3, 4, 1]);
  return p;
}

test("autorec-kernels-binary.ts is the compilation of autorec-kernels.wat (run npm run build:wasm after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "autorec-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), AUTOREC_KERNELS_WASM_BASE64);
});

describe("AutoRec's masked loss", () => {
  test("sparse rows hold observed entries only, per item", () => {
    const rows = autoRecRows(tiny, "item");
    assert.deepEqual(Array.from(rows.offsets), [0, 2, 3, 4]);
    assert.deepEqual(Array.from(rows.indices), [0, 2, 1, 0]);
    assert.deepEqual(Array.from(rows.values), [4, 3, 5, 2]);
    assert.deepEqual(Array.from(autoRecRows(tiny, "user").offsets), [0, 2, 3, 4]);
  });

  test("equals the hand-computed sum over observed entries, and ignores unobserved targets", () => {
    // Outputs [4, 4, 0] (users 0, 1, 2) for every item: item 0 errors (user 0: 4 - 4, user 2: 0 - 3) -> 0 + 9;
    // item 1 (user 1: 4 - 5) -> 1; item 2 (user 0: 4 - 2) -> 4; sum 14. Penalty (λ/2)(||W||² + ||V||²) = 0.5 (4 + 0 + 4) = 4 at λ = 1.
    const p = handParams();
    const rows = autoRecRows(tiny, "item");
    const grad = new Float32Array(p.theta.length);
    const sse = accumulateGradient(p, rows, nonEmptyRows(rows), 0, 3, grad, new AutoRecScratch(1));
    assert.equal(sse, 14);
    const t = autoRecTensors(p);
    const { ratings, mask } = denseRowTensors(rows);
    assert.ok(Math.abs(autoRecLossTf(t, ratings, mask, 1).dataSync()[0] - 18) < 1e-5);
    // An unobserved entry (item 1, user 0) given a target of 5 and a target of 1: the loss does not move.
    for (const target of [5, 1]) {
      const values = ratings.arraySync();
      values[1][0] = target;
      const changed = tf.tensor2d(values);
      assert.ok(Math.abs(autoRecLossTf(t, changed, mask, 1).dataSync()[0] - 18) < 1e-5, `unobserved target ${target}`);
      changed.dispose();
    }
    // With a non-zero encoder the unobserved entry is not an input either (the inputs are R ⊙ M).
    const q = handParams();
    q.encoder.set([0.5, -0.25, 1]);
    const tq = autoRecTensors(q);
    const base = autoRecLossTf(tq, ratings, mask, 1).dataSync()[0];
    const values = ratings.arraySync();
    values[1][0] = 5;
    const changed = tf.tensor2d(values);
    assert.equal(autoRecLossTf(tq, changed, mask, 1).dataSync()[0], base);
    tf.dispose([tq.encoder, tq.encoderBias, tq.decoder, tq.decoderBias, changed]);
    // The same entry observed (mask 1) with target 1 adds (4 - 1)² = 9 (and, as an input, changes nothing since V = 0).
    const observedValues = ratings.arraySync();
    observedValues[1][0] = 1;
    const observedMask = mask.arraySync();
    observedMask[1][0] = 1;
    const [r2, m2] = [tf.tensor2d(observedValues), tf.tensor2d(observedMask)];
    assert.ok(Math.abs(autoRecLossTf(t, r2, m2, 1).dataSync()[0] - 27) < 1e-5);
    tf.dispose([t.encoder, t.encoderBias, t.decoder, t.decoderBias, ratings, mask, r2, m2]);
  });

  test("the JavaScript and WebAssembly steppers' gradients are tf.grad's of the dense masked objective", () => {
    for (const variant of ["item", "user"] as const) {
      for (const [kind, make] of [["js", jsAutoRecStepper], ["wasm", wasmAutoRecStepper]] as const) {
        const data = plantedRatings({ users: 7, items: 5, density: 0.5, seed: 3 });
        const stepper = make(autoRecRows(data, variant), 8, 0.01);
        const { params: p, rows } = stepper;
        initAutoRecParams(p, 0.3, 3, new Rng(9));
        for (let h = 0; h < 8; h++) p.encoderBias[h] = 0.1 * (h - 4);
        const reg = 0.7;
        const active = nonEmptyRows(rows);
        const sse = stepper.accumulate(active, 0, active.length);
        const grad = stepper.grad.slice();
        for (let q = 0; q < p.weightCount; q++) grad[q] += reg * p.theta[q];
        const t = autoRecTensors(p);
        const { ratings, mask } = denseRowTensors(rows);
        const loss = autoRecLossTf(t, ratings, mask, reg).dataSync()[0];
        const label = `${variant}, ${kind}`;
        assert.ok(Math.abs(sse + reg * p.halfSquaredWeights() - loss) < 1e-4 * loss, `${label}: loss ${sse} vs ${loss}`);
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
          autoRecLossTf({ encoder: a as tf.Tensor2D, encoderBias: b as tf.Tensor1D, decoder: c as tf.Tensor2D, decoderBias: d as tf.Tensor1D }, ratings, mask, reg),
        )([t.encoder, t.encoderBias, t.decoder, t.decoderBias]);
        const expected = new AutoRecParams(rows.cols, 8);
        expected.encoder.set(g[0].dataSync());
        expected.encoderBias.set(g[1].dataSync());
        expected.decoder.set(g[2].dataSync());
        expected.decoderBias.set(g[3].dataSync());
        const scale = Math.max(...Array.from(expected.theta, Math.abs));
        assert.ok(scale > 1, `${label}: a non-trivial gradient`);
        assert.ok(maxDiff(grad, expected.theta) < 1e-4 * scale, `${label}: gradient differs by ${maxDiff(grad, expected.theta)} (scale ${scale})`);
        tf.dispose([t.encoder, t.encoderBias, t.decoder, t.decoderBias, ratings, mask, ...g]);
      }
    }
  });

  test("the WebAssembly Adam step equals the JavaScript one (to float32 rounding)", () => {
    const data = plantedRatings({ users: 9, items: 6, density: 0.5, seed: 4 });
    const [js, wasm] = [jsAutoRecStepper, wasmAutoRecStepper].map((make) => make(autoRecRows(data, "item"), 4, 0.05));
    for (const s of [js, wasm]) initAutoRecParams(s.params, 0.3, 3, new Rng(2));
    const initial = js.params.theta.slice();
    const active = nonEmptyRows(js.rows);
    for (let step = 0; step < 3; step++) {
      for (const s of [js, wasm]) {
        s.accumulate(active, 0, active.length);
        s.adamStep(0.5);
      }
    }
    assert.ok(maxDiff(js.params.theta, initial) > 0.01, "the parameters moved");
    assert.ok(maxDiff(js.params.theta, wasm.params.theta) < 1e-5, `differ by ${maxDiff(js.params.theta, wasm.params.theta)}`);
  });
});

test("the WebAssembly Adam step zeroes the gradient it reads; accumulating again without a step starts from zero", () => {
  const data = plantedRatings({ users: 9, items: 6, density: 0.5, seed: 4 });
  const stepper = wasmAutoRecStepper(autoRecRows(data, "item"), 4, 0.05);
  initAutoRecParams(stepper.params, 0.3, 3, new Rng(2));
  const active = nonEmptyRows(stepper.rows);
  stepper.accumulate(active, 0, active.length);
  const first = stepper.grad.slice();
  assert.ok(maxDiff(first, new Float32Array(first.length)) > 0.1, "a non-zero gradient");
  stepper.accumulate(active, 0, active.length);
  assert.deepEqual(stepper.grad, first, "the second accumulate replaces the first, it does not add to it");
  stepper.adamStep(0.5);
  assert.equal(maxDiff(stepper.grad, new Float32Array(first.length)), 0, "zeroed by the step");
  const half = Math.ceil(active.length / 2);
  stepper.accumulate(active, 0, half);
  const fresh = wasmAutoRecStepper(autoRecRows(data, "item"), 4, 0.05);
  fresh.params.theta.set(stepper.params.theta);
  fresh.accumulate(active, 0, half);
  assert.deepEqual(stepper.grad, fresh.grad, "after a step, the gradient of the next batch alone");
});

test("the plain TF.js training (full-batch Adam on the dense masked objective) takes the typed-array stepper's steps", () => {
  const data = plantedRatings({ users: 9, items: 6, density: 0.5, seed: 6 });
  const stepper = jsAutoRecStepper(autoRecRows(data, "item"), 4, 0.05);
  initAutoRecParams(stepper.params, 0.3, 3, new Rng(3));
  const initial = autoRecTensors(stepper.params);
  const run = trainAutoRecTf(stepper.rows, initial, 0.5, 0.05, 4);
  const active = nonEmptyRows(stepper.rows);
  const losses: number[] = [];
  for (let step = 0; step < 4; step++) {
    losses.push(stepper.accumulate(active, 0, active.length) + 0.5 * stepper.params.halfSquaredWeights());
    stepper.adamStep(0.5);
  }
  run.losses.forEach((l, k) => assert.ok(Math.abs(l - losses[k]) < 1e-4 * l, `step ${k}: ${l} vs ${losses[k]}`));
  assert.ok(run.losses[3] < run.losses[0], "the objective decreases");
  const got = autoRecTensors(stepper.params);
  for (const key of ["encoder", "encoderBias", "decoder", "decoderBias"] as const) {
    assert.ok(maxDiff(run.tensors[key].dataSync(), got[key].dataSync()) < 1e-4, key);
  }
  tf.dispose([...Object.values(initial), ...Object.values(run.tensors), ...Object.values(got)]);
});

describe("AutoRec model", () => {
  const data = plantedRatings({ users: 150, items: 120, density: 0.4, seed: 5 });
  const { train, test: validation } = randomSplit(data, new Rng(1), { testFraction: 0.2 });
  const config = { hidden: 32, reg: 0.1, learningRate: 0.01, learningRateDecay: 1, batchSize: 16, initStd: 0.1, epochs: 150, patience: 10 };

  for (const variant of ["item", "user"] as const) {
    test(`${variant}: learns planted low-rank data (validation RMSE well below the global mean's)`, async () => {
      const mean = createGlobalMean();
      await mean.fit(train, { rng: new Rng(1), progress: silentProgress });
      const floor = rmse(mean.predict(validation.users, validation.items), validation.values);
      const m = createAutoRec({ ...config, variant });
      const history = await m.fit(train, { rng: new Rng(2), validation, progress: silentProgress });
      const score = rmse(m.predict(validation.users, validation.items), validation.values);
      assert.equal(m.name, variant === "item" ? "I-AutoRec" : "U-AutoRec");
      assert.ok(score < 0.5 * floor, `${variant}: validation RMSE ${score.toFixed(4)} vs global mean ${floor.toFixed(4)} (kept epoch ${history.bestEpoch})`);
      m.dispose();
    });
  }

  test("is deterministic per seed and differs between seeds", async () => {
    const run = async (seed: number) => {
      const m = createAutoRec({ ...config, epochs: 3 });
      await m.fit(train, { rng: new Rng(seed), progress: silentProgress });
      return m.predict(validation.users, validation.items);
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  test("learningRateDecay scales the Adam step from the second epoch on", async () => {
    const run = async (epochs: number, learningRateDecay: number) => {
      const m = createAutoRec({ ...config, epochs, patience: 0, learningRateDecay });
      await m.fit(train, { rng: new Rng(4), progress: silentProgress });
      return m.predict(validation.users, validation.items);
    };
    assert.deepEqual(await run(1, 0.5), await run(1, 1));
    assert.notDeepEqual(await run(2, 0.5), await run(2, 1));
  });

  test("bad settings are errors naming the field", () => {
    assert.throws(() => createAutoRec({ variant: "items" as "item" }), /AutoRecConfig\.variant/);
    assert.throws(() => createAutoRec({ hidden: 0 }), /AutoRecConfig\.hidden/);
    assert.throws(() => createAutoRec({ reg: -1 }), /AutoRecConfig\.reg/);
    assert.throws(() => createAutoRec({ learningRate: 0 }), /AutoRecConfig\.learningRate/);
    assert.throws(() => createAutoRec({ learningRateDecay: 1.5 }), /AutoRecConfig\.learningRateDecay/);
    assert.throws(() => createAutoRec({ epochs: 0 }), /AutoRecConfig\.epochs/);
  });
});
