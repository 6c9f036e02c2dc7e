/**
 * Per-pair evidence from outside the model (the two-stage recommender's retrieval stage): for each (user, item)
 * pair a bucket in [0, buckets) (one-hot in the wide part, e.g. the retrieval rank bucket) and a real value (e.g.
 * the retrieval score z-scored over the user's candidates). Wide & Deep adds them to its linear part as
 * buckets + 1 extra coordinates trained by FTRL with the other wide weights (wide-deep-net.ts).
 */

/** Evidence for pairs (module comment). */
export interface PairEvidence {
  /** Number of buckets, >= 1 (the same at training and at serving). */
  readonly buckets: number;
  /** Fills bucket[k] in [0, buckets) and value[k] (finite) for pair (users[k], items[k]); arrays of shape [n]. */
  lookup(users: Int32Array, items: Int32Array, bucket: Int32Array, value: Float32Array): void;
}
