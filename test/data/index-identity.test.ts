import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { loadDelimited } from "../../src/data/load-delimited";
import { loadDelimitedFiles } from "../../src/data/load-delimited-files";
import { selectRatings } from "../../src/data/ratings";
import { randomSplit } from "../../src/data/splits/random-split";
import { perUserHoldout } from "../../src/data/splits/per-user-holdout";
import { assertSameIndex } from "../../src/data/index-identity";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { predictRatings } from "../../src/models/rating-model";
import { Rng } from "../../src/random/rng";
import { crossValidate } from "../../src/train/cross-validate";
import { evaluateRatingModels } from "../../src/train/evaluate-rating-models";
import { sweepRatingModel } from "../../src/train/parameter-sweep";
import { repoRoot } from "../../src/repo-root";
import { tempDirWith } from "./tmp-files";

// ml-latest-small's ratings.csv cut into a train file (4 of every 5 lines) and a test file (the 5th lines), as a
// user with published train and test files would have them: the case (RMSE 1.138 instead of 0.876).
const lines = fs.readFileSync(path.join(repoRoot(), "data", "ml-latest-small", "ratings.csv"), "utf8").trimEnd().split("\n");
const header = lines[0];
const body = lines.slice(1);
const trainLines = body.filter((_, k) => k % 5 !== 4);
const testLines = body.filter((_, k) => k % 5 === 4);
const dir = tempDirWith({
  "train.csv": [header, ...trainLines].join("\n") + "\n",
  "test.csv": [header, ...testLines].join("\n") + "\n",
  "all.csv": [header, ...trainLines, ...testLines].join("\n") + "\n",
});
const format = {
  header: true,
  columns: { user: "userId", item: "movieId", rating: "rating", timestamp: "timestamp" },
  scale: { min: 0.5, max: 5, step: 0.5 },
} as const;
const rng = () => new Rng(7);

test("two separate loads (train file, test file) are refused by evaluation, naming the fix", async () => {
  const train = await loadDelimited({ ...format, file: path.join(dir, "train.csv") });
  const test = await loadDelimited({ ...format, file: path.join(dir, "test.csv") });
  assert.notEqual(train.indexId, test.indexId);
  const refused = /evaluateRatingModels: test \("test".*\) and train \("train".*\) come from different id indices.*loadDelimitedFiles\(\{ files: \[trainFile, testFile\]/;
  await assert.rejects(evaluateRatingModels([createBiasBaseline()], { train, test, rng: rng() }), refused);
  await assert.rejects(sweepRatingModel([1], () => createBiasBaseline(), { train, test, rng: rng() }), /sweepRatingModel: test .* different id indices/);
  // A validation part from another index is refused too, even with train and test from one load.
  const { train: inner, test: validation } = randomSplit(test, rng(), { testFraction: 0.5 });
  await assert.rejects(evaluateRatingModels([createBiasBaseline()], { train, validation, test: train, rng: rng() }), /validation .* different id indices/);
  assert.equal(inner.indexId, test.indexId);
});

test("a model refuses validation ratings of another index during fit, and test ratings of another index after it", async () => {
  const train = await loadDelimited({ ...format, file: path.join(dir, "train.csv") });
  const test = await loadDelimited({ ...format, file: path.join(dir, "test.csv") });
  const m = createBiasBaseline();
  await assert.rejects(m.fit(train, { rng: rng(), validation: test }), /Bias baseline: the validation ratings \("test".*\) comes from id index .* but the model was fitted on index/);
  await m.fit(train, { rng: rng() });
  assert.throws(() => predictRatings(m, test), /the ratings to predict \("test".*\) comes from id index/);
});

test("loadDelimitedFiles: one index over both files; scores equal those of one file split at the same rows", async () => {
  const [train, test] = await loadDelimitedFiles({ ...format, files: [path.join(dir, "train.csv"), path.join(dir, "test.csv")] });
  assert.equal(train.indexId, test.indexId);
  assert.equal(train.numUsers, test.numUsers);
  assert.equal(train.numItems, test.numItems);
  assert.deepEqual([train.name, test.name, train.size, test.size], ["train", "test", trainLines.length, testLines.length]);
  assert.strictEqual(train.userIds[test.users[0]], testLines[0].split(",")[0], "dense indices map back to the raw ids of the test file");

  const all = await loadDelimited({ ...format, file: path.join(dir, "all.csv") });
  const rows = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, k) => from + k);
  const singleTrain = selectRatings(all, rows(0, trainLines.length));
  const singleTest = selectRatings(all, rows(trainLines.length, all.size));
  const [shared] = await evaluateRatingModels([createBiasBaseline()], { train, test, rng: rng() });
  const [single] = await evaluateRatingModels([createBiasBaseline()], { train: singleTrain, test: singleTest, rng: rng() });
  assert.equal(shared.metrics.rmse, single.metrics.rmse);
  assert.ok(shared.metrics.rmse > 0.8 && shared.metrics.rmse < 0.95, `bias baseline RMSE ${shared.metrics.rmse}`);
});

test("splits, selections and cross-validation keep the index identity", async () => {
  const all = await loadDelimited({ ...format, file: path.join(dir, "test.csv") });
  const { train, test } = perUserHoldout(all, rng(), { testPerUser: 1 });
  assert.equal(train.indexId, all.indexId);
  assert.equal(test.indexId, all.indexId);
  const [cv] = await crossValidate([() => createBiasBaseline()], all, { folds: 2, validationFraction: 0.1, rng: rng() });
  assert.equal(cv.folds.length, 2);
});

test("assertSameIndex: same identity but different sizes (built before every id was registered) is refused", () => {
  const base = { name: "x", users: new Int32Array(0), items: new Int32Array(0), values: new Float32Array(0), userIds: [], itemIds: [], size: 0, scale: { min: 1, max: 5 } };
  const a = { ...base, indexId: "same", numUsers: 3, numItems: 2 };
  const b = { ...base, indexId: "same", numUsers: 4, numItems: 2 };
  assert.doesNotThrow(() => assertSameIndex("here", { a, again: a, none: undefined }));
  assert.throws(() => assertSameIndex("here", { a, b }), /here: b has 4 users and 2 items but a has 3 and 2/);
});

test("loadDelimitedFiles: bad arguments are errors naming the option or the file", async () => {
  await assert.rejects(loadDelimitedFiles({ ...format, files: [] }), /option `files` must list at least one file/);
  await assert.rejects(loadDelimitedFiles({ ...format, files: [path.join(dir, "train.csv")], names: ["a", "b"] }), /2 names for 1 files/);
  await assert.rejects(loadDelimitedFiles({ ...format, files: [path.join(dir, "nope.csv")] }), /nope\.csv.*file not found/);
});
