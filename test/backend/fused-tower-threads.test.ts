import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";
import { FusedTower, PARALLEL_MIN_WORK, towerThreadsFromEnv, type TowerLoss } from "../../src/backend/fused-tower";
import { towerWorkerRows } from "../../src/backend/fused-tower-thread";
import { createHybridMfMlp } from "../../src/models/hybrid-mf-mlp";
import { createMlpRating } from "../../src/models/mlp-rating";
import { createNeuMf } from "../../src/models/ncf/neumf";
import { Rng } from "../../src/random/rng";
import { checkTrainingConfig } from "../../src/train/optimizer";
import { silentProgress } from "../../src/train/progress";
import { plantedFeatureRatings } from "../helpers/zoo-neural";
import { twoGroups } from "../models/ncf/two-groups";

ensureTfSetup();

/** The same bits (NaN, -0 included). */
function assertSameBits(a: Float32Array, b: Float32Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (!x.equals(y)) {
    const k = a.findIndex((v, i) => !Object.is(v, b[i]));
    assert.fail(`${what}: element ${k} differs: ${a[k]} vs ${b[k]}`);
  }
}

/** A tower of random weights and a random batch of `rows` rows (the same for a given seed). */
function randomTower(threads: 1 | 2, width: number, hidden: number[], rows: number, seed: number): FusedTower {
  const rng = new Rng(seed);
  const tower = new FusedTower(width, hidden, rows, { threads });
  const sizes = [width, ...hidden, 1];
  tower.setWeights(
    sizes.slice(1).map((out, l) => Float32Array.from({ length: sizes[l] * out }, () => 0.5 * rng.normal())),
    sizes.slice(1).map((out) => Float32Array.from({ length: out }, () => 0.1 * rng.normal())),
  );
  const { data, offset, stride } = tower.input;
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < width; j++) data[offset + k * stride + j] = rng.normal();
    tower.base[k] = rng.normal();
    tower.targets[k] = rng.int(2);
  }
  return tower;
}

/** Everything a pass leaves: loss, output gradient, input gradient and every kernel and bias gradient. */
function passResults(tower: FusedTower, rows: number, loss: TowerLoss): { sse: number; arrays: [string, Float32Array][] } {
  const sse = tower.run(rows, 1 / rows, loss);
  const { data, offset, stride } = tower.inputGradient;
  const arrays: [string, Float32Array][] = [
    ["dŷ", tower.outputGradient.slice(0, rows)],
    ["dX", data.slice(offset, offset + rows * stride)],
  ];
  for (let l = 0; l < tower.layout.layers.length; l++) arrays.push([`dW${l}`, tower.kernelGradient(l)], [`db${l}`, tower.biasGradient(l)]);
  return { sse, arrays };
}

