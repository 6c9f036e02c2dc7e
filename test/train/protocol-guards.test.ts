/**
 * Protocol guards: a stub model records every pair it is shown (training data, validation data, pairs scored
 * during fit for early stopping or model selection, pairs scored after fit), and these tests prove for every
 * protocol, crossValidate, the parameter sweep and both evaluate helpers that no test rating reaches training or
 * model selection.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { toImplicit } from "../../src/data/implicit-interactions";
import type { Ratings } from "../../src/data/ratings";
import { Rng } from "../../src/random/rng";
import { crossValidate } from "../../src/train/cross-validate";
import { evaluateImplicitModels } from "../../src/train/evaluate-implicit-models";
import { evaluateRatingModels } from "../../src/train/evaluate-rating-models";
import { ncfProtocolFromLoo, sampledProtocol } from "../../src/train/ncf-protocol";
import { sweepRatingModel } from "../../src/train/parameter-sweep";
import { randomProtocolSplit, talkProtocolSplit, type ProtocolSplit } from "../../src/train/protocol-splits";
import { fullCatalogueProtocol, type RankingProtocol } from "../../src/train/ranking-protocol";
import { plantedRatings } from "../helpers/planted-ratings";
import { common, pairsOf, RecordingImplicitModel, RecordingRatingModel, type FitRecord } from "../helpers/recording-models";

const data = plantedRatings({ users: 40, items: 30, density: 0.5, seed: 3 });
const all = pairsOf(data);
// Sparser data for the ranking protocols: validation ranks each held-out item among 99 non-interacted items.
const sparse = plantedRatings({ users: 30, items: 150, density: 0.1, seed: 3 });

function union(...sets: Set<string>[]): Set<string> {
  const u = new Set<string>();
  for (const s of sets) for (const x of s) u.add(x);
  return u;
}

/** The test pairs never reached training, validation or the scoring during fit. */
function assertNoLeak(rec: FitRecord, test: Set<string>, where: string): void {
  assert.deepEqual(common(rec.train, test), [], `${where}: test ratings in the training data`);
  assert.deepEqual(common(rec.validation, test), [], `${where}: test ratings in the validation (early-stopping) data`);
  assert.deepEqual(common(rec.selection, test), [], `${where}: test ratings scored during fit (model selection)`);
}

function checkProtocolSplit(split: ProtocolSplit, where: string): void {
  const [train, validation, test] = [pairsOf(split.train), pairsOf(split.validation), pairsOf(split.test)];
  assert.ok(validation.size > 0 && test.size > 0, `${where}: empty parts`);
  assert.deepEqual(common(train, test), [], `${where}: train and test overlap`);
  assert.deepEqual(common(validation, test), [], `${where}: validation and test overlap`);
  assert.deepEqual(common(train, validation), [], `${where}: train and validation overlap`);
  assert.equal(train.size + validation.size + test.size, all.size, `${where}: parts do not add up to the data`);
}

for (const [name, make] of [
  ["talkProtocolSplit", (r: Ratings, rng: Rng) => talkProtocolSplit(r, rng, 3, 0.2)],
  ["randomProtocolSplit", (r: Ratings, rng: Rng) => randomProtocolSplit(r, rng, 0.2, 0.2)],
] as const) {
  test(`${name}: train, validation and test are disjoint, and evaluateRatingModels shows the model no test rating before scoring`, async () => {
    const split = make(data, new Rng(1));
    checkProtocolSplit(split, name);
    const log: FitRecord[] = [];
    await evaluateRatingModels([new RecordingRatingModel(log), new RecordingRatingModel(log)], { ...split, rng: new Rng(2) });
    assert.equal(log.length, 2);
    for (const rec of log) {
      assertNoLeak(rec, pairsOf(split.test), name);
      assert.deepEqual(rec.train, pairsOf(split.train), `${name}: fit on exactly the training part`);
      assert.deepEqual(rec.validation, pairsOf(split.validation), `${name}: validation is exactly the validation part`);
      assert.deepEqual(rec.scored, pairsOf(split.test), `${name}: scored exactly the test part after fit`);
    }
  });
}

