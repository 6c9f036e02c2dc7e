/**
 * The YouTube-style candidate generator (Covington et al. 2016): the log-Q corrected sampled softmax against the
 * exact softmax gradient, no leakage of the target into the history bag, retrieval consistent with score and
 * excluding rated items, demographics, tensor hygiene.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../src/data/ratings";
import { ratingsByUser } from "../../src/data/rating-matrix";
import { featureTable, categoricalColumn, numericColumn } from "../../src/data/feature-columns";
import { createCandidateGenerator, demographicColumns } from "../../src/models/candidate-generator";
import { drawFromProposal, logExpectedCounts, proposalFromCounts, sampledSoftmaxLoss } from "../../src/models/candidate/sampled-softmax";
import { buildUserHistories } from "../../src/models/candidate/user-history";
import { bagSums, UserTower } from "../../src/models/candidate/user-tower";
import { disposeTowerBatch, servingBatch, trainingBatch } from "../../src/models/candidate/tower-batches";
import { Rng } from "../../src/random/rng";
import { retrieveTopK } from "../../src/train/full-catalogue-retrieval";
import { silentProgress, type ProgressReporter } from "../../src/train/progress";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

function ratingsOf(users: number[], items: number[], numUsers: number, numItems: number, timestamps?: number[]): Ratings {
  return {
    indexId: `cg-${numUsers}-${numItems}-${users.length}`, name: "planted", users: Int32Array.from(users), items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1), userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`), numUsers, numItems, size: users.length, scale: { min: 1, max: 1 },
    ...(timestamps ? { timestamps: Float64Array.from(timestamps) } : {}),
  };
}

/** d/ds of the sampled-softmax loss of logits s [N, n] (targets t), for one draw from q. */
function sampledGradient(s: tf.Tensor2D, targets: Int32Array, drawn: Int32Array, logQ: Float32Array | null): Float32Array {
  return tf.tidy(() => {
    const t = tf.tensor1d(targets, "int32");
    const d = tf.tensor1d(drawn, "int32");
    const g = tf.grad((x: tf.Tensor) => {
      const positive = tf.sum(tf.mul(x, tf.oneHot(t, x.shape[1]!)), 1) as tf.Tensor1D;
      const negative = tf.gather(x, d, 1) as tf.Tensor2D;
      return sampledSoftmaxLoss(positive, negative, t, d, logQ ? tf.tensor1d(logQ) : null);
    })(s);
    return g.dataSync() as Float32Array;
  });
}

describe("sampled softmax with the log-Q correction", () => {
  // 3 examples over 6 items; Q is far from the model's softmax so that the correction matters.
  const logits = [[2, 0.5, -1, 1, 0, 0.3], [-0.5, 1.5, 0.2, 0, 2.5, -1], [0, 0, 1, -2, 0.7, 1.2]];
  const targets = Int32Array.from([0, 4, 2]);
  const q = proposalFromCounts([40, 25, 15, 10, 6, 4], 1, "test");

  test("its gradient matches the exact softmax gradient in expectation; without the correction it does not", () => {
    const s = tf.tensor2d(logits);
    const exact = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.mean(tf.sub(tf.logSumExp(x, 1), tf.sum(tf.mul(x, tf.oneHot(tf.tensor1d(targets, "int32"), 6)), 1))))(s).dataSync());
    // Hand check of the exact gradient's first row: (softmax(s_0) − e_0) / 3.
    const z = logits[0].reduce((a, v) => a + Math.exp(v), 0);
    assert.ok(Math.abs(exact[0] - (Math.exp(2) / z - 1) / 3) < 1e-6);
    const rng = new Rng(3);
    const reps = 300;
    const k = 200;
    const mean = [new Float64Array(18), new Float64Array(18)];
    for (let r = 0; r < reps; r++) {
      const drawn = drawFromProposal(q, k, rng);
      const withQ = sampledGradient(s, targets, drawn, logExpectedCounts(q, drawn));
      const without = sampledGradient(s, targets, drawn, null);
      for (let j = 0; j < 18; j++) {
        mean[0][j] += withQ[j] / reps;
        mean[1][j] += without[j] / reps;
      }
    }
    const err = mean.map((m) => Math.max(...Array.from(m, (v, j) => Math.abs(v - exact[j]))));
    // The corrected estimator is consistent: its bias is O(1/k) (self-normalised importance sampling; here below
    // 0.005 per entry at k = 200, each entry being at most 1/3 in size) and the Monte Carlo error of the mean of
    // 300 draws is about 0.002; 0.01 leaves room for both. Uncorrected, the gradient favours Q's popular items by
    // up to 0.1 per entry.
    assert.ok(err[0] < 0.01, `corrected: max |E[ĝ] − g| = ${err[0].toFixed(4)} should be < 0.01`);
    assert.ok(err[1] > 0.05, `uncorrected: max |E[ĝ] − g| = ${err[1].toFixed(4)} should be > 0.05`);
    s.dispose();
  });

  test("masks accidental hits and equals the exact loss when every other item is drawn once with k Q = 1", () => {
    // Drawing each non-target item exactly once with log(kQ) = 0 makes the estimate the exact softmax loss.
    const loss = tf.tidy(() => {
      const positive = tf.tensor1d([2]);
      const negative = tf.tensor2d([[2, 0.5, -1, 1, 0, 0.3]]);
      return sampledSoftmaxLoss(positive, negative, tf.tensor1d([0], "int32"), tf.tensor1d([0, 1, 2, 3, 4, 5], "int32"), tf.zeros([6]) as tf.Tensor1D).dataSync()[0];
    });
    const exact = -2 + Math.log(logits[0].reduce((a, v) => a + Math.exp(v), 0));
    assert.ok(Math.abs(loss - exact) < 1e-5, `${loss} vs ${exact}`);
  });

  test("the proposal follows count^exponent and draws follow it", () => {
    const p = proposalFromCounts([1, 0, 3], 1, "test");
    assert.deepEqual(Array.from(p.probabilities), [0.25, 0, 0.75]);
    const draws = drawFromProposal(p, 4000, new Rng(1));
    const share = draws.filter((d) => d === 2).length / 4000;
    assert.ok(Math.abs(share - 0.75) < 0.03 && !draws.includes(1));
    assert.deepEqual(Array.from(proposalFromCounts([1, 0, 3], 0, "test").probabilities), [1 / 3, 1 / 3, 1 / 3]);
    assert.throws(() => proposalFromCounts([0, 0], 1, "owner"), /owner: the proposal has no item/);
  });
});

