// The shell the three typed-array factorization models share (factorization/factorization-model.ts): the fit
// preamble, the fitted-state guard, dispose, and the refit switch's validation, each naming the model or config.
import { test } from "node:test";
import assert from "node:assert/strict";
import { selectRatings } from "../../src/data/ratings";
import { createAlsMf } from "../../src/models/als-mf";
import { createSgdMf } from "../../src/models/sgd-mf";
import { createSvdpp } from "../../src/models/svdpp";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

const small = { dim: 4, epochs: 2 };
const models = [
  { name: "SGD MF", owner: "SgdMfConfig", create: (c: object = {}) => createSgdMf({ ...small, ...c }) },
  { name: "SVD++", owner: "SvdppConfig", create: (c: object = {}) => createSvdpp({ ...small, ...c }) },
  { name: "ALS MF", owner: "AlsMfConfig", create: (c: object = {}) => createAlsMf({ ...small, ...c }) },
];
const data = plantedRatings({ users: 30, items: 20 });

for (const { name, owner, create } of models) {
  test(`${name}: an empty training set is refused naming the model, and drops the previous fit`, async () => {
    const m = create();
    await m.fit(data, { rng: new Rng(1), progress: silentProgress });
    await assert.rejects(m.fit(selectRatings(data, []), { rng: new Rng(1) }), (e: Error) => e instanceof RangeError && e.message === `${name}: the training set is empty`);
    assert.throws(() => m.predict(Int32Array.of(0), Int32Array.of(0)), { message: `${name}: predict called before fit` });
  });

  test(`${name}: dispose drops the parameters; a new fit predicts the same as the first`, async () => {
    const m = create();
    await m.fit(data, { rng: new Rng(3), progress: silentProgress });
    const first = m.predict(data.users, data.items);
    assert.ok(first.every((p) => p >= data.scale.min && p <= data.scale.max), "clipped to the training scale");
    m.dispose();
    assert.equal(m.parameters, null);
    assert.throws(() => m.predict(Int32Array.of(0), Int32Array.of(0)), { message: `${name}: predict called before fit` });
    await m.fit(data, { rng: new Rng(3), progress: silentProgress });
    assert.deepEqual(m.predict(data.users, data.items), first);
  });

  test(`${name}: a non-boolean refitOnValidation is refused naming ${owner}`, () => {
    assert.throws(() => create({ refitOnValidation: 1 }), (e: Error) => e instanceof TypeError && e.message.startsWith(`${owner}.refitOnValidation must be a boolean`));
  });
}

test("SVD++: effectiveFactors before fit is refused naming the caller", () => {
  assert.throws(() => createSvdpp(small).effectiveFactors(), { message: "SVD++: effectiveFactors called before fit" });
});
