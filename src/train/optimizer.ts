/**
 * Optimizer settings shared by every TensorFlow.js model, and the factory that builds a TF.js optimizer.
 */
import * as tf from "@tensorflow/tfjs-core";
import { checkTowerThreads, type TowerThreads } from "../backend/fused-tower";
import { checkEpochLoopConfig, type EpochLoopConfig } from "./epoch-loop";

/** Optimizer names the training loop understands. */
export type OptimizerName = "sgd" | "adam" | "adagrad";

/**
 * How the batch loss is reduced: "sum" matches per-rating SGD (Funk/Surprise; each rating contributes its own
 * full gradient), "mean" is the usual deep-learning choice for Adam.
 */
export type LossReduction = "sum" | "mean";

/** Training-loop settings shared by every TF.js model (epochs, patience and minDelta from `EpochLoopConfig`). */
export interface TrainingConfig extends EpochLoopConfig {
  /** Ratings per optimizer step. */
  batchSize: number;
  /** Optimizer. */
  optimizer: OptimizerName;
  /** Step size. */
  learningRate: number;
  /** Batch-loss reduction; see `LossReduction`. */
  lossReduction: LossReduction;
  /**
   * Update embedding tables row by row (only the rows of the batch; sparse-row-optimizer.ts) for models that
   * declare them, on the wasm and cpu backends. Default: on for "sgd" and "adagrad", where the result equals the
   * dense update; off for "adam", whose lazy row-wise form differs from dense Adam (rows not in a batch keep
   * their moments instead of decaying), so that it is chosen knowingly.
   */
  sparseUpdates?: boolean;
  /**
   * Compute the loss and gradients with the model's fused kernel when it has one (biased MF; the MLP and the
   * hybrid without dropout; GMF, NCF's MLP and NeuMF) instead of the TF.js graph. Same values to float32 rounding. Without sparse updates
   * the fused step updates whole tables (exactly TF.js's dense optimizer; train-tf-model.ts `sparseSetup`).
   * Default true; false is for checks and comparisons (and, without sparse updates, is TF.js's graph and optimizer).
   */
  fusedKernels?: boolean;
  /**
   * Threads of the fused dense tower (MLP, MLP + features, hybrid, NCF's MLP and NeuMF): 1, 2 or "auto" (2 when
   * the machine has 2 cores or more and the batch is large enough to pay for the hand-offs; see
   * src/backend/fused-tower.ts). The results are the same bits whatever the setting. Default: RECSYS_TOWER_THREADS
   * when set, else "auto".
   */
  towerThreads?: TowerThreads;
}

/** Whether `c` asks for row-wise embedding updates (see `TrainingConfig.sparseUpdates`). */
export function usesSparseUpdates(c: TrainingConfig): boolean {
  return c.sparseUpdates ?? c.optimizer !== "adam";
}

/** Validates a training configuration, naming the offending field. */
export function checkTrainingConfig(c: TrainingConfig, owner: string): void {
  checkEpochLoopConfig(c, owner);
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) throw new RangeError(`${owner}.batchSize must be an integer >= 1, got ${c.batchSize}`);
  if (!(c.learningRate > 0)) throw new RangeError(`${owner}.learningRate must be > 0, got ${c.learningRate}`);
  if (!["sgd", "adam", "adagrad"].includes(c.optimizer)) {
    throw new RangeError(`${owner}.optimizer must be "sgd", "adam" or "adagrad", got ${JSON.stringify(c.optimizer)}`);
  }
  if (c.sparseUpdates !== undefined && typeof c.sparseUpdates !== "boolean") {
    throw new RangeError(`${owner}.sparseUpdates must be true, false or left out, got ${JSON.stringify(c.sparseUpdates)}`);
  }
  if (c.fusedKernels !== undefined && typeof c.fusedKernels !== "boolean") {
    throw new RangeError(`${owner}.fusedKernels must be true, false or left out, got ${JSON.stringify(c.fusedKernels)}`);
  }
  checkTowerThreads(c.towerThreads, `${owner}.towerThreads`);
  if (!["sum", "mean"].includes(c.lossReduction)) {
    throw new RangeError(`${owner}.lossReduction must be "sum" or "mean", got ${JSON.stringify(c.lossReduction)}`);
  }
}

/** Builds the TF.js optimizer named in `c`. */
export function createOptimizer(c: TrainingConfig): tf.Optimizer {
  switch (c.optimizer) {
    case "sgd": return tf.train.sgd(c.learningRate);
    case "adam": return tf.train.adam(c.learningRate);
    case "adagrad": return tf.train.adagrad(c.learningRate);
  }
}
