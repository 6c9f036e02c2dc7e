/**
 * Contract of the typed-array implicit factorization models: each learns a planted two-group preference, is
 * deterministic under a seed, scores unseen users and items from biases alone, and refuses to score before fit.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import type { ImplicitModel } from "../../../src/models/implicit-model";
import { createBprMf } from "../../../src/models/implicit/bpr-mf";
import { createLogisticMf } from "../../../src/models/implicit/logistic-mf";
import { createSampledLogisticMf } from "../../../src/models/implicit/sampled-logistic-mf";
import { createEase } from "../../../src/models/implicit/ease";
import { createIals } from "../../../src/models/implicit/ials";
import { isCatalogueScorer } from "../../../src/models/implicit-model";
import { createCandidateGenerator } from "../../../src/models/candidate-generator";
import { createWideDeepRanker } from "../../../src/models/wide-deep/wide-deep-ranker";
import { useTestBackend } from "../../helpers/test-backend";

before(useTestBackend);

/**
 * 40 users and 40 items in two groups (users and items 0-19 form group A, 20-39 group B). Each user interacts
 * with each item of its own group with probability 0.5 and with each item of the other group with probability
 * 0.05 (noise). Values are 1.
 */
function plantedGroups(seed: number): { data: Ratings; group: (index: number) => number } {
  const rng = new Rng(seed);
  const n = 40;
  const group = (x: number): number => (x < n / 2 ? 0 : 1);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let i = 0; i < n; i++) {
      if (rng.next() < (group(u) === group(i) ? 0.5 : 0.05)) {
        users.push(u);
        items.push(i);
      }
    }
  }
  const data: Ratings = {
    indexId: "implicit-contract", name: "planted-groups", users: Int32Array.from(users), items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1), userIds: Array.from({ length: n }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: n }, (_, i) => `i${i}`), numUsers: n, numItems: n, size: users.length, scale: { min: 1, max: 1 },
  };
  return { data, group };
}

const zoo: { label: string; create: (epochs?: number, patience?: number) => ImplicitModel }[] = [
  {
    label: "sampled-logistic MF",
    create: (epochs = 40, patience = 0) => createSampledLogisticMf({ dim: 8, learningRate: 0.05, reg: 0.005, negatives: 4, epochs, patience }),
  },
  { label: "BPR-MF", create: (epochs = 40, patience = 0) => createBprMf({ dim: 8, learningRate: 0.05, negatives: 2, epochs, patience }) },
  { label: "logistic MF", create: (epochs = 40, patience = 0) => createLogisticMf({ dim: 8, learningRate: 0.1, reg: 0.1, negatives: 2, epochs, patience }) },
  {
    label: "candidate generator (YouTube DNN)",
    create: (epochs = 40, patience = 0) => createCandidateGenerator({ dim: 8, layers: [16], negatives: 20, batchUsers: 8, learningRate: 0.01, epochs, patience }),
  },
  {
    label: "Wide & Deep ranker",
    create: (epochs = 20, patience = 0) => createWideDeepRanker({ deep: { embedding: { dim: 8, reg: 0.001, initStd: 0.1 }, layers: [16], learningRate: 0.3 }, batchSize: 64, negatives: 4, epochs, patience }),
  },
];

const { data, group } = plantedGroups(7);

/** Per user: mean score of its unseen own-group items minus that of its unseen other-group items. */
function groupMargins(m: ImplicitModel): number[] {
  const seen = new Set<number>();
  for (let k = 0; k < data.size; k++) seen.add(data.users[k] * data.numItems + data.items[k]);
  const margins: number[] = [];
  for (let u = 0; u < data.numUsers; u++) {
    const items = Int32Array.from({ length: data.numItems }, (_, i) => i);
    const s = m.score(new Int32Array(data.numItems).fill(u), items);
    const sum = [0, 0];
    const count = [0, 0];
    for (let i = 0; i < data.numItems; i++) {
      if (seen.has(u * data.numItems + i)) continue;
      const own = group(i) === group(u) ? 0 : 1;
      sum[own] += s[i];
      count[own]++;
    }
    margins.push(sum[0] / count[0] - sum[1] / count[1]);
  }
  return margins;
}

