import { describe, test } from "node:test";
import { tinyKnnRatings } from "../helpers/tiny-knn-ratings";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { createKnn, createKnnBaseline, createKnnBasic, createKnnWithMeans, type KnnConfigInput } from "../../src/models/knn/knn-model";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

/**
 * Users a, b, c, d (0-3; e = 4 has no ratings) and items x, y, z (0-2; w = 3 has none):
 *   a: x 5, y 3, z 4     b: x 4, y 2          c: x 1, y 5, z 2     d: y 4, z 5
 * μ = 35 / 10 = 3.5. User means: a 4, b 3, c 8/3, d 4.5. Item means: x 10/3, y 3.5, z 11/3.
 * User-based MSD similarities of b: b-a 1/2, b-c 1/10, b-d 1/5 (see knn-similarity.test.ts).
 * The target throughout is (b, z), rated by a (4), c (2) and d (5).
 */
const tiny: Ratings = tinyKnnRatings;

/** One unregularised ALS pass, so that the baseline can be computed by hand. */
const handBaseline = { regUser: 0, regItem: 0, iterations: 1 };

async function predictOne(config: KnnConfigInput, user: number, item: number, data: Ratings = tiny): Promise<number> {
  const m = createKnn({ baseline: handBaseline, ...config });
  await m.fit(data, { rng: new Rng(1), progress: silentProgress });
  const p = m.predict(Int32Array.from([user]), Int32Array.from([item]))[0];
  m.dispose();
  return p;
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-5, `${what}: got ${actual}, expected ${expected}`);

describe("the three predictors on (b, z), user-based MSD", () => {
  test("KNNBasic: Σ sim·r / Σ sim", async () => {
    // (0.5·4 + 0.1·2 + 0.2·5) / (0.5 + 0.1 + 0.2) = 3.2 / 0.8 = 4
    close(await predictOne({ kind: "basic" }, 1, 2), 4, "k = 40");
  });

  test("KNNWithMeans: μ_b + Σ sim·(r - μ_v) / Σ sim", async () => {
    // 3 + (0.5·(4 - 4) + 0.1·(2 - 8/3) + 0.2·(5 - 4.5)) / 0.8 = 3 + (1/30) / 0.8 = 3 + 1/24
    close(await predictOne({ kind: "means" }, 1, 2), 3 + 1 / 24, "k = 40");
  });

  test("KNNBaseline: b_bz + Σ sim·(r - b_vz) / Σ sim, with the ALS baseline", async () => {
    // ALS pass, items first (b_u = 0): b_x = (1.5 + 0.5 - 2.5) / 3 = -1/6, b_y = (-0.5 - 1.5 + 1.5 + 0.5) / 4 = 0,
    // b_z = (0.5 - 1.5 + 1.5) / 3 = 1/6; then users: b_a = (5/3 - 1/2 + 1/3) / 3 = 1/2,
    // b_b = (2/3 - 3/2) / 2 = -5/12, b_c = (-7/3 + 3/2 - 5/3) / 3 = -5/6, b_d = (1/2 + 4/3) / 2 = 11/12.
    // b_bz = 3.5 - 5/12 + 1/6 = 3.25. Residuals on z: a 4 - 25/6 = -1/6, c 2 - 17/6 = -5/6, d 5 - 55/12 = 5/12.
    // 3.25 + (0.5·(-1/6) + 0.1·(-5/6) + 0.2·(5/12)) / 0.8 = 3.25 - (1/12) / 0.8 = 3.25 - 5/48 = 151/48
    close(await predictOne({ kind: "baseline" }, 1, 2), 151 / 48, "k = 40");
  });

  test("the factories set the kind and keep Surprise's defaults", () => {
    for (const [m, kind] of [[createKnnBasic(), "basic"], [createKnnWithMeans(), "means"], [createKnnBaseline(), "baseline"]] as const) {
      assert.equal(m.config.kind, kind);
      assert.equal(m.config.basis, "user");
      assert.equal(m.config.similarity, "msd");
      assert.deepEqual([m.config.k, m.config.minK, m.config.minSupport, m.config.shrinkage], [40, 1, 1, 100]);
      assert.deepEqual(m.config.baseline, { regUser: 15, regItem: 10, iterations: 10 });
    }
    assert.equal(createKnnBaseline().name, "KNNBaseline (user-based, msd)");
  });
});

describe("top-k selection", () => {
  test("k = 2 keeps a (0.5) and d (0.2); k = 1 keeps a", async () => {
    // (0.5·4 + 0.2·5) / 0.7 = 3 / 0.7
    close(await predictOne({ kind: "basic", k: 2 }, 1, 2), 3 / 0.7, "k = 2");
    close(await predictOne({ kind: "basic", k: 1 }, 1, 2), 4, "k = 1");
  });

  test("only positive-similarity neighbours count (Pearson: b-a 1, b-c -1, b-d 0)", async () => {
    // Only a: KNNBasic -> 4; KNNWithMeans -> 3 + 1·(4 - 4) / 1 = 3
    close(await predictOne({ kind: "basic", similarity: "pearson" }, 1, 2), 4, "basic");
    close(await predictOne({ kind: "means", similarity: "pearson" }, 1, 2), 3, "means");
  });
});

