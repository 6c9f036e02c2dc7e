/**
 * The one training loop for every TensorFlow.js model: seeded shuffling, mini-batches from typed arrays,
 * an optimizer step per batch inside `tf.tidy` (no tensor leaks), validation RMSE/MAE per epoch, early stopping
 * with restoration of the best epoch's weights, and progress display.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../backend/tf";
import type { Ratings } from "../data/ratings";
import type { FitOptions } from "../models/rating-model";
import { EarlyStopping } from "./early-stopping";
import { checkTrainingConfig, createOptimizer, type TrainingConfig } from "./optimizer";
import { defaultProgress } from "./progress";
import { scoreRatings, type EpochRecord, type Predictor, type TrainingHistory } from "./training-history";

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
  if (train.size === 0) throw new RangeError(`${model.name}: the training set is empty`);
  const started = performance.now();
  const progress = options.progress ?? defaultProgress();
  const optimizer = createOptimizer(config);
  const stopping = new EarlyStopping({ patience: config.patience, minDelta: config.minDelta });
  const batchSize = Math.min(config.batchSize, train.size);
  const batches = Math.ceil(train.size / batchSize);
  const users = new Int32Array(batchSize);
  const items = new Int32Array(batchSize);
  const targets = new Float32Array(batchSize);
  const validation = options.validation && options.validation.size > 0 ? options.validation : undefined;
  const history: EpochRecord[] = [];
  let best: tf.Tensor[] | null = null;
  let stoppedEarly = false;
  progress.start({ model: model.name, epochs: config.epochs, batchesPerEpoch: batches });
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const order = options.rng.permutation(train.size);
      const epochStart = performance.now();
      let lossSum = 0;
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
          const cost = optimizer.minimize(() => model.batchLoss(batch), true, model.trainableVariables());
          return cost ?? tf.scalar(NaN);
        });
        const value = (await loss.data())[0];
        loss.dispose();
        lossSum += config.lossReduction === "sum" ? value : value * n;
        if ((b & 63) === 63) progress.batch(b + 1, batches);
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / train.size,
        seconds,
        examplesPerSecond: train.size / seconds,
      };
      if (validation) {
        const score = scoreRatings(model, validation);
        record.validationRmse = score.rmse;
        record.validationMae = score.mae;
      }
      history.push(record);
      progress.epoch(record);
      if (!Number.isFinite(record.trainLoss)) {
        throw new Error(`${model.name}: training diverged at epoch ${epoch} (loss ${record.trainLoss}); lower learningRate`);
      }
      if (validation && config.patience > 0) {
        if (stopping.observe(epoch, record.validationRmse!)) {
          best?.forEach((t) => t.dispose());
          best = model.trainableVariables().map((v) => v.clone());
        } else if (stopping.shouldStop()) {
          stoppedEarly = epoch < config.epochs;
          break;
        }
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (best) {
      const snapshot = best;
      model.trainableVariables().forEach((v, i) => v.assign(snapshot[i]));
    }
  } finally {
    best?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  const result: TrainingHistory = {
    model: model.name,
    epochs: history,
    bestEpoch: best ? stopping.bestEpoch : history.length,
    stoppedEarly,
    trainSeconds: (performance.now() - started) / 1000,
  };
  progress.end(result);
  return result;
}
