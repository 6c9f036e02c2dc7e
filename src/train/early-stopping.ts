/**
 * Early stopping on a validation metric where lower is better (RMSE): stop after `patience` epochs without an
 * improvement larger than `minDelta`, and remember the best epoch so its weights can be restored.
 */

/** Early-stopping settings. */
export interface EarlyStoppingConfig {
  /** Epochs without improvement before stopping; 0 disables early stopping. */
  patience: number;
  /** Smallest decrease of the metric that counts as an improvement (metric units). */
  minDelta: number;
}

/** Tracks the best value of a lower-is-better metric across epochs. */
export class EarlyStopping {
  private best = Infinity;
  private bestEpochNumber = 0;
  private sinceBest = 0;

  constructor(readonly config: EarlyStoppingConfig) {
    if (!(Number.isInteger(config.patience) && config.patience >= 0)) {
      throw new RangeError(`patience must be an integer >= 0, got ${config.patience}`);
    }
    if (!(config.minDelta >= 0)) throw new RangeError(`minDelta must be >= 0, got ${config.minDelta}`);
  }

  /** Records `value` for 1-based `epoch`; returns true when it is a new best. NaN never improves. */
  observe(epoch: number, value: number): boolean {
    if (value < this.best - this.config.minDelta) {
      this.best = value;
      this.bestEpochNumber = epoch;
      this.sinceBest = 0;
      return true;
    }
    this.sinceBest++;
    return false;
  }

  /** True when training should stop now. */
  shouldStop(): boolean {
    return this.config.patience > 0 && this.sinceBest >= this.config.patience;
  }

  /** The best epoch so far (0 before any observation). */
  get bestEpoch(): number {
    return this.bestEpochNumber;
  }

  /** The best metric value so far (Infinity before any observation). */
  get bestValue(): number {
    return this.best;
  }
}