for (const entry of zoo) {
  describe(`implicit contract: ${entry.label}`, () => {
    test("ranks the planted group preference above noise for every user", async () => {
      const m = entry.create();
      await m.fit(data, { rng: new Rng(1), progress: silentProgress });
      const margins = groupMargins(m);
      const worst = Math.min(...margins);
      assert.ok(worst > 0, `smallest own-group minus other-group mean score ${worst.toFixed(4)} should be > 0`);
    });

    test("before training (epochs = 1 at most) the margin is not yet positive for everyone", async () => {
      // The planted test above can fail: with the initial random factors some user prefers the other group.
      const m = entry.create(1);
      await m.fit(data, { rng: new Rng(1), progress: silentProgress });
      assert.ok(Math.min(...groupMargins(m)) < 0);
    });

    test("is deterministic under a seed and depends on it", async () => {
      const scores: Float32Array[] = [];
      for (const seed of [123, 123, 124]) {
        const m = entry.create(3);
        await m.fit(data, { rng: new Rng(seed), progress: silentProgress });
        scores.push(m.score(data.users.subarray(0, 50), data.items.subarray(0, 50)));
        m.dispose();
      }
      assert.deepEqual(scores[0], scores[1]);
      assert.notDeepEqual(scores[0], scores[2]);
    });

    test("early stopping restores the parameters of the best epoch", async () => {
      // The validator likes epoch 1 best, so training stops after epoch 2 (patience 1) and must return to the
      // state after epoch 1: the same scores as a 1-epoch fit with the same seed.
      let calls = 0;
      const validator = { metric: "hr@10", lowerIsBetter: false, evaluate: () => ({ "hr@10": ++calls === 1 ? 1 : 0 }) };
      const m = entry.create(5, 1);
      const h = await m.fit(data, { rng: new Rng(8), validator, progress: silentProgress });
      assert.equal(h.bestEpoch, 1);
      assert.equal(h.epochs.length, 2);
      const once = entry.create(1);
      await once.fit(data, { rng: new Rng(8), progress: silentProgress });
      assert.deepEqual(m.score(data.users, data.items), once.score(data.users, data.items));
      const twice = entry.create(2);
      await twice.fit(data, { rng: new Rng(8), progress: silentProgress });
      assert.notDeepEqual(m.score(data.users, data.items), twice.score(data.users, data.items));
    });

    test("unseen users and items score from biases alone, the same for every unseen one", async () => {
      // Users 0 and 1 and items 0 and 1 keep their indices but lose their interactions.
      const keep: number[] = [];
      for (let k = 0; k < data.size; k++) if (data.users[k] > 1 && data.items[k] > 1) keep.push(k);
      const reduced: Ratings = {
        ...data, users: Int32Array.from(keep, (k) => data.users[k]), items: Int32Array.from(keep, (k) => data.items[k]),
        values: new Float32Array(keep.length).fill(1), size: keep.length,
      };
      const m = entry.create(5);
      await m.fit(reduced, { rng: new Rng(2), progress: silentProgress });
      const s = m.score(Int32Array.from([0, 1, 5, 5]), Int32Array.from([7, 7, 0, 1]));
      assert.ok(s.every(Number.isFinite));
      assert.equal(s[0], s[1], "two unseen users on the same item");
      assert.equal(s[2], s[3], "two unseen items for the same user");
      assert.notEqual(s[0], s[2]);
    });

    test("refuses to score before fit and rejects indices outside the index space", async () => {
      const m = entry.create(1);
      assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
      await m.fit(data, { rng: new Rng(3), progress: silentProgress });
      assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([40])), /items\[0\] = 40 outside \[0, 40\)/);
      assert.equal(m.fittedIndexId, data.indexId, "fit records the id index it was trained on");
    });
  });
}

/**
 * Models fitted by exact or alternating solves (EASE in closed form; iALS, whose first epoch already separates
 * the groups and whose untrained rows score 0 on both sides): the parts of the contract that apply to them.
 */
