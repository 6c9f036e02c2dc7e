import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createHybridMfMlp, type HybridMfMlpOverrides } from "../../src/models/hybrid-mf-mlp";
import { createMlpRating } from "../../src/models/mlp-rating";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { sparseSetup } from "../../src/train/train-tf-model";
import { maxDiff } from "../helpers/max-diff";
import { plantedFeatureRatings } from "../helpers/zoo-neural";
import { compareFusedWithAutodiff } from "../helpers/fused-check";

ensureTfSetup();

const data = plantedFeatureRatings(30, 20, 0.5);
const branch = { embedding: { dim: 3, reg: 0.07 }, layers: [7, 5], regWeights: 0.01, features: { embeddingDim: 2, reg: 0.05 } };

for (const backend of ["wasm", "cpu"] as const) {
  describe(`the fused hybrid on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("gives the loss and every gradient (GMF and ID rows, biases, feature tables, tower, fusion) that TF.js's autodiff gives", async () => {
      for (const lossReduction of ["mean", "sum"] as const) {
        for (const useFeatures of [true, false]) {
          const model = createHybridMfMlp({
            mf: { dim: 4, reg: 0.03, initStd: 0.3 }, mlp: { ...branch, useFeatures }, regBias: 0.02,
            training: { optimizer: "adam", lossReduction, epochs: 1, patience: 0, batchSize: 16 },
          });
          await model.fit(data, { rng: new Rng(3), progress: silentProgress });
          const spec = model.sparseEmbeddings();
          assert.ok(spec.fusedRowGradients, "no dropout: fused");
          assert.equal(spec.tables.length, 6);
          const indices = { users: Int32Array.of(data.users[0], data.users[5], data.users[0], data.users[9]), items: Int32Array.of(data.items[0], data.items[0], data.items[7], data.items[9]) };
          compareFusedWithAutodiff(spec, model.trainableVariables(), indices, Float32Array.of(4, 2, 5, 1), `${lossReduction}, features ${useFeatures}`);
          spec.dispose?.();
          model.dispose();
        }
      }
      const withDropout = createHybridMfMlp({ mf: { dim: 2 }, mlp: { ...branch, dropout: 0.3 }, training: { epochs: 1, patience: 0 } });
      await withDropout.fit(data, { rng: new Rng(1), progress: silentProgress });
      assert.equal(withDropout.sparseEmbeddings().fusedRowGradients, undefined, "dropout: the TF.js graph");
      withDropout.dispose();
    });

    it("from scratch (dense Adam) and fine-tuning from pretrained parts (SGD, mean loss): fused trains what the graph trains", async () => {
      const quick = { epochs: 3, batchSize: 32, learningRate: 0.01, patience: 0 };
      const mf = createBiasedMf({ dim: 4, initStd: 0.1, training: quick });
      await mf.fit(data, { rng: new Rng(1), progress: silentProgress });
      const mlp = createMlpRating({ ...branch, training: quick });
      await mlp.fit(data, { rng: new Rng(2), progress: silentProgress });
      for (const pretrained of [{}, { mf, mlp }]) {
        const run = async (fusedKernels: boolean) => {
          const overrides: HybridMfMlpOverrides = { mf: { dim: 4, reg: 0.01 }, mlp: branch, training: { ...quick, epochs: 4, fusedKernels }, fineTuning: { epochs: 4, fusedKernels } };
          const model = createHybridMfMlp(overrides, pretrained);
          const history = await model.fit(data, { rng: new Rng(7), progress: silentProgress });
          const setup = sparseSetup(model, model.trainingConfig());
          const p = model.predict(data.users, data.items);
          model.dispose();
          return { p, setup, loss: history.epochs.map((e) => e.trainLoss) };
        };
        const fused = await run(true);
        const graph = await run(false);
        const label = pretrained === null || !("mf" in pretrained) ? "scratch" : "pretrained";
        assert.equal(fused.setup?.tableMode, label === "scratch" ? "dense" : "rows", label);
        assert.ok(fused.setup?.spec.fusedRowGradients, `${label}: fused`);
        assert.equal(graph.setup?.spec.fusedRowGradients, undefined, `${label}: the graph`);
        assert.ok(fused.loss[3] < fused.loss[0], `${label}: it learns: ${fused.loss}`);
        assert.ok(maxDiff(fused.p, graph.p) < 1e-3, `${label}: predictions differ by ${maxDiff(fused.p, graph.p)}`);
      }
      mf.dispose();
      mlp.dispose();
    });
  });
}
