import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../../scripts/compile-wat";
import { IALS_KERNELS_WASM_BASE64 } from "../../../src/backend/wasm/ials-kernels-binary";
import type { SparseRows } from "../../../src/data/rating-matrix";
import { ratingsByItem, ratingsByUser } from "../../../src/data/rating-matrix";
import type { Ratings } from "../../../src/data/ratings";
import { createIals, ialsObjective } from "../../../src/models/implicit/ials";
import { FactorTables } from "../../../src/models/implicit/factor-tables";
import { IalsArena } from "../../../src/models/implicit/ials-arena";
import { gramian, ialsHalfStep, type IalsSolveSettings } from "../../../src/models/implicit/ials-half-step";
import { Rng } from "../../../src/random/rng";
import { silentProgress } from "../../../src/train/progress";

test("the committed binary is the compiled ials-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../../.."), "ials-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), IALS_KERNELS_WASM_BASE64);
});

/** The bytes of a typed array, to compare bit for bit (NaN payloads and signed zeros included). */
const bits = (a: Float32Array | Float64Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/**
 * 11 users x 17 items: user 0 without interactions, user 1 with exactly one, user 2 with every item, the others
 * about half; item 16 without interactions. Confidences 1 + 4 x (a count in 0..3), as toImplicit's 1 + alpha count.
 */
function planted(rng: Rng): Ratings {
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 1; u < 11; u++) {
    for (let i = 0; i < 16; i++) if (u === 2 || (u === 1 ? i === 5 : rng.next() < 0.5)) { users.push(u); items.push(i); }
  }
  return {
    indexId: "ials-arena", name: "t", users: Int32Array.from(users), items: Int32Array.from(items),
    values: Float32Array.from(users, () => 1 + 4 * rng.int(4)), numUsers: 11, numItems: 17, size: users.length,
    userIds: Array.from({ length: 11 }, (_, u) => `u${u}`), itemIds: Array.from({ length: 17 }, (_, i) => `i${i}`), scale: { min: 1, max: 13 },
  } as Ratings;
}

/** Float32 factors N(0, 0.3²), with an exact zero here and there (the Gram matrix skips those terms). */
function factors(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() < 0.05 ? 0 : rng.normal() * 0.3));
}

test("the WebAssembly Gram matrix equals gramian bit for bit (dims 1-9, 16, 33, 64; rows of zeros included)", () => {
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 33, 64]) {
    const rng = new Rng(100 + dim);
    const f = factors(23 * dim, rng);
    f.fill(0, 4 * dim, 5 * dim); // row 4 all zero, as a row without interactions
    const arena = new IalsArena(23, 1, dim);
    const fast = arena.gramian(f, 23);
    assert.deepEqual(bits(fast), bits(gramian(f, 23, dim)), `dim ${dim}`);
    // and the reference is a Gram matrix: entry (0, 0) is Σ_r y_r0² (every term a float32 square, exact in float64)
    let g00 = 0;
    for (let r = 0; r < 23; r++) g00 += f[r * dim] * f[r * dim];
    assert.equal(fast[0], g00);
  }
});