describe("the bag sums' written-out gradient", () => {
  test("is the scatter-add of the output gradient into the bag's rows (hand-computed)", () => {
    // Bags {0, 1} and {1, 3} of a 4 x 2 table; loss Σ sums ⊙ W, so row j's gradient is the sum of W's rows of
    // the bags holding j: row 0 W_0, row 1 W_0 + W_1, row 2 none, row 3 W_1.
    const table = tf.variable(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]));
    const w = tf.tensor2d([[1, 2], [3, 4]]);
    const items = tf.tensor1d([0, 1, 1, 3], "int32");
    const segments = tf.tensor1d([0, 0, 1, 1], "int32");
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(bagSums(table, items, segments, 2), w)) as tf.Scalar, [table]);
    assert.equal(value.dataSync()[0], (1 + 3) * 1 + (2 + 4) * 2 + (3 + 7) * 3 + (4 + 8) * 4);
    assert.deepEqual(Array.from(grads[table.name].dataSync()), [1, 2, 4, 6, 0, 0, 3, 4]);
    tf.dispose([table, w, items, segments, value, grads[table.name]]);
  });
});

describe("no leakage: a training example never sees its target", () => {
  test("the bag of example (u, t) is the mean of u's other items (identity embeddings)", () => {
    // User 0 has items 0, 1, 2; user 1 has 3.
    const h = buildUserHistories(ratingsOf([0, 0, 0, 1], [0, 1, 2, 3], 2, 4), 0);
    const tower = new UserTower({ numItems: 4, dim: 4, layers: [], featureDim: 1, categories: [], recent: 0, age: false, initStd: 0.1 }, new Rng(1));
    tower.itemInput.assign(tf.eye(4));
    const batch = trainingBatch(h, [], [0, 1], 0, new Rng(2))!;
    const targets = Array.from(batch.targets.dataSync());
    const bags = tf.tidy(() => tower.bagMeans(batch.tower).arraySync()) as number[][];
    const expected = targets.map((t, r) => [0, 1, 2, 3].map((i) => (r < 3 ? (i !== t && i < 3 ? 0.5 : 0) : 0)));
    assert.deepEqual(targets.slice(0, 3).sort(), [0, 1, 2]);
    bags.forEach((b, r) => b.forEach((v, i) => assert.ok(Math.abs(v - expected[r][i]) < 1e-6, `row ${r} item ${i}: ${v}`)));
    const serving = servingBatch(h, [], Int32Array.from([0]));
    const whole = tf.tidy(() => tower.bagMeans(serving).arraySync()) as number[][];
    assert.deepEqual(whole[0].map((v) => Math.round(v * 3)), [1, 1, 1, 0]);
    disposeTowerBatch(batch.tower);
    batch.targets.dispose();
    disposeTowerBatch(serving);
    tower.dispose();
  });

  test("one item per user: with the target removed nothing identifies it, so training cannot fit it", async () => {
    // User u's only item is u. Had the bag kept the target, the tower would see item u and the loss would fall
    // towards 0; without it every example has the same input, and the best loss is that of a uniform guess.
    const n = 30;
    const data = ratingsOf(Array.from({ length: n }, (_, u) => u), Array.from({ length: n }, (_, u) => u), n, n);
    const m = createCandidateGenerator({ dim: 8, layers: [16], negatives: 60, proposalExponent: 0, batchUsers: 10, learningRate: 0.05, epochs: 40, patience: 0 });
    const h = await m.fit(data, { rng: new Rng(4), progress: silentProgress });
    const last = h.epochs[h.epochs.length - 1].trainLoss;
    assert.ok(last > 0.8 * Math.log(n), `training loss ${last.toFixed(3)} should stay near log(${n}) = ${Math.log(n).toFixed(3)}`);
    m.dispose();
  });
});

