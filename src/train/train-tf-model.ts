/**
 * Training of TensorFlow.js models through the shared epoch loop: mini-batches gathered from typed arrays, one
 * optimizer step per batch inside `tf.tidy` (no tensor leaks), snapshots of the variables for early stopping.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../backend/tf";
import type { Ratings } from "../data/ratings";
import type { FitOptions } from "../models/rating-model";
import { ratingValidator, runEpochLoop, type EpochTrainer } from "./epoch-loop";
import { checkTrainingConfig, createOptimizer, type TrainingConfig } from "./optimizer";
import type { Predictor, TrainingHistory } from "./training-history";

/** One mini-batch as tensors: dense user and item indices (int32, shape [b]) and target ratings (float32, [b]). */
export interface TfBatch {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  targets: tf.Tensor1D;
}

/** What the loop needs from a TF.js model. */
export interface TfTrainable extends Predictor {
  /** The variables the optimizer updates (and early stopping snapshots). */
  trainableVariables(): tf.Variable[];
  /** Batch loss to minimise, reduced as configured ("sum" or "mean" over the batch). */
  batchLoss(batch: TfBatch): tf.Scalar;
}

/** Trains `model` on `train` with `config`; returns the history. Every epoch leaves tf.memory() unchanged. */
export async function trainTfModel(
  model: TfTrainable,
  train: Ratings,
  options: FitOptions,
  config: TrainingConfig,
): Promise<TrainingHistory> {
  ensureTfSetup();
  checkTrainingConfig(config, model.name);
  const optimizer = createOptimizer(config);
  try {
    const validator = options.validation && options.validation.size > 0 ? ratingValidator(model, options.validation) : undefined;
    const loopOptions = { rng: options.rng, progress: options.progress, validator };
    return await runEpochLoop(model.name, tfEpochTrainer(model, train, config, optimizer), train.size, loopOptions, config);
  } finally {
    optimizer.dispose();
  }
}

/** The TF.js side of an epoch: batches from preallocated typed arrays, one optimizer step each. */
function tfEpochTrainer(model: TfTrainable, train: Ratings, config: TrainingConfig, optimizer: tf.Optimizer): EpochTrainer<tf.Tensor[]> {
  const batchSize = Math.max(1, Math.min(config.batchSize, train.size));
  const batches = Math.ceil(train.size / batchSize);
  const users = new Int32Array(batchSize);
  const items = new Int32Array(batchSize);
  const targets = new Float32Array(batchSize);
  return {
    batchesPerEpoch: batches,
    async runEpoch(order, onBatch) {
      let sum = 0;
      for (let b = 0; b < batches; b++) {
        const from = b * batchSize;
        const n = Math.min(batchSize, train.size - from);
        for (let k = 0; k < n; k++) {
          const row = order[from + k];
          users[k] = train.users[row];
          items[k] = train.items[row];
          targets[k] = train.values[row];
        }
        const loss: tf.Scalar = tf.tidy(() => {
          const batch: TfBatch = {
            users: tf.tensor1d(n === batchSize ? users : users.subarray(0, n), "int32"),
            items: tf.tensor1d(n === batchSize ? items : items.subarray(0, n), "int32"),
            targets: tf.tensor1d(n === batchSize ? targets : targets.subarray(0, n), "float32"),
          };
          return optimizer.minimize(() => model.batchLoss(batch), true, model.trainableVariables()) ?? tf.scalar(NaN);
        });
        const value = (await loss.data())[0];
        loss.dispose();
        sum += config.lossReduction === "sum" ? value : value * n;
        if ((b & 63) === 63) onBatch(b + 1);
      }
      return sum;
    },
    ...variableSnapshots(() => model.trainableVariables()),
  };
}

/** Early-stopping snapshots of TF.js variables: copies taken, assigned back, and disposed. */
export function variableSnapshots(variables: () => tf.Variable[]): Pick<EpochTrainer<tf.Tensor[]>, "snapshot" | "restore" | "release"> {
  return {
    snapshot: () => variables().map((v) => v.clone()),
    restore: (s) => variables().forEach((v, i) => v.assign(s[i])),
    release: (s) => s.forEach((t) => t.dispose()),
  };
}
