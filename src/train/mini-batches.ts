/**
 * The library's batcher, exported for hand-written training loops: one epoch's mini-batches in the order the
 * shared epoch loop uses (`runEpochLoop` draws `rng.permutation(train.size)` once per epoch and the TF.js trainer
 * cuts it into consecutive batches), so a loop written in a notebook sees the same ratings in the same batches.
 */
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";

/** One mini-batch: dense user and item indices and the target values, each of shape [b]. */
export interface MiniBatch {
  users: Int32Array;
  items: Int32Array;
  targets: Float32Array;
}

/**
 * The mini-batches of one epoch over `train`: draws one permutation from `rng` (advancing it exactly as the
 * library's epoch loop does) and cuts it into batches of `batchSize` (the last one smaller).
 */
export function epochBatches(train: Ratings, rng: Rng, batchSize: number): MiniBatch[] {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`epochBatches: batchSize must be an integer >= 1, got ${batchSize}`);
  const order = rng.permutation(train.size);
  const out: MiniBatch[] = [];
  for (let from = 0; from < train.size; from += batchSize) {
    const n = Math.min(batchSize, train.size - from);
    const batch: MiniBatch = { users: new Int32Array(n), items: new Int32Array(n), targets: new Float32Array(n) };
    for (let k = 0; k < n; k++) {
      const row = order[from + k];
      batch.users[k] = train.users[row];
      batch.items[k] = train.items[row];
      batch.targets[k] = train.values[row];
    }
    out.push(batch);
  }
  return out;
}
