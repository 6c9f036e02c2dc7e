import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/rng";
import type { Ratings } from "../../src/data/ratings";
import { kFold } from "../../src/data/splits/k-fold";
import { randomSplit } from "../../src/data/splits/random-split";
import { applyRidge, fitRidge, fitRidgeSelectLambda } from "../../src/models/blend/ridge";
import { createBlend } from "../../src/models/blend";
import { blendWithMemberViews } from "../../src/models/blend-member-views";
import { createSgdMf } from "../../src/models/sgd-mf";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import type { FitOptions, RatingModel } from "../../src/models/rating-model";
import { rmse } from "../../src/metrics/regression-metrics";
import { crossValidate } from "../../src/train/cross-validate";
import { silentProgress } from "../../src/train/progress";
import { singleStepHistory, type TrainingHistory } from "../../src/train/training-history";
import { common, pairsOf, RecordingRatingModel, type FitRecord } from "../helpers/recording-models";
import { plantedRatings } from "../helpers/planted-ratings";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

// Two members x1 = [1, 2, 3, 4], x2 = [1, 0, 1, 0], ratings y = [3, 4, 8, 9]. Centred: x1 [-1.5, -0.5, 0.5, 1.5],
// x2 [0.5, -0.5, 0.5, -0.5], y [-3, -2, 2, 3]; Σx1² = 5, Σx1x2 = -1, Σx2² = 1, Σx1y = 11, Σx2y = -1.
const x1 = [1, 2, 3, 4];
const x2 = [1, 0, 1, 0];
const y = [3, 4, 8, 9];

describe("ridge regression of ratings on member predictions", () => {
  test("lambda 0: [[5, -1], [-1, 1]] w = [11, -1] gives w = (2.5, 1.5), b = 6 - 2.5·2.5 - 1.5·0.5 = -1 (an exact fit)", () => {
    const fit = fitRidge([x1, x2], y, 0);
    assert.ok(Math.abs(fit.weights[0] - 2.5) < 1e-12 && Math.abs(fit.weights[1] - 1.5) < 1e-12, `weights ${fit.weights}`);
    assert.ok(Math.abs(fit.intercept + 1) < 1e-12, `intercept ${fit.intercept}`);
    assert.deepEqual(Array.from(applyRidge(fit, [x1, x2], 4)).map((v) => Math.round(v * 1e9) / 1e9), y);
  });

  test("lambda 0.25 per rating (n = 4: +1 on the diagonal): [[6, -1], [-1, 2]] w = [11, -1] gives w = (21/11, 5/11), b = 1", () => {
    const fit = fitRidge([x1, x2], y, 0.25);
    assert.ok(Math.abs(fit.weights[0] - 21 / 11) < 1e-12 && Math.abs(fit.weights[1] - 5 / 11) < 1e-12, `weights ${fit.weights}`);
    assert.ok(Math.abs(fit.intercept - 1) < 1e-12, `intercept ${fit.intercept}`);
  });

  test("collinear members: lambda 0 is a clear error, and the lambda choice skips it", () => {
    assert.throws(() => fitRidge([x1, x1], y, 0), /singular at lambda 0.*use lambda > 0/);
    const { fit, scores } = fitRidgeSelectLambda([x1, x1.map((v) => 2 * v), x2], [...y, ...y].slice(0, 4), [0, 0.01], new Rng(1), 2);
    assert.equal(scores[0].mse, Infinity);
    assert.equal(fit.lambda, 0.01);
    assert.throws(() => fitRidge([x1, x2], y, -1), /lambda must be a finite number >= 0/);
    assert.throws(() => fitRidge([x1, [1, 2]], y, 0), /columns\[1\] has 2 entries but y has 4/);
  });
});

/** Predicts uniform noise on the rating scale from its own seeded generator: useless, uncorrelated with ratings. */
class NoiseModel implements RatingModel {
  readonly name = "Noise";
  private rng: Rng | undefined;
  fittedIndexId: string | undefined;
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.rng = options.rng.fork();
    return singleStepHistory(this, train, {}, performance.now());
  }
  predict(users: Int32Array): Float32Array {
    if (!this.rng) throw new Error("Noise: predict called before fit");
    return Float32Array.from(users, () => 1 + 4 * this.rng!.next());
  }
  dispose(): void {}
}