describe("retrieval and scoring", () => {
  // 24 users in two taste groups over 16 items; users carry a categorical feature equal to their group.
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  const rng = new Rng(9);
  for (let u = 0; u < 24; u++) {
    for (let i = 0; i < 16; i++) {
      if (rng.next() < ((u < 12) === (i < 8) ? 0.5 : 0.05)) {
        users.push(u);
        items.push(i);
        times.push(1e9 + rng.int(1e6));
      }
    }
  }
  const data = ratingsOf(users, items, 24, 16, times);
  const groups = featureTable(24, [categoricalColumn("group", Array.from({ length: 24 }, (_, u) => (u < 12 ? "a" : "b")))]);
  const config = { dim: 8, layers: [16], featureDim: 2, negatives: 16, batchUsers: 8, learningRate: 0.02, epochs: 5, patience: 0, recentItems: 2 };

  test("demographicColumns: the categorical columns of the given features, else of the data's own, else none", () => {
    const mixed = featureTable(24, [numericColumn("age", Array.from({ length: 24 }, (_, u) => u)), categoricalColumn("group", Array.from({ length: 24 }, (_, u) => (u < 12 ? "a" : "b")))]);
    assert.deepEqual(demographicColumns(data, mixed).map((c) => c.name), ["group"], "numeric columns are not demographics here");
    assert.deepEqual(demographicColumns(data), [], "no features at all");
    assert.deepEqual(demographicColumns({ ...data, userFeatures: groups }).map((c) => c.name), ["group"], "the data's own features");
    assert.deepEqual(demographicColumns({ ...data, userFeatures: groups }, featureTable(24, [])), [], "given features win");
    assert.throws(() => demographicColumns(data, featureTable(3, []), "Owner"), /Owner: the user features have 3 rows but the training data has 24 users/);
  });

  test("scoreCatalogue equals score, and top-K retrieval leaves out every rated item", async () => {
    const m = createCandidateGenerator(config, groups);
    await m.fit(data, { rng: new Rng(1), progress: silentProgress });
    const all = Int32Array.from({ length: 24 }, (_, u) => u);
    const block = new Float32Array(24 * 16);
    m.scoreCatalogue(all, block);
    const pairUsers = Int32Array.from({ length: 24 * 16 }, (_, k) => Math.floor(k / 16));
    const pairItems = Int32Array.from({ length: 24 * 16 }, (_, k) => k % 16);
    const pairs = m.score(pairUsers, pairItems);
    for (let k = 0; k < pairs.length; k++) assert.ok(Math.abs(pairs[k] - block[k]) < 1e-4, `pair ${k}: ${pairs[k]} vs ${block[k]}`);
    const rated = ratingsByUser(data);
    const lists = retrieveTopK(m, all, { k: 5, exclude: rated, batchUsers: 7 });
    for (let r = 0; r < 24; r++) {
      const seen = new Set(rated.indices.subarray(rated.offsets[r], rated.offsets[r + 1]));
      for (let j = 0; j < 5; j++) {
        const it = lists.items[r * 5 + j];
        if (it >= 0) assert.ok(!seen.has(it), `user ${r} got rated item ${it}`);
      }
    }
    m.dispose();
  });

  test("an epoch leaks no tensors; dispose releases everything", async () => {
    const before = tf.memory().numTensors;
    const m = createCandidateGenerator(config, groups);
    const counts: number[] = [];
    const progress: ProgressReporter = { ...silentProgress, epoch: () => counts.push(tf.memory().numTensors - before) };
    await m.fit(data, { rng: new Rng(1), progress });
    assert.equal(counts.length, 5);
    assert.deepEqual(counts, new Array(5).fill(counts[0]), "the tensor count does not grow from epoch to epoch");
    assert.equal(tf.memory().numTensors - before, m.variables().length, "only the model's variables remain after fit");
    m.score(Int32Array.from([0, 1]), Int32Array.from([2, 3]));
    m.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test("refuses bad input with the parameter's name", async () => {
    assert.throws(() => createCandidateGenerator({ negatives: 0 }), /CandidateGeneratorConfig.negatives must be an integer >= 1/);
    const m = createCandidateGenerator(config);
    assert.throws(() => m.scoreCatalogue(Int32Array.from([0]), new Float32Array(16)), /before fit/);
    await assert.rejects(createCandidateGenerator(config, featureTable(3, [])).fit(data, { rng: new Rng(1), progress: silentProgress }), /user features have 3 rows but the training data has 24 users/);
  });
});
