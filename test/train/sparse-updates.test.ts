import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { biasedMfRowGradients, BIASED_MF_GRAD_KERNEL } from "../../src/backend/biased-mf-gradient-kernel";
import { copyOfTensor, takeSoleOwnership, tensorStorage } from "../../src/backend/tensor-storage";
import { expectNoLeak } from "../../src/backend/count-tensors";
import { SparseRowOptimizer } from "../../src/train/sparse-row-optimizer";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createMlpRating } from "../../src/models/mlp-rating";
import { canFuseMlp } from "../../src/models/mlp-fused-gradients";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

import { maxDiff } from "../helpers/max-diff";

ensureTfSetup();

describe("biasedMfRowGradients (pure)", () => {
  it("matches a hand-computed example", () => {
    // one rating: p = [1, 2], q = [3, -1], b_u = 0.5, b_i = -0.25, μ = 3, r = 4 -> e = 3 + 0.25 + (3 - 2) - 4 = 0.25
    const x = {
      userFactors: Float32Array.of(1, 2), itemFactors: Float32Array.of(3, -1),
      userBias: Float32Array.of(0.5), itemBias: Float32Array.of(-0.25),
      users: Int32Array.of(0), items: Int32Array.of(0), targets: Float32Array.of(4),
    };
    const out = { dP: new Float32Array(2), dQ: new Float32Array(2), dBu: new Float32Array(1), dBi: new Float32Array(1) };
    const loss = biasedMfRowGradients(x, 2, { mean: 3, regFactors: 0.1, regBias: 0.2, lossScale: 1 }, out);
    // ½(0.0625 + 0.1(5 + 10) + 0.2(0.25 + 0.0625)) = ½(0.0625 + 1.5 + 0.0625) = 0.8125
    assert.ok(Math.abs(loss - 0.8125) < 1e-6, `${loss}`);
    assert.deepEqual(Array.from(out.dP), [0.25 * 3 + 0.1 * 1, 0.25 * -1 + 0.1 * 2].map(Math.fround));
    assert.deepEqual(Array.from(out.dQ), [0.25 * 1 + 0.1 * 3, 0.25 * 2 + 0.1 * -1].map(Math.fround));
    assert.deepEqual(Array.from(out.dBu), [Math.fround(0.25 + 0.2 * 0.5)]);
    assert.deepEqual(Array.from(out.dBi), [Math.fround(0.25 + 0.2 * -0.25)]);
    assert.throws(() => biasedMfRowGradients({ ...x, users: Int32Array.of(3) }, 2, { mean: 3, regFactors: 0, regBias: 0, lossScale: 1 }, out), /user index 3 is outside \[0, 1\)/);
  });
});

