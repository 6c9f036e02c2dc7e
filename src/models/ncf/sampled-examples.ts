/**
 * The pointwise training examples of NCF (He et al. 2017, section 3.1.1): every observed interaction with label
 * 1, each paired with `negatives` items the user has not interacted with, label 0, drawn afresh every epoch
 * (by the suite's `EpochNegatives`, which draws only among items with training interactions).
 */
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { EpochNegatives, defaultNegativeDraw } from "../implicit/epoch-negatives";

/**
 * One epoch's examples. Example id `e` in [0, size) belongs to positive `floor(e / (1 + negatives))`; slot
 * `e % (1 + negatives)` 0 is the positive itself, slot s > 0 its s-th sampled negative, so shuffling example ids
 * mixes positives and negatives across batches as NCF's shuffled instance list does. Items without training
 * interactions are never negatives and keep their initial (zero) embeddings. Rating values (confidences) are
 * ignored: every interaction is a positive of label 1, as in NCF's log loss.
 */
export class SampledExamples {
  /** Examples per epoch: positives x (1 + negatives). */
  readonly size: number;
  private readonly drawn: EpochNegatives;
  private readonly positivesInOrder: Uint32Array;

  /** Examples of `train` with `negatives` uniformly sampled items per positive; errors name `owner`'s fields. */
  constructor(private readonly train: Ratings, readonly negatives: number, owner = "SampledExamples") {
    this.drawn = new EpochNegatives(train, { ...defaultNegativeDraw, perPositive: negatives }, owner);
    this.size = train.size * (1 + negatives);
    this.positivesInOrder = new Uint32Array(train.size);
    for (let r = 0; r < train.size; r++) this.positivesInOrder[r] = r;
  }

  /** Draws a fresh negative for every (positive, slot), from `rng`. */
  resample(rng: Rng): void {
    this.drawn.draw(this.positivesInOrder, rng);
  }

  /**
   * Writes examples `order[from]` .. `order[from + n - 1]` into users[0..n), items[0..n) and `signs` (-1 for a
   * positive, +1 for a negative: the loss of logit z is softplus(sign * z)). Call `resample` first.
   */
  fill(order: Uint32Array, from: number, n: number, users: Int32Array, items: Int32Array, signs: Float32Array): void {
    const per = 1 + this.negatives;
    const negativeItems = this.drawn.items;
    for (let k = 0; k < n; k++) {
      const e = order[from + k];
      const row = Math.floor(e / per);
      const slot = e - row * per;
      users[k] = this.train.users[row];
      if (slot === 0) {
        items[k] = this.train.items[row];
        signs[k] = -1;
      } else {
        items[k] = negativeItems[row * this.negatives + slot - 1];
        signs[k] = 1;
      }
    }
  }
}
