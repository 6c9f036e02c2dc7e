import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { compileWat } from "../../scripts/compile-wat";
import { KNN_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/knn-kernels-binary";
import { ratingsByItem, ratingsByUser } from "../../src/data/rating-matrix";
import type { Ratings } from "../../src/data/ratings";
import { forEachCoRatingRow, forEachCoRatingRowJs } from "../../src/models/knn/co-rating-moments";
import type { KnnSimilarity } from "../../src/models/knn/knn-config";
import { computeSimilarityMatrix } from "../../src/models/knn/similarity-matrix";
import { similarityFormula } from "../../src/models/knn/similarity-measures";
import { Rng } from "../../src/random/rng";

test("the committed binary is the compiled knn-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
  const compiled = await compileWat(path.resolve(__dirname, "../.."), "knn-kernels");
  assert.equal(Buffer.from(compiled).toString("base64"), KNN_KERNELS_WASM_BASE64);
});

/** 30 users x 45 items, about a fifth rated, ratings 0.5-5 (some rows and columns empty). */
function randomRatings(rng: Rng): Ratings {
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 28; u++) for (let i = 0; i < 43; i++) if (rng.next() < 0.2) { users.push(u); items.push(i); }
  return {
    indexId: "test-index", name: "t", users: Int32Array.from(users), items: Int32Array.from(items), values: Float32Array.from(users, () => 0.5 * (1 + rng.int(10))),
    numUsers: 30, numItems: 45, size: users.length, userIds: Array.from({ length: 30 }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: 45 }, (_, i) => `i${i}`), scale: { min: 0.5, max: 5 },
  } as Ratings;
}

/** Every visit's moments, copied (the arrays are reused between visits). */
function collect(pass: typeof forEachCoRatingRow, rows: ReturnType<typeof ratingsByUser>, cols: ReturnType<typeof ratingsByUser>, linear: boolean): number[][] {
  const out: number[][] = [];
  pass(rows, cols, linear, (a, m) => {
    for (const arr of [m.count, m.sumAB, m.sumAA, m.sumBB, m.sumA, m.sumB]) out.push(arr ? [a, ...Array.from(arr.subarray(a + 1))] : [a]);
  });
  return out;
}

test("the WebAssembly co-rating pass gives the JavaScript pass's sums bit for bit (user- and item-based, with and without linear sums)", () => {
  const r = randomRatings(new Rng(5));
  const byUser = ratingsByUser(r);
  const byItem = ratingsByItem(r);
  for (const [rows, cols] of [[byUser, byItem], [byItem, byUser]]) {
    for (const linear of [false, true]) {
      const fast = collect(forEachCoRatingRow, rows, cols, linear);
      assert.deepEqual(fast, collect(forEachCoRatingRowJs, rows, cols, linear));
      assert.ok(fast.some((row) => row.slice(1).some((v) => v > 0)));
    }
  }
  assert.throws(() => forEachCoRatingRow(byUser, byUser, false, () => {}), /transpose/);
});

test("every similarity is 0 without co-rated entries, so the matrix may skip those pairs; it equals the all-pairs matrix", () => {
  for (const measure of ["cosine", "msd", "pearson", "pearson-baseline"] as KnnSimilarity[]) {
    for (const minSupport of [0, 1, 3]) {
      const options = { minSupport, shrinkage: 100 };
      assert.ok(Object.is(similarityFormula(measure, options)(0, 0, 0, 0, 0, 0), 0), `${measure}, minSupport ${minSupport}`);
      const r = randomRatings(new Rng(7));
      const rows = ratingsByItem(r);
      const cols = ratingsByUser(r);
      const formula = similarityFormula(measure, options);
      const n = rows.rows;
      const reference = new Float32Array(n * n);
      forEachCoRatingRowJs(rows, cols, measure === "pearson", (a, m) => {
        reference[a * n + a] = 1;
        for (let b = a + 1; b < n; b++) {
          const s = formula(m.count[b], m.sumAB[b], m.sumAA[b], m.sumBB[b], m.sumA ? m.sumA[b] : 0, m.sumB ? m.sumB[b] : 0);
          reference[a * n + b] = s;
          reference[b * n + a] = s;
        }
      });
      assert.deepEqual(computeSimilarityMatrix(rows, cols, measure, options).values, reference, `${measure}, minSupport ${minSupport}`);
    }
  }
});
