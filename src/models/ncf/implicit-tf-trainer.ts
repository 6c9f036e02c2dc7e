/**
 * Training of implicit-feedback TensorFlow.js models through the shared epoch loop with NCF's pointwise log loss
 * (He et al. 2017, eq. 7): each epoch pairs every positive with `negatives` freshly sampled items (label 1 / 0)
 * and minimises the binary cross-entropy of the model's logits, one optimizer step per mini-batch in `tf.tidy`.
 * Models that describe their tables (`sparseEmbeddings`: GMF, NCF's MLP, NeuMF) train through `sparseTfStep` with
 * their fused log-loss kernel (ncf-fused-gradients.ts), with whole-table updates under dense Adam (exactly TF.js's
 * step); `training.fusedKernels: false` keeps TF.js's graph and optimizer.
 */
import { sparseSetup, variableSnapshots, type SparseSetup } from "../../train/train-tf-model";
import { takeSoleOwnership } from "../../backend/tensor-storage";
import { SparseRowOptimizer } from "../../train/sparse-row-optimizer";
import { denseVariables, sparseTfStep, type SparseEmbeddings } from "../../train/sparse-tf-step";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../backend/tf";
import type { Ratings } from "../../data/ratings";
import { runEpochLoop, type EpochTrainer } from "../../train/epoch-loop";
import { checkTrainingConfig, createOptimizer, type TrainingConfig } from "../../train/optimizer";
import type { TrainingHistory } from "../../train/training-history";
import type { ImplicitFitOptions } from "../implicit-model";
import { SampledExamples } from "./sampled-examples";

/** Training-loop settings of a model trained on sampled negatives. */
export interface ImplicitTrainingConfig extends TrainingConfig {
  /** Negatives sampled per positive per epoch (4 in NCF). The epoch has positives x (1 + negatives) examples. */
  negatives: number;
}

/**
 * NCF's training settings (He et al. 2017, section 4.1, and the authors' run scripts: Adam, 4 negatives per
 * positive, mean log loss per batch), except batch 4096 with learning rate 0.004 instead of 256 with 0.001: on
 * the wasm backend an epoch then costs 5-7 times less CPU with the same HR@10 per epoch (measured on ml-1m,
 * GMF with 8 factors, after 6 epochs: HR@10 0.630 against 0.620). Early stopping (patience 5 on the validator's
 * metric) applies only when a validator is given.
 */
export const defaultNcfTrainingConfig: ImplicitTrainingConfig = {
  epochs: 20,
  batchSize: 4096,
  optimizer: "adam",
  learningRate: 0.004,
  lossReduction: "mean",
  patience: 5,
  minDelta: 0.0001,
  negatives: 4,
};