describe("item-based", () => {
  // Items b rated: x (4) and y (2). cosine z-x = 22 / sqrt(520), z-y = 42 / sqrt(2250) (knn-similarity.test.ts).
  const sx = 22 / Math.sqrt(520);
  const sy = 42 / Math.sqrt(2250);

  test("KNNBasic, cosine: (s_zx·4 + s_zy·2) / (s_zx + s_zy)", async () => {
    close(await predictOne({ kind: "basic", basis: "item", similarity: "cosine" }, 1, 2), (4 * sx + 2 * sy) / (sx + sy), "(b, z)");
  });

  test("KNNWithMeans, cosine: μ_z + (s_zx·(4 - 10/3) + s_zy·(2 - 3.5)) / (s_zx + s_zy)", async () => {
    const expected = 11 / 3 + (sx * (4 - 10 / 3) + sy * (2 - 3.5)) / (sx + sy);
    close(await predictOne({ kind: "means", basis: "item", similarity: "cosine" }, 1, 2), expected, "(b, z)");
  });
});

describe("fallbacks", () => {
  test("fewer than minK neighbours: global mean (basic), the user's mean (means), b_ui (baseline)", async () => {
    // (b, z) has 3 neighbours; minK 4 is not met.
    close(await predictOne({ kind: "basic", minK: 4 }, 1, 2), 3.5, "basic");
    close(await predictOne({ kind: "means", minK: 4 }, 1, 2), 3, "means: μ_b");
    close(await predictOne({ kind: "baseline", minK: 4 }, 1, 2), 3.25, "baseline: b_bz");
    close(await predictOne({ kind: "means", minK: 3 }, 1, 2), 3 + 1 / 24, "minK 3 is met");
  });

  test("item-based means falls back to the item's mean", async () => {
    // (b, z) item-based has 2 neighbours (x, y); minK 3 -> μ_z = 11/3
    close(await predictOne({ kind: "means", basis: "item", similarity: "cosine", minK: 3 }, 1, 2), 11 / 3, "μ_z");
  });

  test("unseen user or item: global mean (basic, means), μ + the known bias (baseline)", async () => {
    for (const kind of ["basic", "means"] as const) {
      close(await predictOne({ kind }, 4, 2), 3.5, `${kind}, unseen user e`);
      close(await predictOne({ kind }, 1, 3), 3.5, `${kind}, unseen item w`);
    }
    close(await predictOne({ kind: "baseline" }, 4, 2), 3.5 + 1 / 6, "baseline, (e, z): μ + b_z");
    close(await predictOne({ kind: "baseline" }, 1, 3), 3.5 - 5 / 12, "baseline, (b, w): μ + b_b");
    close(await predictOne({ kind: "baseline" }, 4, 3), 3.5, "baseline, (e, w): μ");
  });

  test("no neighbour left after minSupport: the fallback", async () => {
    // Pearson, minSupport 3: b shares 2 items with a and c and 1 with d, so every similarity of b is 0.
    close(await predictOne({ kind: "basic", similarity: "pearson", minSupport: 3 }, 1, 2), 3.5, "basic: μ");
    close(await predictOne({ kind: "means", similarity: "pearson", minSupport: 3 }, 1, 2), 3, "means: μ_b");
  });

  test("predictions are clipped to the scale", async () => {
    // KNNBasic (b, z) = 4 (above) on a scale capped at 3.2 -> 3.2.
    const capped = { ...tiny, scale: { min: 1, max: 3.2 } };
    assert.equal(await predictOne({ kind: "basic" }, 1, 2, capped), Math.fround(3.2));
  });
});

describe("configuration", () => {
  test("bad parameters throw errors naming the field", () => {
    assert.throws(() => createKnn({ k: 0 }), /KnnConfig\.k /);
    assert.throws(() => createKnn({ k: 2.5 }), /KnnConfig\.k /);
    assert.throws(() => createKnn({ minK: -1 }), /KnnConfig\.minK/);
    assert.throws(() => createKnn({ minSupport: -1 }), /KnnConfig\.minSupport/);
    assert.throws(() => createKnn({ shrinkage: -1 }), /KnnConfig\.shrinkage/);
    assert.throws(() => createKnn({ kind: "zscore" as never }), /KnnConfig\.kind/);
    assert.throws(() => createKnn({ basis: "both" as never }), /KnnConfig\.basis/);
    assert.throws(() => createKnn({ similarity: "jaccard" as never }), /KnnConfig\.similarity/);
    assert.throws(() => createKnn({ kind: "baseline", baseline: { regUser: -1 } }), /BiasBaselineConfig\.regUser/);
  });

  test("dispose forgets the fit", async () => {
    const m = createKnnBasic();
    await m.fit(tiny, { rng: new Rng(1), progress: silentProgress });
    m.dispose();
    assert.throws(() => m.predict(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
  });
});
