/**
 * Scoring by a per-item vector alone, the same for every user: the shared part of the non-personalised ranking
 * models (popularity counts, the freshness prior). Typed arrays only, no TensorFlow.
 */
import { assertPairsInRange } from "../data/index-identity";

/** Scores of pairs (users[k], items[k]) under `model`: `vector[items[k]]`, shape [n]; checks the pairs' ranges. */
export function itemVectorScores(model: string, vector: Float32Array, numUsers: number, users: Int32Array, items: Int32Array): Float32Array {
  assertPairsInRange(`${model}.score`, users, items, numUsers, vector.length);
  const out = new Float32Array(items.length);
  for (let k = 0; k < items.length; k++) out[k] = vector[items[k]];
  return out;
}

/** Writes `vector` once per user of `users` into `out` (CatalogueScorer rows), shape [users.length * vector.length]. */
export function itemVectorCatalogue(model: string, vector: Float32Array, users: Int32Array, out: Float32Array): void {
  if (out.length < users.length * vector.length) throw new RangeError(`${model}.scoreCatalogue: out has ${out.length} entries, needs ${users.length} x ${vector.length}`);
  for (let r = 0; r < users.length; r++) out.set(vector, r * vector.length);
}