/** Predicts a fixed function of (user, item), whatever it is fitted on. */
class TableModel implements RatingModel {
  fittedIndexId: string | undefined;
  constructor(readonly name: string, private readonly at: (u: number, i: number) => number) {}
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    return singleStepHistory(this, train, options, performance.now());
  }
  predict(users: Int32Array, items: Int32Array): Float32Array {
    return Float32Array.from(users, (u, k) => this.at(u, items[k]));
  }
  dispose(): void {}
}

const planted = plantedRatings();
const goodMf = () => createSgdMf({ dim: 6, learningRate: 0.05, regFactors: 0.03, regBias: 0.001, initStd: 0.1, epochs: 60, patience: 5 });

describe("blend", () => {
  test("a blend of a good model and a noise model puts its weight on the good one and scores like it", async () => {
    const { train, test: testSet } = randomSplit(planted, new Rng(3), { testFraction: 0.2 });
    const blend = createBlend([goodMf, () => new NoiseModel()]);
    await blend.fit(train, { rng: new Rng(4), progress: silentProgress });
    const s = blend.summary();
    assert.deepEqual(s.weights.map((w) => w.member), ["SGD MF", "Noise"]);
    assert.ok(s.weights[0].weight > 0.9 && s.weights[0].weight < 1.1, `good weight ${s.weights[0].weight}`);
    assert.ok(Math.abs(s.weights[1].weight) < 0.02, `noise weight ${s.weights[1].weight}`);
    assert.ok(s.weights[1].probeRmse > 1, "the noise member is bad on the probe");
    const blendRmse = rmse(blend.predict(testSet.users, testSet.items), testSet.values);
    assert.ok(blendRmse < 0.2, `blend test RMSE ${blendRmse}`);
    blend.dispose();
    assert.throws(() => blend.predict(Int32Array.of(0), Int32Array.of(0)), /before fit/);
  });

  test("two complementary members (one knows the user part of each rating, the other the item part): weights (1, 1), intercept 0", async () => {
    // Ratings r(u, i) = f[u] + g[i] exactly; member A predicts f[u] + 1, member B predicts 2 g[i]. The blend
    // r = w_A (f + 1) + w_B (2 g) + b is exact for w_A = 1, w_B = 0.5, b = -1; each member alone is off.
    const f = Array.from({ length: planted.numUsers }, (_, u) => (u % 7) * 0.3);
    const g = Array.from({ length: planted.numItems }, (_, i) => (i % 5) * 0.4);
    const values = Float32Array.from(planted.users, (u, k) => f[u] + g[planted.items[k]]);
    const data: Ratings = { ...planted, values };
    const { train, test: testSet } = randomSplit(data, new Rng(3), { testFraction: 0.2 });
    const table = (name: string, at: (u: number, i: number) => number) => () => new TableModel(name, at);
    const blend = createBlend([table("A", (u) => f[u] + 1), table("B", (_, i) => 2 * g[i])], { lambdas: [0] });
    await blend.fit(train, { rng: new Rng(4) });
    const s = blend.summary();
    assert.ok(Math.abs(s.weights[0].weight - 1) < 1e-4 && Math.abs(s.weights[1].weight - 0.5) < 1e-4, `weights ${s.weights.map((w) => w.weight)}`);
    assert.ok(Math.abs(s.intercept + 1) < 1e-4, `intercept ${s.intercept}`);
    const ours = rmse(blend.predict(testSet.users, testSet.items), testSet.values);
    assert.ok(ours < 1e-4 && s.weights.every((w) => w.probeRmse > 0.3), `blend ${ours}, members ${s.weights.map((w) => w.probeRmse)}`);
    blend.dispose();
  });

  test("configuration errors name the field", () => {
    assert.throws(() => createBlend([goodMf], { probeFraction: 1 }), /BlendConfig.probeFraction must be in \(0, 1\)/);
    assert.throws(() => createBlend([goodMf], { lambdas: [] }), /BlendConfig.lambdas/);
    assert.throws(() => createBlend([]), /at least one member/);
  });
});