test("the WebAssembly half step equals ialsHalfStep bit for bit (cg and exact; dims 1-9, 13, 16, 33, 64; 0, 1 or every interaction; user then item halves)", () => {
  const settings = [
    { solver: "cg" as const, cgSteps: 3, unobservedWeight: 0.3, reg: 0.003, regExponent: 1 },
    { solver: "cg" as const, cgSteps: 1, unobservedWeight: 0, reg: 0.05, regExponent: 0 },
    { solver: "cg" as const, cgSteps: 40, unobservedWeight: 0.1, reg: 0.01, regExponent: 1 }, // runs into rr <= 1e-20 on small dims
    { solver: "exact" as const, cgSteps: 1, unobservedWeight: 0.2, reg: 0.01, regExponent: 1 },
  ];
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 33, 64]) {
    const train = planted(new Rng(dim));
    const byUser = ratingsByUser(train);
    const byItem = ratingsByItem(train);
    for (const [k, part] of settings.entries()) {
      const s: IalsSolveSettings = { dim, ...part };
      const rng = new Rng(1000 * k + dim);
      const ref = { users: factors(11 * dim, rng), items: factors(17 * dim, rng) };
      const fast = { users: ref.users.slice(), items: ref.items.slice() };
      const initialUser0 = ref.users.slice(0, dim);
      const arena = new IalsArena(17, train.size, dim);
      for (let epoch = 0; epoch < 2; epoch++) {
        ialsHalfStep(byUser, ref.items, 17, ref.users, s);
        arena.halfStep(byUser, fast.items, 17, fast.users, s);
        ialsHalfStep(byItem, ref.users, 11, ref.items, s);
        // the second time with the Gram matrix handed in, as ials.ts does
        arena.halfStep(byItem, fast.users, 11, fast.items, s, epoch === 1 ? arena.gramian(fast.users, 11) : undefined);
      }
      const label = `dim ${dim}, ${s.solver} ${s.cgSteps}, α0 ${s.unobservedWeight}`;
      assert.deepEqual(bits(fast.users), bits(ref.users), `${label}: users`);
      assert.deepEqual(bits(fast.items), bits(ref.items), `${label}: items`);
      // user 0 and item 16 have no interactions: left as they were; user 1 (one interaction) moved
      assert.deepEqual(bits(fast.users.subarray(0, dim)), bits(initialUser0), label);
      assert.notDeepEqual(bits(fast.users.subarray(dim, 2 * dim)), bits(factors(11 * dim, new Rng(1000 * k + dim)).subarray(dim, 2 * dim)), label);
    }
  }
});

test("the WebAssembly exact solve reproduces the hand-built normal equations of ials.test.ts", () => {
  // y0 = (1, 0), y1 = (0, 2), y2 = (1, 1); a user with items 0 (confidence 1) and 2 (confidence 3); α0 0.5, λ 0.1,
  // ν 1: A = [[5.35, 3.5], [3.5, 5.85]], b = (4, 3) (derivation in ials.test.ts).
  const fixed = Float32Array.from([1, 0, 0, 2, 1, 1]);
  const rows: SparseRows = { rows: 2, cols: 3, offsets: Int32Array.from([0, 2, 2]), indices: Int32Array.from([0, 2]), values: Float32Array.from([1, 3]) };
  const det = 5.35 * 5.85 - 3.5 * 3.5;
  const direct = [(4 * 5.85 - 3.5 * 3) / det, (5.35 * 3 - 3.5 * 4) / det];
  const solved = Float32Array.from([9, 9, 7, 7]);
  new IalsArena(3, 2, 2).halfStep(rows, fixed, 3, solved, { dim: 2, unobservedWeight: 0.5, reg: 0.1, regExponent: 1, solver: "exact", cgSteps: 1 });
  assert.ok(Math.abs(solved[0] - direct[0]) < 1e-6 && Math.abs(solved[1] - direct[1]) < 1e-6, `${solved[0]}, ${solved[1]} vs ${direct}`);
  assert.deepEqual(Array.from(solved.subarray(2)), [7, 7]);
});

test("a system that is not positive definite fails at the same row as the reference, with the rows before it solved", () => {
  const train = planted(new Rng(4));
  const byUser = ratingsByUser(train);
  const dim = 5;
  const items = factors(17 * dim, new Rng(5));
  const gram = gramian(items, 17, dim); // finite: the NaN below reaches only the users who have item 3
  items[3 * dim + 2] = Number.NaN; // item 3: every user who has it gets a NaN pivot
  const firstWithItem3 = Array.from({ length: 11 }, (_, u) => u).find((u) => Array.from(byUser.indices.subarray(byUser.offsets[u], byUser.offsets[u + 1])).includes(3));
  assert.ok(firstWithItem3 !== undefined && firstWithItem3 > 1);
  const s: IalsSolveSettings = { dim, solver: "exact", cgSteps: 1, unobservedWeight: 0.1, reg: 0.01, regExponent: 1 };
  const ref = factors(11 * dim, new Rng(6));
  const fast = ref.slice();
  const message = new RegExp(`normal equations of row ${firstWithItem3} are not positive definite`);
  assert.throws(() => ialsHalfStep(byUser, items, 17, ref, s, gram), message);
  assert.throws(() => new IalsArena(17, train.size, dim).halfStep(byUser, items, 17, fast, s, gram), message);
  assert.notDeepEqual(bits(ref.subarray(dim, 2 * dim)), bits(factors(11 * dim, new Rng(6)).subarray(dim, 2 * dim))); // user 1 was solved
  assert.deepEqual(bits(fast), bits(ref));
});

