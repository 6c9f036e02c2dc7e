import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { copyOfTensor, takeSoleOwnership } from "../../src/backend/tensor-storage";
import { SparseRowOptimizer } from "../../src/train/sparse-row-optimizer";
import { sparseSetup } from "../../src/train/train-tf-model";
import { createMlpRating } from "../../src/models/mlp-rating";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

ensureTfSetup();

/** Largest |a - b| / max(1, |b|) (relative for large values, absolute near zero). */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k])));
  return m;
}

for (const backend of ["wasm", "cpu"] as const) {
  describe(`dense-table mode on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("applyDense equals TF.js's dense sgd, adam and adagrad over several steps, repeated and absent rows included", () => {
      for (const name of ["sgd", "adam", "adagrad"] as const) {
        const init = tf.tensor2d([[1, 2, -1], [3, 4, 0.5], [5, 6, 2], [7, 8, -3], [0.1, -0.2, 0.3]]);
        const dense = tf.variable(copyOfTensor(init));
        const table = tf.variable(copyOfTensor(init));
        takeSoleOwnership(table);
        const denseOpt = name === "sgd" ? tf.train.sgd(0.05) : name === "adam" ? tf.train.adam(0.05) : tf.train.adagrad(0.05);
        const rowOpt = new SparseRowOptimizer(name, 0.05);
        // Row 4 is in no batch after the first, row 2 in none: dense Adam still moves them (momentum, decay).
        const steps = [[3, 1, 3, 4], [0, 1, 1], [3, 3, 3], [1, 0, 0, 1], [0]];
        let row4AfterFirst: number[] = [];
        steps.forEach((ids, s) => {
          const g = Float32Array.from({ length: ids.length * 3 }, (_, k) => Math.sin(1 + k + 7 * s));
          const full = tf.unsortedSegmentSum(tf.tensor2d(g, [ids.length, 3]), tf.tensor1d(ids, "int32"), 5);
          denseOpt.applyGradients([{ name: dense.name, tensor: full }]);
          rowOpt.nextStep();
          rowOpt.applyDense(table, Int32Array.from(ids), tf.tensor2d(g, [ids.length, 3]));
          assert.ok(maxRelDiff(table.dataSync(), dense.dataSync()) < 1e-5, `${name} step ${s}: ${maxRelDiff(table.dataSync(), dense.dataSync())}`);
          if (s === 0) row4AfterFirst = Array.from(table.dataSync().slice(12, 15));
        });
        const after = Array.from(table.dataSync());
        assert.deepEqual(after.slice(6, 9), [5, 6, 2], `${name}: a row with no gradient yet does not move`);
        if (name === "adam") assert.notDeepEqual(after.slice(12, 15), row4AfterFirst, "adam: row 4, absent after step 0, keeps moving on its momentum");
        else assert.deepEqual(after.slice(12, 15), row4AfterFirst, `${name}: row 4, absent after step 0, stays`);
        assert.throws(() => rowOpt.applyDense(table, Int32Array.of(5), tf.tensor2d([[1, 1, 1]])), /row 5 is outside \[0, 5\)/);
        rowOpt.dispose();
        tf.dispose([init, dense, table]);
        denseOpt.dispose();
      }
    });

    it("a model with a fused kernel takes it with dense Adam, and trains the model TF.js's graph trains", async () => {
      const ratings = plantedRatings({ users: 40, items: 30, rank: 2, density: 0.6, noise: 0.05, seed: 6 });
      const run = async (fusedKernels: boolean) => {
        const model = createMlpRating({
          useFeatures: false, layers: [8], embedding: { dim: 4 },
          training: { optimizer: "adam", learningRate: 0.01, lossReduction: "mean", epochs: 4, patience: 0, batchSize: 32, fusedKernels },
        });
        const history = await model.fit(ratings, { rng: new Rng(7), progress: silentProgress });
        const setup = sparseSetup(model, model.config.training);
        const p = model.predict(ratings.users, ratings.items);
        model.dispose();
        return { p, setup: setup ? setup.tableMode : null, loss: history.epochs.map((e) => e.trainLoss) };
      };
      const fused = await run(true);
      const graph = await run(false);
      assert.equal(fused.setup, "dense");
      assert.equal(graph.setup, null, "fusedKernels: false without sparseUpdates is TF.js's optimizer on the graph");
      assert.ok(maxRelDiff(fused.p, graph.p) < 1e-4, `predictions differ by ${maxRelDiff(fused.p, graph.p)}`);
      assert.ok(maxRelDiff(fused.loss, graph.loss) < 1e-4, `${fused.loss} vs ${graph.loss}`);
    });
  });
}
