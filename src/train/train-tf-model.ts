/**
 * Training of TensorFlow.js models through the shared epoch loop: mini-batches gathered from typed arrays, one
 * optimizer step per batch inside `tf.tidy` (no tensor leaks), snapshots of the variables for early stopping.
 * Models that declare their embedding tables (`sparseEmbeddings`) can have them updated row by row
 * (sparse-tf-step.ts) on the wasm and cpu backends, see `TrainingConfig.sparseUpdates`; models with a fused kernel
 * take it with dense Adam too (dense-table mode, see `sparseSetup`).
 */
import * as tf from "@tensorflow/tfjs-core";
import { copyOfTensor, hasWritableStorage, takeSoleOwnership } from "../backend/tensor-storage";
import { ensureTfSetup } from "../backend/tf";
import type { Ratings } from "../data/ratings";
import type { FitOptions } from "../models/rating-model";
import { ratingValidator, runEpochLoop, type EpochTrainer } from "./epoch-loop";
import { checkTrainingConfig, createOptimizer, usesSparseUpdates, type TrainingConfig } from "./optimizer";
import { SparseRowOptimizer } from "./sparse-row-optimizer";
import { denseVariables, sparseTfStep, type SparseEmbeddings, type TableUpdateMode } from "./sparse-tf-step";
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
  /** Embedding tables that may be updated row by row, and the loss from their looked-up rows (optional). */
  sparseEmbeddings?(): SparseEmbeddings;
}

/** How `sparseTfStep` trains a model: its tables and fused kernel, and how the tables are stepped. */
export interface SparseSetup {
  spec: SparseEmbeddings;
  tableMode: TableUpdateMode;
}

/**
 * The sparse set-up of `model` when `config` and the current backend allow it, else null (TF.js's optimizer on
 * the model's graph). With `sparseUpdates` (see `usesSparseUpdates`) the tables are updated row-wise; without it
 * (dense Adam, the default for "adam") a model with a fused kernel still takes the fused step with dense-table
 * updates, which is TF.js's dense optimizer exactly. `fusedKernels: false` without `sparseUpdates` is the
 * straightforward path: TF.js's graph and optimizer.
 */
export function sparseSetup(model: Pick<TfTrainable, "sparseEmbeddings">, config: TrainingConfig): SparseSetup | null {
  if (!model.sparseEmbeddings || !hasWritableStorage(tf.getBackend())) return null;
  const fusedAllowed = config.fusedKernels !== false;
  if (usesSparseUpdates(config)) {
    const spec = model.sparseEmbeddings();
    return { spec: fusedAllowed ? spec : { ...spec, fusedRowGradients: undefined }, tableMode: "rows" };
  }
  if (!fusedAllowed) return null;
  const spec = model.sparseEmbeddings();
  return spec.fusedRowGradients ? { spec, tableMode: "dense" } : null;
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
  const sparse = sparseSetup(model, config);
  const sparseOptimizer = sparse ? new SparseRowOptimizer(config.optimizer, config.learningRate) : null;
  try {
    const validator = options.validation && options.validation.size > 0 ? ratingValidator(model, options.validation) : undefined;
    const loopOptions = { rng: options.rng, progress: options.progress, validator };
    const step = sparse ? { ...sparse, optimizer: sparseOptimizer! } : null;
    return await runEpochLoop(model.name, tfEpochTrainer(model, train, config, optimizer, step), train.size, loopOptions, config);
  } finally {
    optimizer.dispose();
    sparseOptimizer?.dispose();
    sparse?.spec.dispose?.();
  }
}

/** The TF.js side of an epoch: batches from preallocated typed arrays, one optimizer step each (sparse or dense). */
function tfEpochTrainer(
  model: TfTrainable,
  train: Ratings,
  config: TrainingConfig,
  optimizer: tf.Optimizer,
  sparseStep: (SparseSetup & { optimizer: SparseRowOptimizer }) | null,
): EpochTrainer<tf.Tensor[]> {
  const sparse = sparseStep?.spec ?? null;
  const tableMode = sparseStep?.tableMode ?? "rows";
  const sparseOptimizer = sparseStep?.optimizer ?? null;
  sparse?.tables.forEach(takeSoleOwnership);
  const dense = denseVariables(sparse ? model.trainableVariables().filter((v) => sparse.tables.indexOf(v) < 0) : []);
  dense.variables.forEach(takeSoleOwnership);
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
        const indices = n === batchSize ? { users, items } : { users: users.subarray(0, n), items: items.subarray(0, n) };
        const loss: tf.Scalar = tf.tidy(() => {
          const batch: TfBatch = {
            users: tf.tensor1d(indices.users, "int32"),
            items: tf.tensor1d(indices.items, "int32"),
            targets: tf.tensor1d(n === batchSize ? targets : targets.subarray(0, n), "float32"),
          };
          if (sparse) return sparseTfStep(sparse, dense, batch, indices, sparseOptimizer!, tableMode);
          return optimizer.minimize(() => model.batchLoss(batch), true, model.trainableVariables()) ?? tf.scalar(NaN);
        });
        const value = loss.dataSync()[0]; // wasm and cpu compute synchronously: a promise per batch only costs time
        loss.dispose();
        sum += config.lossReduction === "sum" ? value : value * n;
        if ((b & 63) === 63) {
          onBatch(b + 1);
          await new Promise<void>((resolve) => setImmediate(resolve)); // let progress output and timers run
        }
      }
      return sum;
    },
    ...variableSnapshots(() => model.trainableVariables()),
  };
}

/**
 * Early-stopping snapshots of TF.js variables: private copies taken, copied back, and disposed (copies, not
 * `clone()`s, which share storage: sparse steps write tables in place).
 */
export function variableSnapshots(variables: () => tf.Variable[]): Pick<EpochTrainer<tf.Tensor[]>, "snapshot" | "restore" | "release"> {
  return {
    snapshot: () => variables().map((v) => copyOfTensor(v)),
    restore: (s) =>
      variables().forEach((v, i) => {
        const copy = copyOfTensor(s[i]);
        v.assign(copy);
        copy.dispose();
      }),
    release: (s) => s.forEach((t) => t.dispose()),
  };
}