test("the iALS objective through the arena's kernels equals the JavaScript one bit for bit (dims 1-9, 13, 33, 64)", () => {
  for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 33, 64]) {
    const train = planted(new Rng(20 + dim));
    const t = new FactorTables(11, 17, dim);
    const rng = new Rng(40 + dim);
    t.userFactors.set(factors(11 * dim, rng));
    t.itemFactors.set(factors(17 * dim, rng));
    t.userFactors.fill(0, 0, dim); // user 0 has no interactions (zero factors, as a fit leaves them)
    const s = { dim, unobservedWeight: 0.3, reg: 0.01, regExponent: 1 };
    const arena = new IalsArena(17, train.size, dim);
    const js = ialsObjective(train, t, s);
    assert.equal(ialsObjective(train, t, s, undefined, arena), js, `dim ${dim}`);
    assert.equal(ialsObjective(train, t, s, gramian(t.itemFactors, 17, dim), arena), js, `dim ${dim}`);
    // the observed part alone, against its definition summed here in training order
    let observed = 0;
    for (let k = 0; k < train.size; k++) {
      let dot = 0;
      for (let f = 0; f < dim; f++) dot += t.userFactors[train.users[k] * dim + f] * t.itemFactors[train.items[k] * dim + f];
      observed += train.values[k] * (dot - 1) * (dot - 1);
    }
    assert.equal(arena.objectiveParts(train, t, gramian(t.itemFactors, 17, dim)).observed, observed, `dim ${dim}`);
  }
});

test("iALS fits the same tables and losses with and without the WebAssembly kernels (cg and exact)", async () => {
  const train = planted(new Rng(8));
  for (const solver of ["cg", "exact"] as const) {
    const fit = async (wasmKernels: boolean) => {
      const m = createIals({ dim: 6, epochs: 3, solver, reg: 0.01, unobservedWeight: 0.2, wasmKernels });
      const h = await m.fit(train, { rng: new Rng(3), progress: silentProgress });
      const users = Int32Array.from({ length: 11 * 17 }, (_, k) => Math.floor(k / 17));
      const items = Int32Array.from({ length: 11 * 17 }, (_, k) => k % 17);
      return { losses: h.epochs.map((e) => e.trainLoss), scores: Array.from(m.score(users, items)) };
    };
    const [js, wasm] = [await fit(false), await fit(true)];
    assert.deepEqual(wasm, js, solver);
    assert.ok(js.losses[2] < js.losses[0], `${solver}: ${js.losses}`);
  }
  assert.throws(() => createIals({ wasmKernels: "yes" as unknown as boolean }), /IalsConfig\.wasmKernels must be true, false or left out/);
});

test("the arena refuses problems larger than it was sized for", () => {
  const train = planted(new Rng(2));
  const arena = new IalsArena(11, train.size, 4);
  const s: IalsSolveSettings = { dim: 4, solver: "cg", cgSteps: 2, unobservedWeight: 0.1, reg: 0.01, regExponent: 1 };
  assert.throws(() => arena.halfStep(ratingsByUser(train), new Float32Array(17 * 4), 17, new Float32Array(11 * 4), s), /17 rows exceed the arena's 11/);
  assert.throws(() => arena.halfStep(ratingsByUser(train), new Float32Array(11 * 4), 11, new Float32Array(11 * 4), { ...s, dim: 3 }), /settings dim 3, arena dim 4/);
  assert.throws(() => new IalsArena(11, train.size - 1, 4).halfStep(ratingsByUser(train), new Float32Array(11 * 4), 11, new Float32Array(11 * 4), s), /entries exceed the arena's/);
});