for (const backend of ["wasm", "cpu"] as const) {
  describe(`sparse updates on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("the fused kernel gives the loss and row gradients that tf.grad gives", () => {
      const rng = new Rng(3);
      const model = createBiasedMf({ dim: 3, regFactors: 0.07, regBias: 0.03 });
      const ratings = plantedRatings({ users: 6, items: 5, rank: 2, density: 1, noise: 0, seed: 1 });
      return model.fit(ratings, { rng, progress: silentProgress, validation: undefined }).then(() => {
        const spec = model.sparseEmbeddings();
        const batch = { users: tf.tensor1d([0, 2, 0, 5], "int32"), items: tf.tensor1d([1, 1, 4, 0], "int32"), targets: tf.tensor1d([4, 2, 5, 1]) };
        const rows = spec.tables.map((t, k) => tf.gather(t, batch[spec.keys[k]]));
        const { value, grads } = tf.engine().gradients(() => spec.lossFromRows(rows, batch), rows);
        const fused = spec.fusedRowGradients!(batch, { users: Int32Array.of(0, 2, 0, 5), items: Int32Array.of(1, 1, 4, 0) });
        assert.ok(Math.abs(fused.loss.dataSync()[0] - value.dataSync()[0]) < 1e-4);
        grads.forEach((g, k) => assert.ok(maxDiff(fused.grads[k].dataSync(), g.dataSync()) < 1e-5, `table ${k}`));
        assert.equal(tf.getKernel(BIASED_MF_GRAD_KERNEL, backend) !== undefined, true);
        spec.dispose?.();
        model.dispose();
      });
    });

    it("the fused MLP kernel gives the loss and the row and dense gradients that tf.grad gives", async () => {
      const ratings = plantedRatings({ users: 6, items: 5, rank: 2, density: 1, noise: 0, seed: 1 });
      for (const lossReduction of ["mean", "sum"] as const) {
        const model = createMlpRating({
          useFeatures: false, layers: [5, 3], embedding: { dim: 3, reg: 0.07 }, regWeights: 0.01, regBias: 0.03,
          training: { optimizer: "adam", lossReduction, epochs: 1, patience: 0, batchSize: 4, sparseUpdates: true },
        });
        await model.fit(ratings, { rng: new Rng(3), progress: silentProgress });
        const spec = model.sparseEmbeddings();
        assert.ok(spec.fusedRowGradients, "no features, no dropout: fused");
        const indices = { users: Int32Array.of(0, 2, 0, 5), items: Int32Array.of(1, 1, 4, 0) };
        const batch = { users: tf.tensor1d(indices.users, "int32"), items: tf.tensor1d(indices.items, "int32"), targets: tf.tensor1d([4, 2, 5, 1]) };
        const denseVars = model.trainableVariables().filter((v) => !spec.tables.includes(v));
        const rows = spec.tables.map((t, k) => tf.gather(t, batch[spec.keys[k]]));
        const { value, grads } = tf.engine().gradients(() => spec.lossFromRows(rows, batch), [...rows, ...denseVars]);
        const fused = spec.fusedRowGradients!(batch, indices);
        assert.ok(Math.abs(fused.loss.dataSync()[0] - value.dataSync()[0]) < 1e-5, `${lossReduction}: loss ${fused.loss.dataSync()[0]} vs ${value.dataSync()[0]}`);
        rows.forEach((_, k) => assert.ok(maxDiff(fused.grads[k].dataSync(), grads[k].dataSync()) < 1e-5, `${lossReduction}: table ${k}`));
        assert.equal(fused.dense?.size, denseVars.length);
        denseVars.forEach((v, k) => {
          const g = fused.dense!.get(v)!;
          assert.deepEqual(g.shape, v.shape);
          assert.ok(maxDiff(g.dataSync(), grads[rows.length + k].dataSync()) < 1e-5, `${lossReduction}: dense ${k}`);
        });
        spec.dispose?.();
        model.dispose();
      }
    });

    it("the fused MLP path sizes its memory from the batch actually trained and leaves huge towers to TF.js", async () => {
      const ratings = plantedRatings({ users: 10, items: 8, rank: 2, density: 0.5, noise: 0.05, seed: 2 });
      const model = createMlpRating({ useFeatures: false, layers: [64, 32], embedding: { dim: 32 }, training: { optimizer: "adam", epochs: 1, patience: 0, batchSize: 3_000_000, sparseUpdates: true } });
      await model.fit(ratings, { rng: new Rng(1), progress: silentProgress });
      assert.ok(model.sparseEmbeddings().fusedRowGradients, "a 3M batch on 40 ratings: a 40-row tower");
      const withFeatureFlag = createMlpRating({ useFeatures: true, layers: [4], embedding: { dim: 2 }, training: { optimizer: "adam", epochs: 1, patience: 0, sparseUpdates: true } });
      await withFeatureFlag.fit(ratings, { rng: new Rng(1), progress: silentProgress });
      assert.ok(withFeatureFlag.sparseEmbeddings().fusedRowGradients, "useFeatures on data without feature tables: nothing but IDs feeds the tower");
      withFeatureFlag.dispose();
      const withFeatures = createMlpRating({ useFeatures: true, layers: [4], embedding: { dim: 2 }, training: { optimizer: "adam", epochs: 1, patience: 0, sparseUpdates: true } });
      await withFeatures.fit(plantedFeatureRatings(12, 10), { rng: new Rng(1), progress: silentProgress });
      assert.ok(withFeatures.sparseEmbeddings().fusedRowGradients, "side features: fused too");
      withFeatures.dispose();
      const withDropout = createMlpRating({ useFeatures: true, layers: [4], dropout: 0.2, embedding: { dim: 2 }, training: { optimizer: "adam", epochs: 1, patience: 0, sparseUpdates: true } });
      await withDropout.fit(plantedFeatureRatings(12, 10), { rng: new Rng(1), progress: silentProgress });
      assert.equal(withDropout.sparseEmbeddings().fusedRowGradients, undefined, "dropout: the TF.js graph");
      withDropout.dispose();
      const config = { ...model.config, layers: [512, 256, 128] };
      assert.equal(canFuseMlp(config, model.fittedParts(), 3_000_000), false, "gigabytes of tower memory: the TF.js graph");
      assert.equal(canFuseMlp(config, model.fittedParts(), 1024), true);
      model.dispose();
    });

    it("sgd and adagrad row updates equal the dense TF.js steps, repeated rows included", () => {
      for (const name of ["sgd", "adagrad"] as const) {
        const init = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
        const dense = tf.variable(copyOfTensor(init));
        const sparse = tf.variable(copyOfTensor(init));
        takeSoleOwnership(sparse);
        const denseOpt = name === "sgd" ? tf.train.sgd(0.1) : tf.train.adagrad(0.1);
        const rowOpt = new SparseRowOptimizer(name, 0.1);
        const steps = [[3, 1, 3], [0, 1, 1]];
        for (const ids of steps) {
          const g = Float32Array.from({ length: ids.length * 2 }, (_, k) => (k % 3) - 0.5 * k);
          const full = tf.unsortedSegmentSum(tf.tensor2d(g, [ids.length, 2]), tf.tensor1d(ids, "int32"), 4);
          denseOpt.applyGradients([{ name: dense.name, tensor: full }]);
          rowOpt.nextStep();
          rowOpt.apply(sparse, Int32Array.from(ids), tf.tensor2d(g, [ids.length, 2]));
        }
        assert.ok(maxDiff(dense.dataSync(), sparse.dataSync()) < 1e-6, name);
        rowOpt.dispose();
        assert.deepEqual(Array.from(init.dataSync()), [1, 2, 3, 4, 5, 6, 7, 8], "the initial tensor is not written");
        tf.dispose([init, dense, sparse]);
        denseOpt.dispose();
      }
    });

    it("lazy Adam equals dense Adam while every row is in every batch, and leaves absent rows alone", () => {
      const dense = tf.variable(tf.tensor2d([[1, -1], [0.5, 2]]));
      const sparse = tf.variable(tf.tensor2d([[1, -1], [0.5, 2]]));
      const denseOpt = tf.train.adam(0.05);
      const rowOpt = new SparseRowOptimizer("adam", 0.05);
      for (let step = 0; step < 5; step++) {
        const g = Float32Array.of(step + 1, -0.5, 0.25 * step, 1, -2, 0.5);
        const ids = [1, 0, 1];
        denseOpt.applyGradients([{ name: dense.name, tensor: tf.unsortedSegmentSum(tf.tensor2d(g, [3, 2]), tf.tensor1d(ids, "int32"), 2) }]);
        rowOpt.nextStep();
        rowOpt.apply(sparse, Int32Array.from(ids), tf.tensor2d(g, [3, 2]));
      }
      assert.ok(maxDiff(dense.dataSync(), sparse.dataSync()) < 1e-5);
      const before = Array.from(sparse.dataSync());
      rowOpt.nextStep();
      rowOpt.apply(sparse, Int32Array.of(1), tf.tensor2d([[0.3, 0.3]]));
      const after = Array.from(sparse.dataSync());
      assert.deepEqual(after.slice(0, 2), before.slice(0, 2), "row 0 is not in the batch: unchanged (dense Adam would move it)");
      assert.notDeepEqual(after.slice(2), before.slice(2));
      assert.throws(() => rowOpt.apply(sparse, Int32Array.of(2), tf.tensor2d([[1, 1]])), /row 2 is outside \[0, 2\)/);
      assert.throws(() => rowOpt.apply(sparse, Int32Array.of(1, 0), tf.tensor2d([[1, 1]])), /2 gradient values for 2 rows of 2/);
      rowOpt.dispose();
      tf.dispose([dense, sparse]);
      denseOpt.dispose();
    });

    it("biased MF with sgd: the sparse path trains the same model as the dense path", async () => {
      const ratings = plantedRatings({ users: 40, items: 30, rank: 3, density: 0.5, noise: 0.1, seed: 4 });
      const predictions: Float32Array[] = [];
      for (const sparseUpdates of [false, true]) {
        const model = createBiasedMf({ dim: 4, training: { epochs: 4, patience: 0, batchSize: 16, sparseUpdates } });
        await model.fit(ratings, { rng: new Rng(5), progress: silentProgress });
        predictions.push(model.predict(ratings.users, ratings.items));
        model.dispose();
      }
      assert.ok(maxDiff(predictions[0], predictions[1]) < 1e-4, `${maxDiff(predictions[0], predictions[1])}`);
    });

    it("MLP with sgd: the sparse path matches the dense path; with Adam it learns as well and leaks nothing", async () => {
      const ratings = plantedRatings({ users: 40, items: 30, rank: 2, density: 0.6, noise: 0.05, seed: 6 });
      const run = async (optimizer: "sgd" | "adam", sparseUpdates: boolean) => {
        const model = createMlpRating({
          useFeatures: false, layers: [8], embedding: { dim: 4 },
          training: { optimizer, learningRate: optimizer === "sgd" ? 0.01 : 0.01, lossReduction: "mean", epochs: 6, patience: 0, batchSize: 32, sparseUpdates },
        });
        const history = await model.fit(ratings, { rng: new Rng(7), progress: silentProgress });
        const p = model.predict(ratings.users, ratings.items);
        model.dispose();
        return { p, loss: history.epochs.map((e) => e.trainLoss) };
      };
      const sgdDense = await run("sgd", false);
      const sgdSparse = await run("sgd", true);
      assert.ok(maxDiff(sgdDense.p, sgdSparse.p) < 1e-4, `${maxDiff(sgdDense.p, sgdSparse.p)}`);
      const adamDense = await run("adam", false);
      const adamSparse = await run("adam", true);
      for (const r of [adamDense, adamSparse]) assert.ok(r.loss[5] < 0.7 * r.loss[0], `loss ${r.loss}`);
      assert.ok(Math.abs(adamSparse.loss[5] - adamDense.loss[5]) < 0.25 * adamDense.loss[5], `${adamSparse.loss[5]} vs ${adamDense.loss[5]}`);
      const live = tf.memory().numTensors;
      await run("adam", true);
      assert.equal(tf.memory().numTensors, live, "a sparse fit leaves no tensors behind");
    });

    it("tensorStorage is the live storage and takeSoleOwnership unshares a variable", () => {
      const a = tf.tensor1d([1, 2, 3]);
      const v = tf.variable(a);
      const shared = tf.clone(v);
      takeSoleOwnership(v);
      (tensorStorage(v) as Float32Array)[0] = 9;
      assert.deepEqual(Array.from(v.dataSync()), [9, 2, 3]);
      assert.deepEqual(Array.from(shared.dataSync()), [1, 2, 3]);
      assert.equal(expectNoLeak(() => takeSoleOwnership(v)), 0);
      tf.dispose([a, v, shared]);
    });
  });
}