/**
 * Pairs of `testFold` that any member was fitted on, or that a member was asked to predict before the blend's
 * weights were fixed (the probe stage: the first `members` fits of each blend fit). Empty when the blend never saw
 * the test fold.
 */
function leakedTestPairs(log: FitRecord[], perBlendFit: number, members: number, testFold: Set<string>): string[] {
  const leaks: string[] = [];
  log.forEach((r, k) => {
    leaks.push(...common(r.train, testFold), ...common(r.validation, testFold), ...common(r.selection, testFold));
    if (k % perBlendFit < members) leaks.push(...common(r.scored, testFold));
  });
  return leaks;
}

describe("the blend never sees test data", () => {
  const data = plantedRatings({ users: 40, items: 30, density: 0.5 });
  const members = 2;

  test("under crossValidate, no member is fitted on, or probes, a test-fold pair", async () => {
    const folds = kFold(data, new Rng(9), 3); // the folds crossValidate draws from the same seed
    const logs: FitRecord[][] = [];
    let fold = -1;
    const factory = () => {
      fold += 1;
      const log: FitRecord[] = [];
      logs.push(log);
      return createBlend([() => new RecordingRatingModel(log), () => new RecordingRatingModel(log)], { lambdas: [0.01] });
    };
    await crossValidate([factory], data, { folds: 3, validationFraction: 0.2, rng: new Rng(9) });
    assert.equal(logs.length, 3);
    logs.forEach((log, f) => {
      assert.equal(log.length, 2 * members, "each member fitted twice: without the probe, then on the whole training side");
      assert.deepEqual(leakedTestPairs(log, 2 * members, members, pairsOf(folds[f].test)), [], `fold ${f + 1}`);
      assert.ok(log[log.length - 1].scored.size > 0, "the refitted members are scored on the test fold (the evaluation)");
    });
  });

  test("the check fails when the blend is given the test fold", async () => {
    const folds = kFold(data, new Rng(9), 3);
    const log: FitRecord[] = [];
    const blend = createBlend([() => new RecordingRatingModel(log), () => new RecordingRatingModel(log)], { lambdas: [0.01] });
    await blend.fit(data, { rng: new Rng(1) }); // the whole data set: training folds and test fold
    const leaks = leakedTestPairs(log, 2 * members, members, pairsOf(folds[0].test));
    assert.ok(leaks.length >= folds[0].test.size, `only ${leaks.length} leaks found`);
    blend.dispose();
  });
});

describe("member views", () => {
  test("score each member and the blend from one fit per fold, with the members' own histories", async () => {
    const { train, test: testSet } = randomSplit(planted, new Rng(3), { testFraction: 0.2 });
    let fits = 0;
    const counted = () => {
      fits += 1;
      return goodMf();
    };
    const weights: number[][] = [];
    const factories = blendWithMemberViews([counted, () => createBiasBaseline()], ["SGD MF", "Bias baseline"], {}, (b) => weights.push(b.summary().weights.map((w) => w.weight)));
    const models = factories.map((make) => make());
    assert.deepEqual(models.map((m) => m.name), ["SGD MF", "Bias baseline", "Blend"]);
    const histories = [];
    for (const m of models) histories.push(await m.fit(train, { rng: new Rng(7), progress: silentProgress }));
    assert.equal(fits, 2, "the MF member is fitted twice (probe stage, refit), not a third time for its view");
    assert.equal(weights.length, 1);
    assert.equal(histories[0].model, "SGD MF");
    assert.ok(histories[0].epochs.length > 1, "the view reports its member's epochs");
    const scores = models.map((m) => rmse(m.predict(testSet.users, testSet.items), testSet.values));
    assert.ok(scores[0] < 0.2 && scores[1] > 0.5 && scores[2] < 0.2, `scores ${scores}`);
    await assert.rejects(models[0].fit(randomSplit(planted, new Rng(8)).train, { rng: new Rng(7) }), /different training ratings/);
    models.forEach((m) => m.dispose());
    assert.throws(() => models[2].predict(testSet.users, testSet.items), /before fit|after dispose/);
  });
});
