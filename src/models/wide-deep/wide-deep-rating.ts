/**
 * Wide & Deep for rating prediction (Cheng et al. 2016 with a squared-error output): r̂(u, i) = μ + logit(u, i)
 * (wide-deep-net.ts), μ the training mean, trained on half the squared error, clipped to the training scale.
 * Unseen users and items (no training ratings) have zero ID embeddings and zero wide weights for their id and
 * crosses; their side features still count.
 */
import { assertPairsInRange } from "../../data/index-identity";
import type { Ratings } from "../../data/ratings";
import { ratingValidator, runEpochLoop } from "../../train/epoch-loop";
import type { TrainingHistory } from "../../train/training-history";
import { clipToScale, type FitOptions, type RatingModel } from "../rating-model";
import { resolveWideDeepConfig, type WideDeepConfig, type WideDeepOverrides } from "./wide-deep-config";
import { WideDeepNet } from "./wide-deep-net";

/** Wide & Deep rating model (module comment). */
export class WideDeepRatingModel implements RatingModel {
  readonly name: string;
  fittedIndexId: string | undefined = undefined;
  private net: WideDeepNet | null = null;
  private scale = { min: -Infinity, max: Infinity };

  constructor(readonly config: WideDeepConfig) {
    this.name = config.name;
  }

  /** The fitted network (for inspection, e.g. the wide weights); throws before fit. */
  network(): WideDeepNet {
    if (!this.net) throw new Error(`${this.name}: network called before fit`);
    return this.net;
  }

  /** Trains both parts jointly on mini-batches of `train`, early stopping on `options.validation` RMSE. */
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    let mean = 0;
    for (let k = 0; k < train.size; k++) mean += train.values[k];
    mean /= train.size;
    const net = new WideDeepNet(this.config, train, options.rng.fork(), "mse", mean, "WideDeepConfig");
    this.net = net;
    this.scale = { ...train.scale };
    this.fittedIndexId = train.indexId;
    const bs = this.config.batchSize;
    const trainer = {
      batchesPerEpoch: Math.ceil(train.size / bs),
      runEpoch: (order: Uint32Array, onBatch: (done: number) => void): number => {
        let sum = 0;
        for (let from = 0, batch = 0; from < train.size; from += bs, batch++) {
          const rows = order.subarray(from, Math.min(from + bs, train.size));
          sum += net.trainBatch(Int32Array.from(rows, (r) => train.users[r]), Int32Array.from(rows, (r) => train.items[r]), Float32Array.from(rows, (r) => train.values[r]));
          onBatch(batch + 1);
        }
        return sum;
      },
      snapshot: () => net.snapshot(),
      restore: (s: ReturnType<WideDeepNet["snapshot"]>) => net.restore(s),
      release: (s: ReturnType<WideDeepNet["snapshot"]>) => net.release(s),
    };
    const validator = options.validation ? ratingValidator(this, options.validation) : undefined;
    return runEpochLoop(this.name, trainer, train.size, { rng: options.rng, progress: options.progress, validator }, this.config);
  }

  /** Predicted ratings μ + logit, clipped to the training scale, shape [n]. */
  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.net) throw new Error(`${this.name}: predict called before fit`);
    const [nu, ni] = this.net.space.shape;
    assertPairsInRange(`${this.name}.predict`, users, items, nu, ni);
    return clipToScale(this.net.outputs(users, items), this.scale.min, this.scale.max);
  }

  /** Frees the network's tensors. */
  dispose(): void {
    this.net?.dispose();
    this.net = null;
  }
}

/**
 * Creates a Wide & Deep rating model; unspecified fields take defaultWideDeepConfig. `features` optionally
 * narrows the side-feature columns of the deep part (wide: every categorical and multi-hot column of the data).
 */
export function createWideDeepRating(config: WideDeepOverrides = {}, features?: { userColumns?: readonly string[] | "all"; itemColumns?: readonly string[] | "all" }): WideDeepRatingModel {
  const merged = features ? { ...config, deep: { ...config.deep, features: { ...config.deep?.features, ...features } } } : config;
  return new WideDeepRatingModel(resolveWideDeepConfig(merged, "WideDeepConfig"));
}
