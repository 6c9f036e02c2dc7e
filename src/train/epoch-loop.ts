/**
 * The one epoch loop every iterative model trains through, whatever computes its updates (TensorFlow.js or
 * typed arrays) and whatever it is judged by (RMSE for ratings, HR@10 for rankings): seeded shuffling,
 * per-epoch validation, early stopping with restoration of the best epoch's parameters, timings, progress.
 */
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import { EarlyStopping } from "./early-stopping";
import { defaultProgress, type ProgressReporter } from "./progress";
import { scoreRatings, type EpochRecord, type Predictor, type TrainingHistory } from "./training-history";

/** Scores the model on held-out data after each epoch; `metric` of the result drives early stopping. */
export interface Validator {
  /** Name of the metric that decides early stopping, a key of `evaluate()`'s result (e.g. "rmse", "hr@10"). */
  readonly metric: string;
  /** True for errors (RMSE), false for scores (HR@10). */
  readonly lowerIsBetter: boolean;
  /** All validation metrics of the current parameters. */
  evaluate(): Record<string, number>;
}

/** Validation by RMSE (and MAE) of a rating predictor on held-out ratings. */
export function ratingValidator(model: Predictor, validation: Ratings): Validator {
  return { metric: "rmse", lowerIsBetter: true, evaluate: () => ({ ...scoreRatings(model, validation) }) };
}

/** What `runEpochLoop` needs besides the trainer: the seeded generator, progress, optional validation. */
export interface EpochLoopOptions {
  rng: Rng;
  progress?: ProgressReporter;
  validator?: Validator;
}

/** Epoch-level settings: how long to train and when to stop. */
export interface EpochLoopConfig {
  /** Maximum number of passes over the training ratings. */
  epochs: number;
  /** Epochs without validation improvement before stopping (0: never stop early). */
  patience: number;
  /** Smallest validation RMSE decrease that counts as improvement. */
  minDelta: number;
}

/** What a model provides to be trained by `runEpochLoop`. */
export interface EpochTrainer<Snapshot> {
  /** Optimizer steps per epoch, for progress bars. */
  readonly batchesPerEpoch: number;
  /**
   * One pass over the training rows in `order` (a permutation of 0..train.size-1); returns the summed training
   * objective over the epoch. `onBatch(done)` may be called as batches complete.
   */
  runEpoch(order: Uint32Array, onBatch: (done: number) => void): Promise<number> | number;
  /** A copy of the current parameters (taken at each new best epoch). */
  snapshot(): Snapshot;
  /** Puts the parameters of `s` back. */
  restore(s: Snapshot): void;
  /** Frees a snapshot that is no longer needed (e.g. disposes tensors). */
  release(s: Snapshot): void;
}

/** Validates epoch-loop settings, naming the offending field of `owner`. */
export function checkEpochLoopConfig(c: EpochLoopConfig, owner: string): void {
  for (const k of ["epochs", "patience"] as const) {
    const min = k === "epochs" ? 1 : 0;
    if (!(Number.isInteger(c[k]) && c[k] >= min)) throw new RangeError(`${owner}.${k} must be an integer >= ${min}, got ${c[k]}`);
  }
  if (!(c.minDelta >= 0)) throw new RangeError(`${owner}.minDelta must be >= 0, got ${c.minDelta}`);
}

/**
 * Trains model `name` through `trainer` for up to `config.epochs` passes over `trainSize` training examples
 * (each pass in a fresh seeded order); returns the history.
 */
export async function runEpochLoop<S>(
  name: string,
  trainer: EpochTrainer<S>,
  trainSize: number,
  options: EpochLoopOptions,
  config: EpochLoopConfig,
): Promise<TrainingHistory> {
  checkEpochLoopConfig(config, name);
  if (trainSize === 0) throw new RangeError(`${name}: the training set is empty`);
  const started = performance.now();
  const progress = options.progress ?? defaultProgress();
  const stopping = new EarlyStopping({ patience: config.patience, minDelta: config.minDelta });
  const validator = options.validator;
  const history: EpochRecord[] = [];
  let best: S | undefined;
  let stoppedEarly = false;
  const batches = trainer.batchesPerEpoch;
  progress.start({ model: name, epochs: config.epochs, batchesPerEpoch: batches });
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const order = options.rng.permutation(trainSize);
      const epochStart = performance.now();
      const objective = await trainer.runEpoch(order, (done) => progress.batch(done, batches));
      const seconds = (performance.now() - epochStart) / 1000;
      const record: EpochRecord = { epoch, trainLoss: objective / trainSize, seconds, examplesPerSecond: trainSize / seconds };
      if (validator) record.validation = validator.evaluate();
      history.push(record);
      progress.epoch(record);
      if (!Number.isFinite(record.trainLoss)) {
        throw new Error(`${name}: training diverged at epoch ${epoch} (loss ${record.trainLoss}); lower the learning rate`);
      }
      if (validator && config.patience > 0) {
        const value = record.validation![validator.metric];
        if (value === undefined) throw new Error(`${name}: the validator returned no "${validator.metric}"`);
        if (stopping.observe(epoch, validator.lowerIsBetter ? value : -value)) {
          if (best !== undefined) trainer.release(best);
          best = trainer.snapshot();
        } else if (stopping.shouldStop()) {
          stoppedEarly = epoch < config.epochs;
          break;
        }
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (best !== undefined) trainer.restore(best);
  } finally {
    if (best !== undefined) trainer.release(best);
  }
  const result: TrainingHistory = {
    model: name,
    epochs: history,
    bestEpoch: best !== undefined ? stopping.bestEpoch : history.length,
    stoppedEarly,
    trainSeconds: (performance.now() - started) / 1000,
  };
  progress.end(result);
  return result;
}
