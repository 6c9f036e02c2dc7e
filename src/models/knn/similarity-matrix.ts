/**
 * Dense symmetric similarity matrix of all pairs of users (or items), as Surprise's KNN algorithms build it
 * (Hug 2020, `surprise/similarities.pyx`), stored as Float32 row-major: 4 n² bytes (ml-1m: users 146 MB,
 * items 55 MB).
 */
import type { SparseRows } from "../../data/rating-matrix";
import { forEachCoRatingRow } from "./co-rating-moments";
import type { KnnSimilarity } from "./knn-config";
import { similarityFormula, type SimilarityOptions } from "./similarity-measures";

/** Largest matrix computeSimilarityMatrix allocates: 2^30 entries (4 GiB of Float32). */
export const MAX_SIMILARITY_ENTRIES = 2 ** 30;

/** A dense symmetric n x n matrix; entry (a, b) is `values[a * size + b]`; the diagonal is 1 as in Surprise. */
export interface SimilarityMatrix {
  /** Number of rows and columns n (users for user-based, items for item-based). */
  readonly size: number;
  /** Row-major entries, shape [size * size]. */
  readonly values: Float32Array;
}

/**
 * Similarities between all pairs of rows of `rows` (rows = the neighbour entities with their ratings, or baseline
 * residuals for pearson-baseline), over the entries both rated. `columns` is the transpose of `rows`.
 * Throws if the matrix would exceed MAX_SIMILARITY_ENTRIES.
 */
export function computeSimilarityMatrix(
  rows: SparseRows,
  columns: SparseRows,
  measure: KnnSimilarity,
  options: SimilarityOptions,
): SimilarityMatrix {
  const n = rows.rows;
  if (n * n > MAX_SIMILARITY_ENTRIES) {
    throw new RangeError(`computeSimilarityMatrix: ${n} x ${n} similarities exceed ${MAX_SIMILARITY_ENTRIES} entries; use the other basis`);
  }
  const formula = similarityFormula(measure, options);
  const values = new Float32Array(n * n);
  forEachCoRatingRow(rows, columns, measure === "pearson", (a, m) => {
    const { count, sumAB, sumAA, sumBB, sumA, sumB } = m;
    values[a * n + a] = 1;
    for (let b = a + 1; b < n; b++) {
      // No co-rated entries: every formula gives 0, which the fresh matrix already holds (most item pairs).
      if (count[b] === 0) continue;
      const s = formula(count[b], sumAB[b], sumAA[b], sumBB[b], sumA ? sumA[b] : 0, sumB ? sumB[b] : 0);
      values[a * n + b] = s;
      values[b * n + a] = s;
    }
  });
  return { size: n, values };
}

/** Similarity of rows a and b. */
export function similarityAt(m: SimilarityMatrix, a: number, b: number): number {
  return m.values[a * m.size + b];
}
