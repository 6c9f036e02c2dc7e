import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend/select-backend";
import { availableCores, coresFromEnv, reserveCores } from "../../src/backend/core-budget";
import { randomSplit } from "../../src/data/splits/random-split";
import { evaluateRatingModelsAside } from "../../src/parallel/evaluate-aside";
import { buildRatingModel, ratingModelRecipe } from "../../src/parallel/model-recipes";
import { ChildFittedModel } from "../../src/parallel/child-fitted-model";
import { Rng } from "../../src/random/rng";
import { evaluateRatingModels } from "../../src/train/evaluate-rating-models";
import { silentProgress } from "../../src/train/progress";
import { createHybridMfMlp } from "../../src/models/hybrid-mf-mlp";
import { createBiasedMf } from "../../src/models/biased-mf";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

const data = plantedFeatureRatings(120, 80, 0.4, 0.1, 5);
const outer = randomSplit(data, new Rng(1), { testFraction: 0.2 });
const inner = randomSplit(outer.train, new Rng(2), { testFraction: 0.1 });
const split = { train: inner.train, validation: inner.test, test: outer.test };
const hybridConfig = { mf: { dim: 8 }, mlp: { useFeatures: true, layers: [16, 8], embedding: { dim: 8 } }, training: { epochs: 4, patience: 0, batchSize: 64 } };
const recipes = [ratingModelRecipe("createHybridMfMlp", hybridConfig), ratingModelRecipe("createBiasedMf", { dim: 4, training: { epochs: 3, patience: 0 } })];

describe("evaluateRatingModelsAside", () => {
  before(async () => {
    await initBackend();
  });

  it("gives the same metrics and histories in a child process, in this process and through evaluateRatingModels", async () => {
    const direct = await evaluateRatingModels([createHybridMfMlp(hybridConfig), createBiasedMf({ dim: 4, training: { epochs: 3, patience: 0 } })], { ...split, rng: new Rng(9), progress: silentProgress });
    const inChild = evaluateRatingModelsAside(recipes, { ...split, rng: new Rng(9) }, { place: "child process" });
    const here = evaluateRatingModelsAside(recipes, { ...split, rng: new Rng(9) }, { place: "this process" });
    assert.equal(inChild.place, "child process");
    const [a, b] = [await inChild.result(), await here.result()];
    for (const got of [a, b]) {
      assert.equal(got.length, 2);
      got.forEach((e, m) => {
        assert.equal(e.model.name, direct[m].model.name);
        assert.equal(e.metrics.rmse, direct[m].metrics.rmse); // the same bits: same streams, same arithmetic
        assert.equal(e.metrics.mae, direct[m].metrics.mae);
        const curve = (h: typeof e.history) => h.epochs.map((x) => [x.trainLoss, x.validation]);
        assert.equal(e.history.epochs.length, m === 0 ? 4 : 3);
        assert.deepEqual(curve(e.history), curve(direct[m].history));
        assert.deepEqual((e.model as { config?: unknown }).config, (direct[m].model as { config?: unknown }).config);
      });
    }
    assert.ok(a[0].model instanceof ChildFittedModel);
    assert.throws(() => a[0].model.predict(new Int32Array([0]), new Int32Array([0])), /fitted in a child process/);
    direct.forEach((e) => e.model.dispose());
  });

  it("forks the caller's generator once per recipe at the call, so later models see the same stream either way", () => {
    const r1 = new Rng(4);
    evaluateRatingModelsAside(recipes, { ...split, rng: r1 }, { place: "this process" });
    const r2 = new Rng(4);
    r2.fork();
    r2.fork();
    assert.equal(r1.nextUint32(), r2.nextUint32());
  });

  it("runs in this process by default when the process has one core (RECSYS_CORES=1, as under --jobs 2)", async () => {
    const saved = process.env.RECSYS_CORES;
    process.env.RECSYS_CORES = "1";
    try {
      const e = evaluateRatingModelsAside([recipes[1]], { ...split, rng: new Rng(3) });
      assert.equal(e.place, "this process");
      const [got] = await e.result();
      assert.ok(!(got.model instanceof ChildFittedModel), "a model fitted here can predict");
      assert.equal(got.model.predict(split.test.users.subarray(0, 3), split.test.items.subarray(0, 3)).length, 3);
      got.model.dispose();
    } finally {
      if (saved === undefined) delete process.env.RECSYS_CORES;
      else process.env.RECSYS_CORES = saved;
    }
  });

  it("refuses an unknown factory and a bad config before starting anything", () => {
    assert.throws(() => evaluateRatingModelsAside([{ factory: "createNoSuchModel", config: {} } as never], { ...split, rng: new Rng(1) }), /unknown factory "createNoSuchModel"/);
    assert.throws(() => buildRatingModel(ratingModelRecipe("createBiasedMf", { dim: -3 })), /dim/);
  });

  it("reports a child that fails with its error", async () => {
    const bad = { ...split, test: { ...split.test, users: Int32Array.from(split.test.users, () => 10_000) } };
    const e = evaluateRatingModelsAside([ratingModelRecipe("createBiasedMf", { dim: 4, training: { epochs: 1, patience: 0 } })], { ...bad, rng: new Rng(1) }, { place: "child process" });
    await assert.rejects(e.result(), /child process failed/);
  });
});

describe("core budget", () => {
  it("reads RECSYS_CORES, refuses a bad one, and counts reservations until released", () => {
    assert.equal(coresFromEnv({ RECSYS_CORES: "1" }), 1);
    assert.equal(coresFromEnv({}), undefined);
    assert.throws(() => coresFromEnv({ RECSYS_CORES: "0" }), /RECSYS_CORES must be an integer >= 1/);
    assert.throws(() => coresFromEnv({ RECSYS_CORES: "two" }), /RECSYS_CORES/);
    assert.equal(availableCores({ RECSYS_CORES: "1" }), 1);
    const before = availableCores({ RECSYS_CORES: "64" });
    const release = reserveCores(1);
    assert.equal(availableCores({ RECSYS_CORES: "64" }), Math.max(1, before - 1));
    release();
    release();
    assert.equal(availableCores({ RECSYS_CORES: "64" }), before);
  });
});
