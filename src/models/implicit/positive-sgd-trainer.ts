/**
 * The epoch of the per-positive SGD models (BPR-MF and sampled-logistic MF): draw the epoch's negatives for the
 * shuffled order of positives, then run the model's SGD steps over that order in chunks of PROGRESS_CHUNK
 * positives, reporting progress after each chunk. The steps themselves stay in each model's own loop (a
 * callback per chunk, not per step, so the hot loop is not behind a shared closure call).
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { EpochTrainer } from "../../train/epoch-loop";
import type { EpochNegatives } from "./epoch-negatives";
import type { FactorTables } from "./factor-tables";
import { PROGRESS_CHUNK, tableSnapshots } from "./implicit-factor-model";

/**
 * SGD steps for the positives `order[from .. to)` of epoch `epoch` (0-based), whose negatives are
 * `negatives[t * perPositive .. (t + 1) * perPositive)` for position t; adds each step's loss (nats) to `loss`
 * in step order and returns the sum.
 */
export type PositiveChunkSteps = (order: Uint32Array, negatives: Int32Array, from: number, to: number, epoch: number, loss: number) => number;

/**
 * An epoch trainer over the positives of `train` that updates `tables`: each epoch draws `draws`' negatives for
 * the epoch's order with `rng`, then calls `steps` chunk by chunk; the epoch's loss is the running sum over all
 * its steps (nats). Batches per epoch: ceil(train.size / PROGRESS_CHUNK). Snapshots copy the tables.
 */
export function positiveSgdTrainer(
  train: Ratings,
  tables: FactorTables,
  draws: EpochNegatives,
  rng: Rng,
  steps: PositiveChunkSteps,
): EpochTrainer<FactorTables> {
  let epoch = 0;
  return {
    batchesPerEpoch: Math.ceil(train.size / PROGRESS_CHUNK),
    runEpoch(order, onBatch) {
      const e = epoch++;
      const neg = draws.draw(order, rng);
      let loss = 0;
      for (let from = 0, batch = 1; from < order.length; from += PROGRESS_CHUNK, batch++) {
        loss = steps(order, neg, from, Math.min(order.length, from + PROGRESS_CHUNK), e, loss);
        onBatch(batch);
      }
      return loss;
    },
    ...tableSnapshots(tables),
  };
}
