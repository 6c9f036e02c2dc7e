import { test } from "node:test";
import assert from "node:assert/strict";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { sampledLogisticStep } from "../../../src/models/implicit/sampled-logistic-mf";

function near(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(Math.abs(actual[k] - expected[k]) <= tol, `[${k}] ${actual[k]} != ${expected[k]}`);
  }
}

/** One user, one item, dim 2: p = (0.5, -1), q = (2, 1), b_u = 0.1, b_i = -0.2, b = 0.3. */
function tables(): FactorTables {
  const t = new FactorTables(1, 1, 2);
  t.userFactors.set([0.5, -1]);
  t.itemFactors.set([2, 1]);
  t.userBias[0] = 0.1;
  t.itemBias[0] = -0.2;
  t.globalBias[0] = 0.3;
  return t;
}

test("one SGD step on a positive equals the hand-computed update", () => {
  // s = 0.3 + 0.1 - 0.2 + (0.5*2 - 1*1) = 0.2; σ(0.2) = 0.549834; g = 1 - 0.549834 = 0.450166.
  // lr = 0.1, reg = 0.01:
  //   p1 = 0.5 + 0.1 (0.450166*2 - 0.01*0.5) = 0.589533;   p2 = -1 + 0.1 (0.450166*1 + 0.01) = -0.953983
  //   q1 = 2 + 0.1 (0.450166*0.5 - 0.01*2) = 2.020508;     q2 = 1 + 0.1 (0.450166*(-1) - 0.01) = 0.953983
  //   b_u = 0.1 + 0.1 (0.450166 - 0.001) = 0.144917;  b_i = -0.2 + 0.1 (0.450166 + 0.002) = -0.154783;
  //   b = 0.3 + 0.1 (0.450166 - 0.003) = 0.344717.  Loss = -ln σ(0.2) = ln(1 + e^-0.2) = 0.598139.
  const t = tables();
  const loss = sampledLogisticStep(t, 0, 0, 1, 0.1, 0.01);
  near([loss], [0.5981388694]);
  near(t.userFactors, [0.5895332005, -0.9539833997]);
  near(t.itemFactors, [2.0205083001, 0.9539833997]);
  near([t.userBias[0], t.itemBias[0], t.globalBias[0]], [0.1449166003, -0.1547833997, 0.3447166003]);
});

test("one SGD step on a negative equals the hand-computed update", () => {
  // Same s = 0.2; label 0: g = 0 - 0.549834 = -0.549834.
  //   p1 = 0.5 + 0.1 (-0.549834*2 - 0.005) = 0.389533;   p2 = -1 + 0.1 (-0.549834 + 0.01) = -1.053983
  //   q1 = 2 + 0.1 (-0.549834*0.5 - 0.02) = 1.970508;    q2 = 1 + 0.1 (0.549834 - 0.01) = 1.053983
  //   b_u = 0.1 + 0.1 (-0.549834 - 0.001) = 0.044917;  b_i = -0.2 + 0.1 (-0.549834 + 0.002) = -0.254783;
  //   b = 0.3 + 0.1 (-0.549834 - 0.003) = 0.244717.  Loss = ln(1 + e^0.2) = 0.798139.
  const t = tables();
  const loss = sampledLogisticStep(t, 0, 0, 0, 0.1, 0.01);
  near([loss], [0.7981388694]);
  near(t.userFactors, [0.3895332005, -1.0539833997]);
  near(t.itemFactors, [1.9705083001, 1.0539833997]);
  near([t.userBias[0], t.itemBias[0], t.globalBias[0]], [0.0449166003, -0.2547833997, 0.2447166003]);
});

test("the step is exact for dimensions that are not a multiple of the unrolling (5) and stable for huge logits", () => {
  const t = new FactorTables(1, 1, 5);
  t.userFactors.set([1, 2, 3, 4, 5]);
  t.itemFactors.set([1, 1, 1, 1, 1]);
  // s = 15, σ(15) = 1 - 3.059e-7; a negative step: g ≈ -1; p_f += 0.1 (-1 * 1) (reg 0) -> p - 0.1; q_f += -0.1 p_f.
  const loss = sampledLogisticStep(t, 0, 0, 0, 0.1, 0);
  near([loss], [15.000000306], 1e-6);
  near(t.userFactors, [0.9, 1.9, 2.9, 3.9, 4.9], 1e-6);
  near(t.itemFactors, [0.9, 0.8, 0.7, 0.6, 0.5], 1e-6);
  const big = new FactorTables(1, 1, 1);
  big.userFactors[0] = 1000;
  big.itemFactors[0] = 1000;
  assert.ok(Number.isFinite(sampledLogisticStep(big, 0, 0, 0, 1e-9, 0)));
});