/** What the trainer needs from a TF.js implicit model. */
export interface ImplicitTfTrainable {
  /** Display name. */
  readonly name: string;
  /** The variables the optimizer updates (and early stopping snapshots). */
  trainableVariables(): tf.Variable[];
  /** Logits (pre-sigmoid scores) of the pairs (users[k], items[k]), int32 inputs of shape [b]; shape [b]. */
  batchLogits(users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D;
  /**
   * Optional: the embedding tables and the log loss from their looked-up rows (batch targets = labels 0/1), and a
   * fused kernel; with it the model trains through `sparseTfStep` (see train-tf-model.ts `sparseSetup`).
   */
  sparseEmbeddings?(): SparseEmbeddings;
}

/** Validates an implicit training configuration, naming the offending field of `owner`. */
export function checkImplicitTrainingConfig(c: ImplicitTrainingConfig, owner: string): void {
  checkTrainingConfig(c, owner);
  if (!(Number.isInteger(c.negatives) && c.negatives >= 0)) throw new RangeError(`${owner}.negatives must be an integer >= 0, got ${c.negatives}`);
}

/**
 * Per-example binary cross-entropy of logits z against labels given as signs s (-1 for label 1, +1 for label 0):
 * -[y log σ(z) + (1 - y) log(1 - σ(z))] = softplus(s z), numerically stable for any z. Shape of `logits`.
 */
export function binaryCrossEntropyWithLogits(logits: tf.Tensor1D, signs: tf.Tensor1D): tf.Tensor1D {
  return tf.softplus(tf.mul(signs, logits)) as tf.Tensor1D;
}

/**
 * Trains `model` on the positives of `train` with `config`; returns the history. Epoch records count examples
 * (positives and negatives): `trainLoss` is the mean log loss per example. Every epoch leaves tf.memory() unchanged.
 */
export async function trainImplicitTfModel(
  model: ImplicitTfTrainable,
  train: Ratings,
  options: ImplicitFitOptions,
  config: ImplicitTrainingConfig,
): Promise<TrainingHistory> {
  ensureTfSetup();
  checkImplicitTrainingConfig(config, model.name);
  const examples = new SampledExamples(train, config.negatives, model.name);
  const sampleRng = options.rng.fork();
  const optimizer = createOptimizer(config);
  const setup = sparseSetup(model, config);
  const sparse = setup ? { ...setup, optimizer: new SparseRowOptimizer(config.optimizer, config.learningRate) } : null;
  try {
    const trainer = implicitEpochTrainer(model, examples, () => examples.resample(sampleRng), config, optimizer, sparse);
    const loopOptions = { rng: options.rng, progress: options.progress, validator: options.validator };
    return await runEpochLoop(model.name, trainer, examples.size, loopOptions, config);
  } finally {
    optimizer.dispose();
    sparse?.optimizer.dispose();
  }
}

/** The TF.js side of an epoch: fresh negatives, then batches from preallocated typed arrays. */
function implicitEpochTrainer(
  model: ImplicitTfTrainable,
  examples: SampledExamples,
  resample: () => void,
  config: ImplicitTrainingConfig,
  optimizer: tf.Optimizer,
  sparse: (SparseSetup & { optimizer: SparseRowOptimizer }) | null,
): EpochTrainer<tf.Tensor[]> {
  const tables = sparse?.spec.tables ?? [];
  tables.forEach(takeSoleOwnership);
  const dense = denseVariables(sparse ? model.trainableVariables().filter((v) => tables.indexOf(v) < 0) : []);
  dense.variables.forEach(takeSoleOwnership);
  const batchSize = Math.max(1, Math.min(config.batchSize, examples.size));
  const batches = Math.ceil(examples.size / batchSize);
  const users = new Int32Array(batchSize);
  const items = new Int32Array(batchSize);
  const signs = new Float32Array(batchSize);
  const labels = new Float32Array(batchSize);
  return {
    batchesPerEpoch: batches,
    async runEpoch(order, onBatch) {
      resample();
      let sum = 0;
      for (let b = 0; b < batches; b++) {
        const from = b * batchSize;
        const n = Math.min(batchSize, examples.size - from);
        examples.fill(order, from, n, users, items, signs);
        const loss: tf.Scalar = tf.tidy(() => {
          const u = tf.tensor1d(n === batchSize ? users : users.subarray(0, n), "int32");
          const i = tf.tensor1d(n === batchSize ? items : items.subarray(0, n), "int32");
          const s = tf.tensor1d(n === batchSize ? signs : signs.subarray(0, n), "float32");
          if (sparse) {
            const indices = n === batchSize ? { users, items } : { users: users.subarray(0, n), items: items.subarray(0, n) };
            for (let k = 0; k < n; k++) labels[k] = (1 - signs[k]) / 2; // sign -1: label 1
            const batch = { users: u, items: i, targets: tf.tensor1d(n === batchSize ? labels : labels.subarray(0, n), "float32") };
            return sparseTfStep(sparse.spec, dense, batch, indices, sparse.optimizer, sparse.tableMode);
          }
          const objective = (): tf.Scalar => {
            const total = tf.sum(binaryCrossEntropyWithLogits(model.batchLogits(u, i), s)) as tf.Scalar;
            return config.lossReduction === "sum" ? total : tf.div(total, n);
          };
          return optimizer.minimize(objective, true, model.trainableVariables()) ?? tf.scalar(NaN);
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
