import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../../src/backend/tf";
import { FusedTower } from "../../../src/backend/fused-tower";
import { createGmf } from "../../../src/models/ncf/gmf";
import { createNcfMlp } from "../../../src/models/ncf/ncf-mlp";
import { createNeuMf } from "../../../src/models/ncf/neumf";
import type { NcfTfModel } from "../../../src/models/ncf/ncf-tf-model";
import type { ImplicitTrainingConfig } from "../../../src/models/ncf/implicit-tf-trainer";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import { sparseSetup } from "../../../src/train/train-tf-model";
import { compareFusedWithAutodiff } from "../../helpers/fused-check";
import { maxDiff } from "../../helpers/max-diff";
import { twoGroups } from "./two-groups";

ensureTfSetup();

const { train } = twoGroups(24, 20);
type Training = Partial<ImplicitTrainingConfig>;
const models: [string, (t: Training) => NcfTfModel][] = [
  ["GMF", (training) => createGmf({ dim: 4, initStd: 0.3, training })],
  ["MLP", (training) => createNcfMlp({ layers: [6, 5, 3], initStd: 0.3, training })],
  ["NeuMF", (training) => createNeuMf({ dim: 4, layers: [6, 5, 3], initStd: 0.3, training })],
];

describe("the fused tower's logistic loss", () => {
  it("matches a hand-computed log loss and its gradient", () => {
    // No hidden layer: z = w x + c + base = 2 * 1 + 0 + (-1) = 1; y = 1: loss = log(1 + e^-1), dL/dz = σ(1) - 1.
    const tower = new FusedTower(1, [], 1);
    tower.input.data[tower.input.offset] = 1;
    tower.base[0] = -1;
    tower.targets[0] = 1;
    tower.setWeights([Float32Array.of(2)], [Float32Array.of(0)]);
    assert.ok(Math.abs(tower.run(1, 1, "logistic") - Math.log1p(Math.exp(-1))) < 1e-7);
    assert.ok(Math.abs(tower.outputGradient[0] - (1 / (1 + Math.exp(-1)) - 1)) < 1e-7);
  });
});

for (const backend of ["wasm", "cpu"] as const) {
  describe(`fused NCF models on ${backend}`, () => {
    before(async () => {
      assert.ok(await tf.setBackend(backend));
    });

    it("GMF, MLP and NeuMF: the fused log loss and every gradient equal TF.js's autodiff", async () => {
      for (const [name, create] of models) {
        for (const lossReduction of ["mean", "sum"] as const) {
          const model = create({ epochs: 1, patience: 0, batchSize: 32, lossReduction, negatives: 2 });
          await model.fit(train, { rng: new Rng(3), progress: silentProgress });
          const spec = model.sparseEmbeddings();
          assert.ok(spec.fusedRowGradients, `${name}: fused`);
          const indices = { users: Int32Array.of(0, 5, 0, 17, 23), items: Int32Array.of(1, 1, 12, 19, 0) };
          compareFusedWithAutodiff(spec, model.trainableVariables(), indices, Float32Array.of(1, 0, 1, 0, 1), `${name} ${lossReduction}`);
          model.dispose();
        }
      }
    });

    it("fused training (dense Adam) trains the models TF.js's graph trains (logits within 1e-3)", async () => {
      for (const [name, create] of models) {
        const run = async (fusedKernels: boolean) => {
          const model = create({ epochs: 3, patience: 0, batchSize: 64, learningRate: 0.01, negatives: 2, fusedKernels });
          const history = await model.fit(train, { rng: new Rng(5), progress: silentProgress });
          const setup = sparseSetup(model, model.config.training);
          const z = model.logits(train.users, train.items);
          model.dispose();
          return { z, setup, loss: history.epochs.map((e) => e.trainLoss) };
        };
        const fused = await run(true);
        const graph = await run(false);
        assert.equal(fused.setup?.tableMode, "dense", name);
        assert.equal(graph.setup, null, name);
        assert.ok(fused.loss[2] < fused.loss[0], `${name} learns: ${fused.loss}`);
        assert.ok(maxDiff(fused.z, graph.z) < 1e-3, `${name}: logits differ by ${maxDiff(fused.z, graph.z)}`);
      }
      const live = tf.memory().numTensors;
      const m = models[2][1]({ epochs: 1, patience: 0, batchSize: 64 });
      await m.fit(train, { rng: new Rng(5), progress: silentProgress });
      m.dispose();
      assert.equal(tf.memory().numTensors, live, "a fused fit leaves no tensors behind");
    });
  });
}
