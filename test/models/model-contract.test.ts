import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmse } from "../../src/metrics/regression-metrics";
import { Rng } from "../../src/random/rng";
import { selectRatings } from "../../src/data/ratings";
import { predictRatings } from "../../src/models/rating-model";
import { silentProgress } from "../../src/train/progress";
import { useTestBackend } from "../helpers/test-backend";
import { modelZoo } from "../helpers/model-zoo";
import { plantedRatings } from "../helpers/planted-ratings";
import { randomSplit } from "../../src/data/splits/random-split";

const data = plantedRatings();
const { train: trainAll, test: testSet } = randomSplit(data, new Rng(5), { testFraction: 0.2 });
const { train, test: validation } = randomSplit(trainAll, new Rng(6), { testFraction: 0.1 });

before(useTestBackend);

for (const entry of modelZoo) {
  describe(`contract: ${entry.label}`, () => {
    test("learns the planted structure", async () => {
      const m = entry.create();
      await m.fit(train, { rng: new Rng(1), validation, progress: silentProgress });
      const score = rmse(m.predict(testSet.users, testSet.items), testSet.values);
      m.dispose();
      assert.ok(score < entry.plantedRmseBelow, `test RMSE ${score.toFixed(4)} should be below ${entry.plantedRmseBelow}`);
    });

    test("is deterministic under a seed", async () => {
      const preds = [];
      for (let run = 0; run < 2; run++) {
        const m = entry.create();
        await m.fit(train, { rng: new Rng(123), validation, progress: silentProgress });
        preds.push(m.predict(testSet.users.subarray(0, 50), testSet.items.subarray(0, 50)));
        m.dispose();
      }
      assert.deepEqual(preds[0], preds[1]);
    });

    test("unseen users and items get a finite prediction that does not depend on who they are; out-of-range indices are errors", async () => {
      // Drop users 0 and 1 and items 0 and 1 from training: they keep their indices but have no ratings.
      const keep: number[] = [];
      for (let k = 0; k < train.size; k++) if (train.users[k] > 1 && train.items[k] > 1) keep.push(k);
      const reduced = selectRatings(train, keep);
      const m = entry.create();
      await m.fit(reduced, { rng: new Rng(2), progress: silentProgress });
      const p = m.predict(Int32Array.from([0, 1, 0, 5, 5]), Int32Array.from([7, 7, 0, 0, 1]));
      // An index outside the index space is not a cold start but data from another index: an error, for users and items.
      const outside = /outside the \d+ (user|item)s of the training index space.*loadDelimitedFiles/;
      assert.throws(() => m.predict(Int32Array.from([0, reduced.numUsers]), Int32Array.from([7, 7])), outside);
      assert.throws(() => m.predict(Int32Array.from([0, 0]), Int32Array.from([7, reduced.numItems])), outside);
      assert.throws(() => m.predict(Int32Array.from([-1]), Int32Array.from([7])), outside);
      // Ratings of another id index (a separate load) are refused even when their indices are in range.
      assert.equal(m.fittedIndexId, reduced.indexId);
      assert.equal(predictRatings(m, selectRatings(train, [0, 1])).length, 2, "a split of the same load is accepted");
      assert.throws(() => predictRatings(m, { ...selectRatings(train, [0, 1]), indexId: "another load" }), /comes from id index another load, but the model was fitted on index .*loadDelimitedFiles/);
      m.dispose();
      assert.ok(p.every(Number.isFinite));
      assert.equal(p[0], p[1], "two unseen users rated on the same item get the same prediction");
      assert.equal(p[3], p[4], "two unseen items rated by the same user get the same prediction");
    });

    test("refuses to predict before fit", () => {
      const m = entry.create();
      assert.throws(() => m.predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
    });
  });
}
