import { test } from "node:test";
import assert from "node:assert/strict";
import type { SparseRows } from "../../../src/data/rating-matrix";
import type { Ratings } from "../../../src/data/ratings";
import { ratingsByItem, ratingsByUser } from "../../../src/data/rating-matrix";
import { createIals, ialsObjective } from "../../../src/models/implicit/ials";
import { gramian, ialsHalfStep, type IalsSolveSettings } from "../../../src/models/implicit/ials-half-step";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { seenIndices } from "../../../src/models/seen-indices";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";

// Fixed side: 3 items with d = 2 factors y0 = (1, 0), y1 = (0, 2), y2 = (1, 1). One user who interacted with
// items 0 (confidence 1) and 2 (confidence 3). α0 = 0.5, λ = 0.1, ν = 1, n = 3:
// YᵀY = [[2, 1], [1, 5]]; Σ c y yᵀ = 1 [[1, 0], [0, 0]] + 3 [[1, 1], [1, 1]] = [[4, 3], [3, 3]];
// λ_u = 0.1 (2 + 0.5 * 3) = 0.35; A = 0.5 YᵀY + Σ c y yᵀ + λ_u I = [[5.35, 3.5], [3.5, 5.85]];
// b = 1 (1, 0) + 3 (1, 1) = (4, 3). Direct solve (Cramer): det = 5.35 * 5.85 - 3.5² = 19.0475,
// x = ((4 * 5.85 - 3.5 * 3) / det, (5.35 * 3 - 3.5 * 4) / det).
const fixed = Float32Array.from([1, 0, 0, 2, 1, 1]);
const rows: SparseRows = { rows: 2, cols: 3, offsets: Int32Array.from([0, 2, 2]), indices: Int32Array.from([0, 2]), values: Float32Array.from([1, 3]) };
const det = 5.35 * 5.85 - 3.5 * 3.5;
const direct = [(4 * 5.85 - 3.5 * 3) / det, (5.35 * 3 - 3.5 * 4) / det];
const settings: IalsSolveSettings = { dim: 2, unobservedWeight: 0.5, reg: 0.1, regExponent: 1, solver: "exact", cgSteps: 1 };

test("an exact half step equals the direct solve of the hand-built normal equations; rows without interactions are left alone", () => {
  const solved = Float32Array.from([9, 9, 7, 7]);
  ialsHalfStep(rows, fixed, 3, solved, settings);
  assert.ok(Math.abs(solved[0] - direct[0]) < 1e-6 && Math.abs(solved[1] - direct[1]) < 1e-6, `${solved[0]}, ${solved[1]} vs ${direct}`);
  assert.deepEqual(Array.from(solved.subarray(2)), [7, 7]);
});

test("conjugate gradient reaches the direct solve in d steps from any start, and one step does not", () => {
  const two = Float32Array.from([-3, 5, 0, 0]);
  ialsHalfStep(rows, fixed, 3, two, { ...settings, solver: "cg", cgSteps: 2 });
  assert.ok(Math.abs(two[0] - direct[0]) < 1e-5 && Math.abs(two[1] - direct[1]) < 1e-5, `${two[0]}, ${two[1]} vs ${direct}`);
  const one = Float32Array.from([-3, 5, 0, 0]);
  ialsHalfStep(rows, fixed, 3, one, { ...settings, solver: "cg", cgSteps: 1 });
  assert.ok(Math.abs(one[0] - direct[0]) > 1e-3);
});

function planted(seed: number): Ratings {
  const rng = new Rng(seed);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 30; u++) for (let i = 0; i < 30; i++) if (rng.next() < ((u < 15) === (i < 15) ? 0.5 : 0.05)) { users.push(u); items.push(i); }
  return {
    indexId: "ials-planted", name: "planted", users: Int32Array.from(users), items: Int32Array.from(items), values: new Float32Array(users.length).fill(1),
    userIds: Array.from({ length: 30 }, (_, u) => `u${u}`), itemIds: Array.from({ length: 30 }, (_, i) => `i${i}`), numUsers: 30, numItems: 30, size: users.length, scale: { min: 1, max: 1 },
  };
}

