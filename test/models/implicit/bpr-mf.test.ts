import { test } from "node:test";
import assert from "node:assert/strict";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { bprStep } from "../../../src/models/implicit/bpr-mf";

function near(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(Math.abs(actual[k] - expected[k]) <= tol, `[${k}] ${actual[k]} != ${expected[k]}`);
  }
}

test("one LearnBPR step on a triple equals the hand-computed update", () => {
  // dim 2: w_u = (0.5, -1), h_i = (2, 1), h_j = (-1, 0.5), b_i = 0.2, b_j = -0.1.
  // x_uij = (0.2 + 0.1) + 0.5*(2 + 1) - 1*(1 - 0.5) = 0.3 + 1.5 - 0.5 = 1.3; e = σ(-1.3) = 0.214165.
  // lr = 0.1, regUser 0.01, regPositive 0.02, regNegative 0.03, regBias 0.04:
  //   w1 = 0.5 + 0.1 (0.214165*3 - 0.005) = 0.563750;      w2 = -1 + 0.1 (0.214165*0.5 + 0.01) = -0.988292
  //   hi1 = 2 + 0.1 (0.214165*0.5 - 0.04) = 2.006708;      hi2 = 1 + 0.1 (-0.214165 - 0.02) = 0.976583
  //   hj1 = -1 + 0.1 (-0.214165*0.5 + 0.03) = -1.007708;   hj2 = 0.5 + 0.1 (0.214165 - 0.015) = 0.519917
  //   b_i = 0.2 + 0.1 (0.214165 - 0.008) = 0.220617;       b_j = -0.1 + 0.1 (-0.214165 + 0.004) = -0.121017
  //   loss = -ln σ(1.3) = 0.241008.
  const t = new FactorTables(1, 2, 2);
  t.userFactors.set([0.5, -1]);
  t.itemFactors.set([2, 1, -1, 0.5]);
  t.itemBias.set([0.2, -0.1]);
  const loss = bprStep(t, 0, 0, 1, 0.1, { user: 0.01, positive: 0.02, negative: 0.03, bias: 0.04 });
  near([loss], [0.2410084538]);
  near(t.userFactors, [0.5637495051, -0.9882917492]);
  near(t.itemFactors, [2.0067082508, 0.9765834983, -1.0077082508, 0.5199165017]);
  near(t.itemBias, [0.2206165017, -0.1210165017]);
  assert.equal(t.userBias[0], 0, "user biases cancel in x_uij and are never touched");
  assert.equal(t.globalBias[0], 0);
});

test("a step raises x_uij (the pair moves toward the right order)", () => {
  const t = new FactorTables(1, 2, 3);
  t.userFactors.set([0.1, -0.2, 0.3]);
  t.itemFactors.set([0.5, 0.1, -0.4, 0.2, 0.2, 0.2]);
  const before = t.scoreOne(0, 0) - t.scoreOne(0, 1);
  bprStep(t, 0, 0, 1, 0.05, { user: 0, positive: 0, negative: 0, bias: 0 });
  assert.ok(t.scoreOne(0, 0) - t.scoreOne(0, 1) > before);
});
