import { describe, test } from "node:test";
import { tinyKnnRatings } from "../helpers/tiny-knn-ratings";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { ratingsByItem, ratingsByUser } from "../../src/data/rating-matrix";
import { computeSimilarityMatrix, similarityAt, type SimilarityMatrix } from "../../src/models/knn/similarity-matrix";
import { baselineResiduals, fitUnclippedBaseline } from "../../src/models/knn/baseline-residuals";
import type { KnnSimilarity } from "../../src/models/knn/knn-config";
import { Rng } from "../../src/random/rng";
import { plantedRatings } from "../helpers/planted-ratings";

/**
 * Users a, b, c, d (0-3) and items x, y, z (0-2):
 *   a: x 5, y 3, z 4     b: x 4, y 2          c: x 1, y 5, z 2     d: y 4, z 5
 */
const tiny: Ratings = tinyKnnRatings;

function userSims(r: Ratings, measure: KnnSimilarity, minSupport = 1, shrinkage = 100): SimilarityMatrix {
  return computeSimilarityMatrix(ratingsByUser(r), ratingsByItem(r), measure, { minSupport, shrinkage });
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: got ${actual}, expected ${expected}`);

describe("similarities on the tiny matrix, user-based", () => {
  test("cosine: Σ a·b / sqrt(Σ a² Σ b²) over co-rated items", () => {
    const s = userSims(tiny, "cosine");
    // a-b on {x, y}: (5·4 + 3·2) / sqrt((25 + 9)(16 + 4)) = 26 / sqrt(680)
    close(similarityAt(s, 0, 1), 26 / Math.sqrt(680), "a-b");
    // a-c on {x, y, z}: (5 + 15 + 8) / sqrt(50 · 30) = 28 / sqrt(1500)
    close(similarityAt(s, 0, 2), 28 / Math.sqrt(1500), "a-c");
    // b-d on {y} only: 2·4 / sqrt(4 · 16) = 1
    close(similarityAt(s, 1, 3), 1, "b-d");
    // c-d on {y, z}: (20 + 10) / sqrt(29 · 41)
    close(similarityAt(s, 2, 3), 30 / Math.sqrt(1189), "c-d");
    // symmetric, diagonal 1, user e (no ratings) 0 with everyone
    close(similarityAt(s, 2, 0), similarityAt(s, 0, 2), "symmetry");
    close(similarityAt(s, 1, 1), 1, "diagonal");
    close(similarityAt(s, 0, 4), 0, "a-e");
  });

  test("msd: 1 / (mean squared difference + 1)", () => {
    const s = userSims(tiny, "msd");
    close(similarityAt(s, 0, 1), 1 / (((5 - 4) ** 2 + (3 - 2) ** 2) / 2 + 1), "a-b = 1/2"); // msd 1
    close(similarityAt(s, 0, 2), 1 / 9, "a-c"); // (16 + 4 + 4) / 3 = 8
    close(similarityAt(s, 0, 3), 1 / 2, "a-d"); // ((3-4)² + (4-5)²) / 2 = 1
    close(similarityAt(s, 1, 2), 1 / 10, "b-c"); // (9 + 9) / 2 = 9
    close(similarityAt(s, 1, 3), 1 / 5, "b-d"); // (2-4)² / 1 = 4
    close(similarityAt(s, 2, 3), 1 / 6, "c-d"); // (1 + 9) / 2 = 5
  });

  test("pearson: centred on each user's mean over the common items; constant sides give 0", () => {
    const s = userSims(tiny, "pearson");
    // a-b on {x, y}: a (5, 3) - 4 = (1, -1); b (4, 2) - 3 = (1, -1) -> 1
    close(similarityAt(s, 0, 1), 1, "a-b");
    // a-c: a - 4 = (1, -1, 0); c - 8/3 = (-5/3, 7/3, -2/3); num = -5/3 - 7/3 = -4;
    // den = sqrt(2 · (25 + 49 + 4) / 9) = sqrt(156 / 9)
    close(similarityAt(s, 0, 2), -4 / Math.sqrt(156 / 9), "a-c");
    // b-c: (1, -1) vs (-2, 2) -> -1
    close(similarityAt(s, 1, 2), -1, "b-c");
    // b-d share only y: both sides constant -> 0
    close(similarityAt(s, 1, 3), 0, "b-d");
  });

  test("minSupport: pairs with fewer common items get 0", () => {
    const s = userSims(tiny, "msd", 2);
    close(similarityAt(s, 1, 3), 0, "b-d has 1 common item");
    close(similarityAt(s, 0, 1), 1 / 2, "a-b has 2");
    const s3 = userSims(tiny, "cosine", 3);
    close(similarityAt(s3, 0, 1), 0, "a-b below 3");
    close(similarityAt(s3, 0, 2), 28 / Math.sqrt(1500), "a-c has 3");
  });

  test("pearson-baseline: cosine of r - b_ui, shrunk by (n - 1) / (n - 1 + shrinkage)", async () => {
    // One unregularised ALS pass (see knn-predictors.test.ts): μ = 3.5, b_x = -1/6, b_y = 0, b_z = 1/6,
    // b_a = 1/2, b_b = -5/12, b_c = -5/6, b_d = 11/12. Residuals × 6: a (7, -6, -1), c (-9, 14, -5) on x, y, z;
    // residuals × 12: a (14, -12), b (13, -13) on x, y.
    const baseline = await fitUnclippedBaseline(tiny, { regUser: 0, regItem: 0, iterations: 1 }, new Rng(1));
    const res = { ...tiny, values: baselineResiduals(tiny, baseline) };
    const raw = userSims(res, "pearson-baseline", 1, 0);
    // a-c: -142 / sqrt(86 · 302)
    close(similarityAt(raw, 0, 2), -142 / Math.sqrt(86 * 302), "a-c unshrunk");
    // a-b: 338 / sqrt(340 · 338)
    close(similarityAt(raw, 0, 1), 338 / Math.sqrt(340 * 338), "a-b unshrunk");
    // b-d: one common item -> 0 (pearson-baseline needs at least 2)
    close(similarityAt(raw, 1, 3), 0, "b-d");
    const shrunk = userSims(res, "pearson-baseline", 1, 100);
    close(similarityAt(shrunk, 0, 2), (-142 / Math.sqrt(86 * 302)) * (2 / 102), "a-c, n = 3: × 2/102");
    close(similarityAt(shrunk, 0, 1), (338 / Math.sqrt(340 * 338)) * (1 / 101), "a-b, n = 2: × 1/101");
  });

  test("item-based: the same formulas over common raters", () => {
    const s = computeSimilarityMatrix(ratingsByItem(tiny), ratingsByUser(tiny), "cosine", { minSupport: 1, shrinkage: 100 });
    assert.equal(s.size, 4);
    // z-x on {a, c}: (4·5 + 2·1) / sqrt((16 + 4)(25 + 1)) = 22 / sqrt(520)
    close(similarityAt(s, 2, 0), 22 / Math.sqrt(520), "z-x");
    // z-y on {a, c, d}: (12 + 10 + 20) / sqrt(45 · 50) = 42 / sqrt(2250)
    close(similarityAt(s, 2, 1), 42 / Math.sqrt(2250), "z-y");
  });
});

/** Direct definitions, pair by pair, for comparison with the accumulated pass. */
function bruteForce(r: Ratings, measure: KnnSimilarity, a: number, b: number, minSupport: number, shrinkage: number): number {
  const ra = new Map<number, number>();
  const common: [number, number][] = [];
  for (let k = 0; k < r.size; k++) if (r.users[k] === a) ra.set(r.items[k], r.values[k]);
  for (let k = 0; k < r.size; k++) if (r.users[k] === b && ra.has(r.items[k])) common.push([ra.get(r.items[k])!, r.values[k]]);
  const n = common.length;
  if (n < (measure === "pearson-baseline" ? Math.max(2, minSupport) : minSupport) || n === 0) return 0;
  if (measure === "msd") return 1 / (common.reduce((s, [x, y]) => s + (x - y) ** 2, 0) / n + 1);
  const ma = measure === "pearson" ? common.reduce((s, [x]) => s + x, 0) / n : 0;
  const mb = measure === "pearson" ? common.reduce((s, [, y]) => s + y, 0) / n : 0;
  let num = 0, da = 0, db = 0;
  for (const [x, y] of common) {
    num += (x - ma) * (y - mb);
    da += (x - ma) ** 2;
    db += (y - mb) ** 2;
  }
  if (da * db === 0) return 0;
  const rho = num / Math.sqrt(da * db);
  return measure === "pearson-baseline" ? (rho * (n - 1)) / (n - 1 + shrinkage) : rho;
}

test("the accumulated pass equals the pair-by-pair definitions on random sparse data", () => {
  const r = plantedRatings({ users: 30, items: 25, density: 0.3, seed: 4 });
  for (const measure of ["cosine", "msd", "pearson", "pearson-baseline"] as KnnSimilarity[]) {
    for (const minSupport of [1, 3]) {
      const s = userSims(r, measure, minSupport, 7);
      for (let a = 0; a < 30; a++) {
        for (let b = 0; b < 30; b++) {
          if (a === b) continue;
          const expected = bruteForce(r, measure, a, b, minSupport, 7);
          assert.ok(Math.abs(similarityAt(s, a, b) - expected) < 1e-5, `${measure} minSupport ${minSupport} (${a}, ${b}): ${similarityAt(s, a, b)} vs ${expected}`);
        }
      }
    }
  }
});
