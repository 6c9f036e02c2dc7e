import { before, test } from "node:test";
import assert from "node:assert/strict";
import { loadLibimseti } from "../../src/data/load-libimseti";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createGlobalMean } from "../../src/models/global-mean";
import { Rng } from "../../src/random/rng";
import { evaluateRatingModels } from "../../src/train/evaluate-rating-models";
import { silentProgress } from "../../src/train/progress";
import { talkProtocolSplit } from "../../src/train/protocol-splits";
import { useTestBackend } from "../helpers/test-backend";
import { writeTinyLibimseti } from "../helpers/tiny-libimseti";
import { common, pairsOf } from "../helpers/recording-models";

before(useTestBackend);

test("the talk's protocol runs end to end on LibimSeTi-format files", async () => {
  const ratings = await loadLibimseti(writeTinyLibimseti());
  assert.equal(ratings.scale.max, 10);
  const rng = new Rng(3);
  const split = talkProtocolSplit(ratings, rng);
  assert.equal(split.test.size, 60 * 5, "5 held-out ratings for each of the 60 raters");
  // Train, validation and test are disjoint (no (user, profile) pair in two parts) and together are the data.
  const [train, validation, testPairs] = [pairsOf(split.train), pairsOf(split.validation), pairsOf(split.test)];
  assert.equal(pairsOf(ratings).size, ratings.size, "the tiny data set has no repeated pair");
  assert.deepEqual(common(train, testPairs), [], "train and test overlap");
  assert.deepEqual(common(validation, testPairs), [], "validation and test overlap");
  assert.deepEqual(common(train, validation), [], "train and validation overlap");
  assert.equal(train.size + validation.size + testPairs.size, ratings.size);
  assert.ok(validation.size > 0);
  const models = [
    createGlobalMean(),
    createBiasBaseline(),
    createBiasedMf({ dim: 4, initStd: 0.1, training: { epochs: 60, learningRate: 0.02, batchSize: 64, patience: 5 } }),
  ];
  const results = await evaluateRatingModels(models, { ...split, rng, progress: silentProgress });
  const [mean, bias, mf] = results.map((r) => r.metrics.rmse);
  // Ratings are 1-3 or 8-10 by a gender interaction that biases cannot express: only MF captures it.
  assert.ok(mean > 3, `global mean RMSE ${mean}`);
  assert.ok(mf < 1.5 && mf < bias - 1, `MF RMSE ${mf} vs bias baseline ${bias}`);
  models.forEach((m) => m.dispose());
});
