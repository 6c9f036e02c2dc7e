import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { randomSplit } from "../../src/data/splits/random-split";
import { rmse } from "../../src/metrics/regression-metrics";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createHybridMfMlp, type HybridMfMlpOverrides } from "../../src/models/hybrid-mf-mlp";
import { createMlpRating } from "../../src/models/mlp-rating";
import type { MlpBranchOverrides } from "../../src/models/mlp-branch-config";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";
import { useTestBackend } from "../helpers/test-backend";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

before(useTestBackend);

const data = plantedFeatureRatings();
const { train, test: held } = randomSplit(data, new Rng(4), { testFraction: 0.2 });
const branch: MlpBranchOverrides = { embedding: { dim: 8, reg: 0.001, initStd: 0.05 }, features: { embeddingDim: 4 }, layers: [16, 8] };
const quick = { epochs: 3, batchSize: 64, learningRate: 0.01, patience: 0 };

/** A fitted biased MF (dim 6) and MLP + features (the branch above) on `train`. */
async function fittedParts() {
  const mf = createBiasedMf({ dim: 6, initStd: 0.1, training: quick });
  await mf.fit(train, { rng: new Rng(1), progress: silentProgress });
  const mlp = createMlpRating({ ...branch, training: quick });
  await mlp.fit(train, { rng: new Rng(2), progress: silentProgress });
  return { mf, mlp };
}

test("a hybrid initialised from pretrained parts predicts alpha * MF + (1 - alpha) * MLP", async () => {
  const { mf, mlp } = await fittedParts();
  const pMf = mf.predict(held.users, held.items);
  const pMlp = mlp.predict(held.users, held.items);
  for (const alpha of [0.5, 0.3]) {
    const hybrid = createHybridMfMlp({ alpha, mf: { dim: 6 }, mlp: branch }, { mf, mlp });
    hybrid.initialize(train, new Rng(3));
    const p = hybrid.predict(held.users, held.items);
    let worst = 0;
    for (let k = 0; k < p.length; k++) {
      const blend = Math.min(5, Math.max(1, alpha * pMf[k] + (1 - alpha) * pMlp[k]));
      worst = Math.max(worst, Math.abs(p[k] - blend));
    }
    assert.ok(worst < 1e-4, `alpha ${alpha}: largest difference from the blend ${worst}`);
    assert.equal(hybrid.trainingConfig().optimizer, "sgd", "pretrained: fine-tuning settings apply");
    hybrid.dispose();
  }
  // The copies are the hybrid's own: disposing the parts leaves a working hybrid.
  const hybrid = createHybridMfMlp({ mf: { dim: 6 }, mlp: branch, training: quick }, { mf, mlp });
  await hybrid.fit(train, { rng: new Rng(3), progress: silentProgress });
  mf.dispose();
  mlp.dispose();
  assert.ok(hybrid.predict(held.users, held.items).every(Number.isFinite));
  assert.match(hybrid.name, /pretrained MF\+MLP/);
  hybrid.dispose();
});

test("pretrained parts with another layout or unfitted are refused, naming the setting", async () => {
  const { mf, mlp } = await fittedParts();
  const cases: [HybridMfMlpOverrides, RegExp][] = [
    [{ mf: { dim: 5 }, mlp: branch }, /MF user factors are \[90,6\], expected \[90,5\].*mf\.dim/],
    [{ mf: { dim: 6 }, mlp: { ...branch, layers: [16, 4] } }, /HybridMfMlpConfig\.mlp\.layers differs/],
    [{ mf: { dim: 6 }, mlp: { ...branch, features: { embeddingDim: 4, itemColumns: [] } } }, /HybridMfMlpConfig\.mlp\.features\.itemColumns differs/],
  ];
  for (const [overrides, error] of cases) {
    const before = tf.memory().numTensors;
    const hybrid = createHybridMfMlp(overrides, { mf, mlp });
    assert.throws(() => hybrid.initialize(train, new Rng(3)), error);
    hybrid.dispose();
    assert.equal(tf.memory().numTensors, before, "a refused initialisation leaves no tensors behind");
  }
  assert.throws(() => createHybridMfMlp({ useBiases: false }, { mf }), /useBiases must be true/);
  const unfitted = createHybridMfMlp({ mf: { dim: 6 }, mlp: branch }, { mf: createBiasedMf({ dim: 6 }) });
  assert.throws(() => unfitted.initialize(train, new Rng(3)), /pretrained MF is not fitted/);
  unfitted.dispose();
  assert.equal(createHybridMfMlp().trainingConfig().optimizer, "adam", "from scratch: the training settings apply");
  assert.throws(() => createHybridMfMlp({ alpha: 1.5 }), /HybridMfMlpConfig\.alpha/);
  assert.throws(() => createHybridMfMlp({ mf: { dim: 0 } }), /HybridMfMlpConfig\.mf\.dim/);
  assert.throws(() => createHybridMfMlp({ mlp: { dropout: -0.1 } }), /HybridMfMlpConfig\.mlp\.dropout/);
  mf.dispose();
  mlp.dispose();
});

test("an epoch leaks no tensors, and dispose frees everything", async () => {
  const counts: number[] = [];
  for (const epochs of [1, 3]) {
    const m = createHybridMfMlp({ mf: { dim: 6 }, mlp: { ...branch, dropout: 0.1 }, training: { ...quick, epochs } });
    const before = tf.memory().numTensors;
    await m.fit(train, { rng: new Rng(1), validation: held, progress: silentProgress });
    counts.push(tf.memory().numTensors - before);
    m.dispose();
    assert.equal(tf.memory().numTensors, before, "dispose releases everything");
  }
  assert.equal(counts[1], counts[0]);
});

test("on MF-structured data the hybrid matches MF where the MLP alone does not", async () => {
  // Planted rank-3 factors: the MF branch carries the structure; the MLP branch has no features to use here.
  const planted = plantedRatings({ users: 120, items: 90, density: 0.4 });
  const split = randomSplit(planted, new Rng(5), { testFraction: 0.2 });
  const training = { epochs: 30, batchSize: 128, learningRate: 0.01, patience: 0 };
  const mlpOnly = createMlpRating({ ...branch, training });
  const hybrid = createHybridMfMlp({ mf: { dim: 6, reg: 0.001, initStd: 0.1 }, mlp: branch, training });
  const scores: number[] = [];
  for (const m of [mlpOnly, hybrid]) {
    await m.fit(split.train, { rng: new Rng(6), progress: silentProgress });
    scores.push(rmse(m.predict(split.test.users, split.test.items), split.test.values));
    m.dispose();
  }
  assert.ok(scores[1] < 0.3, `hybrid RMSE ${scores[1].toFixed(3)} should be below 0.3`);
  assert.ok(scores[1] < scores[0] - 0.05, `hybrid ${scores[1].toFixed(3)} should beat the MLP alone ${scores[0].toFixed(3)}`);
});