describe("FusedTower on two threads", () => {
  before(async () => {
    assert.ok(await tf.setBackend("wasm"));
  });

  it("gives the same bits as one thread (forward and backward, odd batch sizes, both losses), with the worker doing half the rows", () => {
    for (const loss of ["squared", "logistic"] as const) {
      for (const [width, hidden] of [[13, [20, 7]], [5, [33, 17, 9]], [40, []]] as [number, number[]][]) {
        for (const rows of [37, 1024, 9, 5]) {
          const what = `${loss} ${width}-${hidden.join("-")} x ${rows}`;
          const one = randomTower(1, width, hidden, rows, rows + width);
          const two = randomTower(2, width, hidden, rows, rows + width);
          const before = towerWorkerRows();
          const a = passResults(one, rows, loss);
          const b = passResults(two, rows, loss);
          const R = Math.ceil(rows / 4) * 4;
          const workerShare = R - Math.ceil(R / 8) * 4;
          assert.equal(one.parallelPasses, 0, what);
          assert.equal(two.parallelPasses, R >= 8 ? 1 : 0, `${what}: a batch of 8 padded rows or more is split`);
          assert.equal(towerWorkerRows() - before, R >= 8 ? workerShare : 0, `${what}: rows the worker ran forward`);
          assert.equal(a.sse, b.sse, `${what}: loss`);
          a.arrays.forEach(([name, x], k) => assertSameBits(x, b.arrays[k][1], `${what}: ${name}`));
        }
      }
    }
  });

  it("keeps the same bits over passes that alternate between towers (rebinding the worker) and a short batch after a full one", () => {
    const one = [randomTower(1, 11, [16, 8], 64, 1), randomTower(1, 7, [9], 48, 2)];
    const two = [randomTower(2, 11, [16, 8], 64, 1), randomTower(2, 7, [9], 48, 2)];
    for (const [t, rows] of [[0, 64], [1, 48], [0, 21], [1, 48], [0, 64]]) {
      const a = passResults(one[t], rows, "squared");
      const b = passResults(two[t], rows, "squared");
      assert.equal(a.sse, b.sse);
      a.arrays.forEach(([name, x], k) => assertSameBits(x, b.arrays[k][1], `tower ${t} x ${rows}: ${name}`));
    }
    assert.equal(two[0].parallelPasses, 3);
    assert.equal(two[1].parallelPasses, 2);
  });

  it('"auto" splits only batches whose work reaches PARALLEL_MIN_WORK (on 2 cores or more)', () => {
    const small = new FusedTower(8, [8], 1024, { threads: "auto" });
    small.run(1024, 1);
    assert.equal(small.parallelPasses, 0, "a tiny tower stays on one thread");
    const big = new FusedTower(64, [128, 64, 32], 1024, { threads: "auto" });
    const work = 1024 * (64 * 128 + 128 * 64 + 64 * 32 + 32 * 8);
    assert.ok(work >= PARALLEL_MIN_WORK);
    big.run(1024, 1);
    const cores = require("node:os").availableParallelism();
    assert.equal(big.parallelPasses, cores >= 2 ? 1 : 0);
  });

  it("reads RECSYS_TOWER_THREADS and rejects other settings", () => {
    assert.equal(towerThreadsFromEnv({}), undefined);
    assert.equal(towerThreadsFromEnv({ RECSYS_TOWER_THREADS: "1" }), 1);
    assert.equal(towerThreadsFromEnv({ RECSYS_TOWER_THREADS: "2" }), 2);
    assert.equal(towerThreadsFromEnv({ RECSYS_TOWER_THREADS: "auto" }), "auto");
    assert.throws(() => towerThreadsFromEnv({ RECSYS_TOWER_THREADS: "3" }), /RECSYS_TOWER_THREADS must be 1, 2 or auto/);
    assert.throws(() => new FusedTower(2, [2], 8, { threads: 3 as never }), /FusedTower threads must be 1, 2, "auto"/);
    const training = { epochs: 1, patience: 0, minDelta: 0, batchSize: 8, optimizer: "adam" as const, learningRate: 0.01, lossReduction: "mean" as const };
    assert.throws(() => checkTrainingConfig({ ...training, towerThreads: 4 as never }, "MLP"), /MLP.towerThreads must be 1, 2, "auto"/);
    checkTrainingConfig({ ...training, towerThreads: 2 }, "MLP");
  });

  it("trains the MLP with features, the hybrid and NeuMF to the same bits on 1 and 2 threads, the worker doing rows", async () => {
    const data = plantedFeatureRatings(30, 20, 0.5);
    const fitRating = async (kind: "mlp" | "hybrid", towerThreads: 1 | 2) => {
      const training = { optimizer: "adam" as const, learningRate: 0.01, epochs: 3, patience: 0, batchSize: 37, towerThreads };
      const model = kind === "mlp"
        ? createMlpRating({ useFeatures: true, layers: [16, 8], embedding: { dim: 4, reg: 0.01 }, features: { embeddingDim: 3, reg: 0.01 }, training })
        : createHybridMfMlp({ mlp: { layers: [12, 6], useFeatures: true }, training });
      const history = await model.fit(data, { rng: new Rng(7), progress: silentProgress });
      const p = model.predict(data.users, data.items);
      model.dispose();
      return { p, loss: history.epochs.map((e) => e.trainLoss) };
    };
    for (const kind of ["mlp", "hybrid"] as const) {
      const one = await fitRating(kind, 1);
      const before = towerWorkerRows();
      const two = await fitRating(kind, 2);
      assert.ok(towerWorkerRows() - before > 0, `${kind}: the worker ran rows`);
      assert.deepEqual(two.loss, one.loss, `${kind}: training losses`);
      assertSameBits(two.p, one.p, `${kind}: predictions`);
    }
    const { train } = twoGroups(24, 20);
    const fitNeuMf = async (towerThreads: 1 | 2) => {
      const model = createNeuMf({ dim: 4, layers: [6, 5, 3], initStd: 0.3, training: { epochs: 2, patience: 0, batchSize: 64, learningRate: 0.01, negatives: 2, towerThreads } });
      await model.fit(train, { rng: new Rng(5), progress: silentProgress });
      const z = model.logits(train.users, train.items);
      model.dispose();
      return z;
    };
    const z1 = await fitNeuMf(1);
    const before = towerWorkerRows();
    const z2 = await fitNeuMf(2);
    assert.ok(towerWorkerRows() - before > 0, "NeuMF: the worker ran rows");
    assertSameBits(z2, z1, "NeuMF logits");
  });

  it("lets the process exit while the worker thread is alive (it is unref'd)", () => {
    const root = path.resolve(__dirname, "../..");
    const script = `const { FusedTower } = require("./src/backend/fused-tower"); const t = new FusedTower(16, [16], 64, { threads: 2 }); t.run(64, 1); console.log("passes", t.parallelPasses);`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 0, `exit status ${run.status}, signal ${run.signal}: ${run.stderr}`);
    assert.match(run.stdout, /passes 1/);
  });
});