test("with exact solves the iALS objective never increases from epoch to epoch", async () => {
  const m = createIals({ dim: 4, epochs: 6, solver: "exact", reg: 0.01, unobservedWeight: 0.2 });
  const h = await m.fit(planted(3), { rng: new Rng(1), progress: silentProgress });
  const losses = h.epochs.map((e) => e.trainLoss);
  for (let e = 1; e < losses.length; e++) assert.ok(losses[e] <= losses[e - 1] * (1 + 1e-9), `epoch ${e + 1}: ${losses[e]} > ${losses[e - 1]}`);
  assert.ok(losses[losses.length - 1] < losses[0]);
});

test("bad iALS settings are errors naming the field", () => {
  assert.throws(() => createIals({ reg: 0 }), /IalsConfig\.reg must be a finite number > 0/);
  assert.throws(() => createIals({ unobservedWeight: -1 }), /IalsConfig\.unobservedWeight/);
  assert.throws(() => createIals({ cgSteps: 0 }), /IalsConfig\.cgSteps/);
  assert.throws(() => createIals({ solver: "lu" as "cg" }), /IalsConfig\.solver/);
  assert.throws(() => createIals({ dim: 0 }), /IalsConfig\.dim/);
});

test("a half step handed the Gram matrix of its fixed side gives the same bits as one that computes it; a wrong size is refused", () => {
  const cg = { ...settings, solver: "cg" as const, cgSteps: 2 };
  const plain = Float32Array.from([-3, 5, 0, 0]);
  ialsHalfStep(rows, fixed, 3, plain, cg);
  const given = Float32Array.from([-3, 5, 0, 0]);
  ialsHalfStep(rows, fixed, 3, given, cg, gramian(fixed, 3, 2));
  assert.deepEqual(Array.from(given), Array.from(plain));
  // The Gram matrix is what the normal equations use: YᵀY = [[2, 1], [1, 5]] (comment above).
  assert.deepEqual(Array.from(gramian(fixed, 3, 2)), [2, 1, 1, 5]);
  assert.throws(() => ialsHalfStep(rows, fixed, 3, given, cg, new Float64Array(3)), /gram has 3 entries, expected 2 x 2/);
});

test("iALS training (item Gram shared by the objective and the next user half) equals the uncached reference step by step", async () => {
  const train = planted(5);
  const config = { dim: 3, epochs: 3, solver: "cg" as const, cgSteps: 2, reg: 0.01, unobservedWeight: 0.2 };
  const m = createIals(config);
  const h = await m.fit(train, { rng: new Rng(9), progress: silentProgress });
  // Reference: the same initialisation, then each epoch's two half steps and objective, every Gram recomputed.
  const c = m.config;
  const seen = seenIndices(train);
  const tables = new FactorTables(train.numUsers, train.numItems, c.dim);
  tables.initNormal(c.initStd, new Rng(9), seen.users, seen.items);
  const s: IalsSolveSettings = { dim: c.dim, unobservedWeight: c.unobservedWeight, reg: c.reg, regExponent: c.regExponent, solver: c.solver, cgSteps: c.cgSteps };
  const losses: number[] = [];
  for (let e = 0; e < c.epochs; e++) {
    ialsHalfStep(ratingsByUser(train), tables.itemFactors, tables.numItems, tables.userFactors, s);
    ialsHalfStep(ratingsByItem(train), tables.userFactors, tables.numUsers, tables.itemFactors, s);
    losses.push(ialsObjective(train, tables, s) / train.size); // runEpochLoop reports the objective per interaction
  }
  assert.deepEqual(h.epochs.map((x) => x.trainLoss), losses);
  const users = Int32Array.from({ length: 900 }, (_, k) => Math.floor(k / 30));
  const items = Int32Array.from({ length: 900 }, (_, k) => k % 30);
  assert.deepEqual(Array.from(m.score(users, items)), Array.from(tables.score(users, items)));
  assert.throws(() => ialsObjective(train, tables, s, new Float64Array(4)), /itemGram has 4 entries, expected 3 x 3/);
});