const closedForm: { label: string; seeded: boolean; create: () => ImplicitModel }[] = [
  { label: "EASE", seeded: false, create: () => createEase({ lambda: 10 }) },
  { label: "iALS (CG)", seeded: true, create: () => createIals({ dim: 8, epochs: 4, reg: 0.01 }) },
  { label: "iALS (exact)", seeded: true, create: () => createIals({ dim: 8, epochs: 4, reg: 0.01, solver: "exact" }) },
];

for (const entry of closedForm) {
  describe(`implicit contract (closed form): ${entry.label}`, () => {
    test("ranks the planted group preference above noise for every user", async () => {
      const m = entry.create();
      await m.fit(data, { rng: new Rng(1), progress: silentProgress });
      assert.ok(Math.min(...groupMargins(m)) > 0);
    });

    test(entry.seeded ? "is deterministic under a seed and depends on it" : "is deterministic and ignores the seed", async () => {
      const scores: Float32Array[] = [];
      for (const seed of [123, 123, 124]) {
        const m = entry.create();
        await m.fit(data, { rng: new Rng(seed), progress: silentProgress });
        scores.push(m.score(data.users.subarray(0, 50), data.items.subarray(0, 50)));
      }
      assert.deepEqual(scores[0], scores[1]);
      if (entry.seeded) assert.notDeepEqual(scores[0], scores[2]);
      else assert.deepEqual(scores[0], scores[2]);
    });

    test("refuses to score before fit and rejects indices outside the index space", async () => {
      const m = entry.create();
      assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
      await m.fit(data, { rng: new Rng(3), progress: silentProgress });
      assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([40])), /items\[0\] = 40 outside \[0, 40\)/);
    });
  });
}

test("every catalogue scorer's scoreCatalogue equals its pair scores for the same users", async () => {
  const models = [...zoo.map((e) => ({ label: e.label, model: e.create(2) })), ...closedForm.map((e) => ({ label: e.label, model: e.create() }))];
  for (const { label, model } of models) {
    assert.ok(isCatalogueScorer(model), `${label} implements CatalogueScorer`);
    await model.fit(data, { rng: new Rng(4), progress: silentProgress });
    const users = Int32Array.from([3, 0, 39]);
    const out = new Float32Array(users.length * data.numItems);
    model.scoreCatalogue(users, out);
    const pairs = Int32Array.from({ length: out.length }, (_, k) => users[Math.floor(k / data.numItems)]);
    const items = Int32Array.from({ length: out.length }, (_, k) => k % data.numItems);
    assert.deepEqual(out, model.score(pairs, items), label);
    assert.equal(model.catalogueSize(), data.numItems);
  }
});

test("bad parameters throw errors naming the field", () => {
  assert.throws(() => createSampledLogisticMf({ dim: 0 }), /SampledLogisticMfConfig\.dim/);
  assert.throws(() => createSampledLogisticMf({ learningRate: 0 }), /SampledLogisticMfConfig\.learningRate/);
  assert.throws(() => createSampledLogisticMf({ reg: -1 }), /SampledLogisticMfConfig\.reg/);
  assert.throws(() => createBprMf({ regNegative: NaN }), /BprMfConfig\.regNegative/);
  assert.throws(() => createBprMf({ negatives: 0 }), /BprMfConfig\.negatives/);
  assert.throws(() => createLogisticMf({ epochs: 0 }), /LogisticMfConfig\.epochs/);
  assert.throws(() => createLogisticMf({ initStd: -0.1 }), /LogisticMfConfig\.initStd/);
});

test("negatives that may be positives need the uniform sampler", () => {
  assert.throws(() => createSampledLogisticMf({ sampler: { distribution: "popularity", exponent: 0.75 } }), /SampledLogisticMfConfig\.sampler must be uniform/);
  assert.throws(() => createSampledLogisticMf({ negatives: 1.5 }), /SampledLogisticMfConfig\.negatives/);
  // With excludePositives the popularity sampler is accepted: the model keeps it and trains with it.
  const popular = { distribution: "popularity", exponent: 0.75 } as const;
  const m = createSampledLogisticMf({ sampler: popular, excludePositives: true, epochs: 2 });
  assert.deepEqual(m.config.sampler, popular);
  assert.equal(m.config.excludePositives, true);
});
