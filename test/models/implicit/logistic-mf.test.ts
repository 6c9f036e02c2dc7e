import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";
import { adagradAscent } from "../../../src/models/implicit/adagrad";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { accumulateLogisticGradient, createLogisticMf } from "../../../src/models/implicit/logistic-mf";

function near(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(Math.abs(actual[k] - expected[k]) <= tol, `[${k}] ${actual[k]} != ${expected[k]}`);
  }
}

/** User 0: x = (0.5, -1), β_u = 0.1. Item 0 (positive): y = (2, 1), β = -0.2. Item 1 (sampled negative): y = (-1, 0.5), β = 0.3. */
function tables(): FactorTables {
  const t = new FactorTables(1, 2, 2);
  t.userFactors.set([0.5, -1]);
  t.userBias[0] = 0.1;
  t.itemFactors.set([2, 1, -1, 0.5]);
  t.itemBias.set([-0.2, 0.3]);
  return t;
}

function gradients(confidence: number) {
  const t = tables();
  const train = { users: Int32Array.of(0), items: Int32Array.of(0), values: Float32Array.of(confidence) };
  const order = Uint32Array.of(0);
  const neg = Int32Array.of(1);
  const user = { f: new Float64Array(2), b: new Float64Array(1) };
  const item = { f: new Float64Array(4), b: new Float64Array(2) };
  const nll = accumulateLogisticGradient(t, train, order, neg, 1, "users", user.f, user.b);
  accumulateLogisticGradient(t, train, order, neg, 1, "items", item.f, item.b);
  return { nll, user, item };
}

test("the logistic-MF gradient of one positive and one sampled negative equals the hand-computed one", () => {
  // s_00 = 0.1 - 0.2 + (1 - 1) = -0.1, σ = 0.475021; positive weight c (1 - σ) = 0.524979 for c = 1.
  // s_01 = 0.1 + 0.3 + (-0.5 - 0.5) = -0.6, σ = 0.354344; negative weight -σ = -0.354344.
  // ∂/∂x_u = 0.524979 (2, 1) - 0.354344 (-1, 0.5) = (1.404302, 0.347807);  ∂/∂β_u = 0.524979 - 0.354344 = 0.170635.
  // ∂/∂y_0 = 0.524979 (0.5, -1) = (0.262490, -0.524979);  ∂/∂y_1 = -0.354344 (0.5, -1) = (-0.177172, 0.354344).
  // Negated log-likelihood: softplus(0.1) + softplus(-0.6) = 0.744397 + 0.437488 = 1.181885.
  const { nll, user, item } = gradients(1);
  near(user.f, [1.4043020687, 0.3478073406]);
  near(user.b, [0.1706354937]);
  near(item.f, [0.2624895937, -0.5249791875, -0.1771718469, 0.3543436938]);
  near(item.b, [0.5249791875, -0.3543436938]);
  near([nll], [1.1818846106]);
});

test("confidence weighting scales the positive's term of the gradient as hand-computed", () => {
  // c = 3: positive weight 3 * 0.524979 = 1.574938; the negative's term is unchanged.
  // ∂/∂x_u = 1.574938 (2, 1) - 0.354344 (-1, 0.5) = (3.504219, 1.397766); ∂/∂β_u = 1.574938 - 0.354344 = 1.220594.
  // ∂/∂y_0 = 1.574938 (0.5, -1) = (0.787469, -1.574938); ∂/∂y_1 as for c = 1. NLL = 3 * 0.744397 + 0.437488 = 2.670678.
  const { nll, user, item } = gradients(3);
  near(user.f, [3.5042188186, 1.3977657155]);
  near(user.b, [1.2205938687]);
  near(item.f, [0.7874687812, -1.5749375624, -0.1771718469, 0.3543436938]);
  near([nll], [2.6706779307]);
});

