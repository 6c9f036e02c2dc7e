/**
 * One training step of a TF.js model whose embedding tables are updated row by row (SparseRowOptimizer) and whose
 * other variables go through the usual dense TF.js optimizer. The gradient is taken with respect to the looked-up
 * rows, not the tables: no scatter of the gather gradient into a table-sized tensor, and no dense update of every
 * row. A model may also supply a fused kernel for the loss and the row gradients (biased MF does).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { SparseRowOptimizer } from "./sparse-row-optimizer";
import type { TfBatch } from "./train-tf-model";

/** Which index of the batch looks up a table. */
export type LookupKey = "users" | "items";

/** What a model declares to be trained with sparse row updates. */
export interface SparseEmbeddings {
  /** The tables updated row-wise ([rows] or [rows, dim]); every other trainable variable is dense. */
  tables: tf.Variable[];
  /** For each table, the batch index that looks it up. */
  keys: LookupKey[];
  /** The batch loss (reduced as configured) from the looked-up rows (`rows[k] = gather(tables[k], batch[keys[k]])`). */
  lossFromRows(rows: tf.Tensor[], batch: TfBatch): tf.Scalar;
  /** Optional fused kernel: the same loss and its gradient with respect to each `rows[k]`, in `tables` order. */
  fusedRowGradients?(batch: TfBatch): { loss: tf.Scalar; grads: tf.Tensor[] };
}

/** The typed-array side of a batch: the same indices as the batch tensors (length b). */
export interface BatchIndices {
  users: Int32Array;
  items: Int32Array;
}

/**
 * Runs one step on `batch` and returns its loss (a scalar the caller disposes). Row gradients are applied in place
 * by `sparseOptimizer`; dense variables (`dense`) are updated by `denseOptimizer`.
 */
export function sparseTfStep(
  spec: SparseEmbeddings,
  dense: tf.Variable[],
  batch: TfBatch,
  indices: BatchIndices,
  sparseOptimizer: SparseRowOptimizer,
  denseOptimizer: tf.Optimizer,
): tf.Scalar {
  return tf.tidy(() => {
    let loss: tf.Scalar;
    let rowGrads: tf.Tensor[];
    if (spec.fusedRowGradients && dense.length === 0) {
      const fused = spec.fusedRowGradients(batch);
      loss = fused.loss;
      rowGrads = fused.grads;
    } else {
      const rows = spec.tables.map((t, k) => tf.gather(t, batch[spec.keys[k]]));
      const { value, grads } = tf.engine().gradients(() => spec.lossFromRows(rows, batch), [...rows, ...dense], undefined, true);
      loss = value as tf.Scalar;
      rowGrads = grads.slice(0, rows.length);
      if (dense.length > 0) {
        const named = dense.map((v, k) => ({ name: v.name, tensor: grads[rows.length + k] })).filter((g) => g.tensor);
        denseOptimizer.applyGradients(named);
      }
    }
    sparseOptimizer.nextStep();
    spec.tables.forEach((table, k) => {
      const grad = rowGrads[k];
      if (!grad) return; // the loss does not depend on this table
      sparseOptimizer.apply(table, indices[spec.keys[k]], grad);
    });
    return loss;
  });
}
