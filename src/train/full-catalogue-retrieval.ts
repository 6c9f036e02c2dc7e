/**
 * Exact full-catalogue retrieval: the top K items of the whole catalogue for every requested user, excluding the
 * items the user interacted with in training, as a recommender serves them (the candidate generation of
 * Covington et al. 2016, here exact). Users are scored in blocks (a block of users times every item, through the
 * model's CatalogueScorer, e.g. EASE's X_u B or the factor models' P Qᵀ), then each row goes through a bounded-heap
 * partial selection (top-k-selection.ts). Any ImplicitModel works: models without scoreCatalogue are scored
 * through `score` on (user, every item) pairs.
 */
import type { SparseRows } from "../data/rating-matrix";
import { isCatalogueScorer, type CatalogueScorer, type ImplicitModel } from "../models/implicit-model";
import { TopKSelector } from "./top-k-selection";

/** The top-K lists of many users: row r (for `users[r]`) is `items[r*k .. (r+1)*k)`, best first. */
export interface TopKLists {
  /** Dense user index of each row, shape [U]. */
  readonly users: Int32Array;
  /** List length K. */
  readonly k: number;
  /** Retrieved items, row-major [U, K]; -1 pads a row whose user has fewer than K candidates. */
  readonly items: Int32Array;
  /** Their scores, row-major [U, K]; -Infinity on padding. */
  readonly scores: Float32Array;
  /** Wall-clock seconds of scoring and selection. */
  readonly seconds: number;
}

/** Options of retrieveTopK. */
export interface RetrievalOptions {
  /** List length K per user (>= 1). */
  k: number;
  /** Items left out per user: row u of a SparseRows over all users (e.g. ratingsByUser(train)); none when absent. */
  exclude?: SparseRows | null;
  /** Users scored per block (memory: 4 bytes x users x items); default 256. */
  batchUsers?: number;
}

/**
 * A CatalogueScorer for any model: the model itself when it implements one, else one that calls
 * `model.score` on (user, item) pairs for every item of `numItems`.
 */
export function catalogueScorerOf(model: ImplicitModel, numItems: number): CatalogueScorer {
  if (isCatalogueScorer(model)) return model;
  const items = Int32Array.from({ length: numItems }, (_, i) => i);
  return {
    catalogueSize: () => numItems,
    scoreCatalogue: (users, out) => {
      for (let r = 0; r < users.length; r++) {
        out.set(model.score(new Int32Array(numItems).fill(users[r]), items), r * numItems);
      }
    },
  };
}

/**
 * The best `options.k` items of the catalogue for each of `users` by the scorer's scores (ties: lower item index
 * first), leaving out each user's row of `options.exclude`. Throws a RangeError naming the option or user on bad input.
 */
export function retrieveTopK(scorer: CatalogueScorer, users: Int32Array, options: RetrievalOptions): TopKLists {
  const start = performance.now();
  const k = options.k;
  const batch = options.batchUsers ?? 256;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`retrieveTopK: k must be an integer >= 1, got ${k}`);
  if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError(`retrieveTopK: batchUsers must be an integer >= 1, got ${batch}`);
  const n = scorer.catalogueSize();
  const ex = options.exclude ?? null;
  if (ex && ex.cols !== n) throw new RangeError(`retrieveTopK: exclude has ${ex.cols} columns but the scorer scores ${n} items`);
  for (let r = 0; r < users.length; r++) {
    if (ex && !(users[r] >= 0 && users[r] < ex.rows)) throw new RangeError(`retrieveTopK: users[${r}] = ${users[r]} outside exclude's rows [0, ${ex.rows})`);
  }
  const items = new Int32Array(users.length * k);
  const scores = new Float32Array(users.length * k);
  const block = new Float32Array(Math.min(batch, Math.max(users.length, 1)) * n);
  const selector = new TopKSelector(k);
  const none = new Int32Array(0);
  for (let r0 = 0; r0 < users.length; r0 += batch) {
    const r1 = Math.min(r0 + batch, users.length);
    scorer.scoreCatalogue(users.subarray(r0, r1), block);
    for (let r = r0; r < r1; r++) {
      const u = users[r];
      const exIdx = ex ? ex.indices : none;
      const exFrom = ex ? ex.offsets[u] : 0;
      const exTo = ex ? ex.offsets[u + 1] : 0;
      selector.select(block, (r - r0) * n, n, exIdx, exFrom, exTo, items, scores, r * k, "retrieveTopK");
    }
  }
  return { users, k, items, scores, seconds: (performance.now() - start) / 1000 };
}