test("two AdaGrad ascent steps equal the hand-computed ones", () => {
  // params (1, -2), reg 0.5, lr 0.1. Step 1 with gradient (0.3, 0.4): g = (0.3 - 0.5, 0.4 + 1) = (-0.2, 1.4);
  // accum = (0.04, 1.96); params += 0.1 g / sqrt(accum) = (-0.1, +0.1) -> (0.9, -1.9).
  // Step 2 with gradient (0.45, 0.05): g = (0.45 - 0.45, 0.05 + 0.95) = (0, 1); coordinate 0 unchanged;
  // accum_1 = 2.96; params_1 = -1.9 + 0.1 / sqrt(2.96) = -1.841876.
  const params = Float32Array.of(1, -2);
  const accum = new Float64Array(2);
  adagradAscent(params, Float64Array.of(0.3, 0.4), accum, 0.1, 0.5);
  near(params, [0.9, -1.9]);
  near(accum, [0.04, 1.96]);
  adagradAscent(params, Float64Array.of(0.45, 0.05), accum, 0.1, 0.5);
  near(params, [0.9, -1.8418756]);
  near(accum, [0.04, 2.96]);
});

test("one alternating epoch from zero parameters: confidence 3 moves the biases, confidence 1 does not", async () => {
  // Users 0, 1; items 0, 1; positives (0, 0) with confidence c and (1, 1) with confidence 1; one negative each,
  // necessarily (0, 1) and (1, 0). initStd 0, so every score starts at 0 (σ = 0.5) and factor gradients vanish.
  // User half-step: ∂/∂β_u0 = c * 0.5 - 0.5 = (c - 1) / 2, ∂/∂β_u1 = 0; AdaGrad's first step is lr * sign(g):
  //   c = 3: β_u0 = 0.5 (lr 0.5).  Item half-step, with s(0, ·) = 0.5 and s(1, ·) = 0:
  //   ∂/∂β_i0 = 3 (1 - σ(0.5)) - σ(0) = 1.132622 - 0.5 > 0 -> β_i0 = 0.5;
  //   ∂/∂β_i1 = 1 (1 - σ(0)) - σ(0.5) = 0.5 - 0.622459 < 0 -> β_i1 = -0.5.
  //   Scores s(u, i) = β_u + β_i: (0,0) 1, (0,1) 0, (1,0) 0.5, (1,1) -0.5.
  //   c = 1: every gradient is 0.5 - 0.5 = 0 and all scores stay 0.
  // Training loss per positive = negated objective before the steps: (c ln 2 + 3 ln 2) / 2.
  const train = (c: number): Ratings => ({
    indexId: "logistic-mf", name: "two", users: Int32Array.of(0, 1), items: Int32Array.of(0, 1), values: Float32Array.of(c, 1), userIds: ["a", "b"],
    itemIds: ["x", "y"], numUsers: 2, numItems: 2, size: 2, scale: { min: 1, max: c },
  });
  const pairs = [Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 0, 1)];
  const results: Float32Array[] = [];
  for (const c of [3, 1]) {
    const m = createLogisticMf({ dim: 2, initStd: 0, learningRate: 0.5, reg: 0, regBias: 0, negatives: 1, epochs: 1 });
    const h = await m.fit(train(c), { rng: new Rng(1), progress: silentProgress });
    near([h.epochs[0].trainLoss], [((c + 3) * Math.LN2) / 2]);
    results.push(m.score(pairs[0], pairs[1]));
  }
  near(results[0], [1, 0, 0.5, -0.5]);
  near(results[1], [0, 0, 0, 0]);
});

test("confidences must be positive", async () => {
  const bad: Ratings = {
    indexId: "logistic-mf", name: "bad", users: Int32Array.of(0, 1), items: Int32Array.of(0, 1), values: Float32Array.of(1, 0), userIds: ["a", "b"],
    itemIds: ["x", "y"], numUsers: 2, numItems: 2, size: 2, scale: { min: 0, max: 1 },
  };
  await assert.rejects(createLogisticMf({ epochs: 1 }).fit(bad, { rng: new Rng(1), progress: silentProgress }), /confidence \(value\) of training row 1/);
});
