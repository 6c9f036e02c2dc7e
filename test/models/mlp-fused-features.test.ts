import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { createMlpRating } from "../../src/models/mlp-rating";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { sparseSetup } from "../../src/train/train-tf-model";
import { maxDiff } from "../helpers/max-diff";
import { plantedFeatureRatings } from "../helpers/zoo-neural";
import { compareFusedWithAutodiff } from "../helpers/fused-check";

ensureTfSetup();

const data = plantedFeatureRatings(30, 20, 0.5);

for (const backend of ["wasm", "cpu"] as const) {
  describe(`the fused MLP with side features on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("gives the loss and every gradient (ID rows, biases, feature tables, tower) that TF.js's autodiff gives", async () => {
      for (const lossReduction of ["mean", "sum"] as const) {
        for (const multiHot of ["bag", "raw"] as const) {
          const model = createMlpRating({
            useFeatures: true, layers: [7, 5], embedding: { dim: 3, reg: 0.07 }, regWeights: 0.01, regBias: 0.03,
            features: { embeddingDim: 2, reg: 0.05, multiHot },
            training: { optimizer: "adam", lossReduction, epochs: 1, patience: 0, batchSize: 16 },
          });
          await model.fit(data, { rng: new Rng(3), progress: silentProgress });
          const spec = model.sparseEmbeddings();
          assert.ok(spec.fusedRowGradients, "features without dropout: fused");
          // Repeated users and items; the batch's first rows of `data`.
          const indices = { users: Int32Array.of(data.users[0], data.users[5], data.users[0], data.users[9]), items: Int32Array.of(data.items[0], data.items[0], data.items[7], data.items[9]) };
          compareFusedWithAutodiff(spec, model.trainableVariables(), indices, Float32Array.of(4, 2, 5, 1), `${lossReduction}/${multiHot}`);
          spec.dispose?.();
          model.dispose();
        }
      }
    });

    it("trains the model the TF.js graph trains (dense Adam; predictions within 1e-3)", async () => {
      const run = async (fusedKernels: boolean) => {
        const model = createMlpRating({
          useFeatures: true, layers: [16, 8], embedding: { dim: 4, reg: 0.01 }, features: { embeddingDim: 3, reg: 0.01 },
          training: { optimizer: "adam", learningRate: 0.01, epochs: 6, patience: 0, batchSize: 32, fusedKernels },
        });
        const history = await model.fit(data, { rng: new Rng(7), progress: silentProgress });
        const mode = sparseSetup(model, model.config.training)?.tableMode ?? null;
        const p = model.predict(data.users, data.items);
        model.dispose();
        return { p, mode, loss: history.epochs.map((e) => e.trainLoss) };
      };
      const fused = await run(true);
      const graph = await run(false);
      assert.equal(fused.mode, "dense");
      assert.equal(graph.mode, null);
      assert.ok(fused.loss[5] < 0.85 * fused.loss[0], `it learns: ${fused.loss}`);
      assert.ok(maxDiff(fused.p, graph.p) < 1e-3, `predictions differ by ${maxDiff(fused.p, graph.p)}`);
      const live = tf.memory().numTensors;
      await run(true);
      assert.equal(tf.memory().numTensors, live, "a fused fit leaves no tensors behind");
    });
  });
}