test("crossValidate: each fold's test ratings never reach training or early stopping; the test folds partition the data", async () => {
  const log: FitRecord[] = [];
  await crossValidate([() => new RecordingRatingModel(log)], data, { folds: 4, validationFraction: 0.2, rng: new Rng(4) });
  assert.equal(log.length, 4);
  const seen = new Set<string>();
  for (const [f, rec] of log.entries()) {
    assert.ok(rec.validation.size > 0, `fold ${f + 1}: no validation part`);
    assertNoLeak(rec, rec.scored, `fold ${f + 1}`);
    assert.deepEqual(union(rec.train, rec.validation, rec.scored), all, `fold ${f + 1}: train + validation + test is the data`);
    for (const x of rec.scored) {
      assert.ok(!seen.has(x), `fold ${f + 1}: pair ${x} was already a test pair`);
      seen.add(x);
    }
  }
  assert.equal(seen.size, all.size, "every rating is a test rating exactly once");
});

test("sweepRatingModel: every grid point trains and early-stops without the test ratings", async () => {
  const split = talkProtocolSplit(data, new Rng(5), 3, 0.2);
  const log: FitRecord[] = [];
  const points = await sweepRatingModel([1, 2, 3], () => new RecordingRatingModel(log), { ...split, rng: new Rng(6) });
  assert.equal(points.length, 3);
  assert.equal(log.length, 3);
  for (const rec of log) {
    assertNoLeak(rec, pairsOf(split.test), "sweep");
    assert.deepEqual(rec.validation, pairsOf(split.validation));
    assert.deepEqual(rec.scored, pairsOf(split.test));
  }
});

function checkRankingProtocol(p: RankingProtocol, where: string): void {
  const [train, test] = [pairsOf(p.train), pairsOf(p.test)];
  assert.ok(test.size > 0, `${where}: empty test`);
  assert.deepEqual(common(train, test), [], `${where}: train and test overlap`);
  assert.deepEqual(union(train, test), pairsOf(toImplicit(sparse)), `${where}: train + test is every interaction`);
  if (p.negatives) {
    for (let k = 0; k < p.users.length; k++) {
      for (let j = 0; j < p.negativesPerUser; j++) {
        const key = `${p.users[k]}:${p.negatives[k * p.negativesPerUser + j]}`;
        assert.ok(!train.has(key) && !test.has(key), `${where}: negative ${key} is an interaction of the user`);
      }
    }
  }
}

/** The published-files protocol, on leave-one-out data made from a sampled protocol's split and negatives. */
function looProtocol(rng: Rng): RankingProtocol {
  const p = sampledProtocol(sparse, rng, { negatives: 9, holdout: "random" });
  return ncfProtocolFromLoo({ train: p.train, test: p.test, negatives: p.negatives!, negativesPerUser: p.negativesPerUser });
}

for (const [name, make] of [
  ["fullCatalogueProtocol", (rng: Rng) => fullCatalogueProtocol(sparse, rng, { testPerUser: 3 })],
  ["sampledProtocol", (rng: Rng) => sampledProtocol(sparse, rng, { negatives: 9, holdout: "random" })],
  ["ncfProtocolFromLoo", looProtocol],
] as const) {
  test(`${name}: train and test disjoint; evaluateImplicitModels trains and early-stops without the held-out items`, async () => {
    const protocol = make(new Rng(7));
    checkRankingProtocol(protocol, name);
    const testPairs = pairsOf(protocol.test);
    const log: FitRecord[] = [];
    const [result] = await evaluateImplicitModels([new RecordingImplicitModel(log, testPairs)], protocol, { rng: new Rng(8), earlyStopping: true });
    assert.equal(log.length, 1);
    const rec = log[0];
    assert.deepEqual(common(rec.train, testPairs), [], `${name}: test interactions in the training data`);
    assert.ok(rec.selection.size > 0, `${name}: early stopping scored nothing`);
    // The stub scores exactly the test pairs 1: had a test interaction been a validation target, it would rank first.
    const hr = result.history.epochs[0].validation!["hr@10"];
    assert.ok(hr < 0.5, `${name}: validation HR@10 ${hr} of a model that only knows the test pairs`);
    for (const x of testPairs) assert.ok(rec.scored.has(x), `${name}: test pair ${x} not scored after fit`);
    assert.equal(result.metrics["hr@10"], 1, `${name}: the stub ranks every test item first`);
  });
}
