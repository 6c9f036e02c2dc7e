/**
 * One training step of a TF.js model whose embedding tables are updated row by row (SparseRowOptimizer); its
 * other (dense) variables go through the same optimizer with every row, which is TF.js's dense step exactly but
 * one kernel call per variable instead of about ten TF.js ops. The gradient is taken with respect to the looked-up
 * rows, not the tables: no scatter of the gather gradient into a table-sized tensor, and no dense update of every
 * row. A model may also supply a fused kernel for the loss and the gradients (biased MF, the MLP, the hybrid
 * and NCF's models do). In dense-table mode (`TableUpdateMode`) every row of the tables is stepped: TF.js's
 * dense optimizer exactly.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { SparseRowOptimizer } from "./sparse-row-optimizer";
import type { TfBatch } from "./train-tf-model";

/** Which index of the batch looks up a table. */
export type LookupKey = "users" | "items";

/** What a model declares to be trained with sparse row updates. */
export interface SparseEmbeddings {
  /**
   * The tables updated row-wise in place ([rows] or [rows, dim]); every other trainable variable is dense. A table
   * must only be read by gathers or fused kernels, never as a matMul operand (see tensor-storage.ts).
   */
  tables: tf.Variable[];
  /** For each table, the batch index that looks it up. */
  keys: LookupKey[];
  /** The batch loss (reduced as configured) from the looked-up rows (`rows[k] = gather(tables[k], batch[keys[k]])`). */
  lossFromRows(rows: tf.Tensor[], batch: TfBatch): tf.Scalar;
  /**
   * Optional fused kernel: the same loss, its gradient with respect to each `rows[k]` (in `tables` order) and, when
   * the model has dense variables, with respect to every one of them (`dense`; a missing one is an error).
   */
  fusedRowGradients?(batch: TfBatch, indices: BatchIndices): FusedGradients;
  /** Frees what the fused kernel keeps between batches (optional; the training loop calls it once, at the end). */
  dispose?(): void;
}

/** What a fused kernel returns for one batch (tensors the step disposes). */
export interface FusedGradients {
  loss: tf.Scalar;
  /** Gradients of the looked-up rows, in `SparseEmbeddings.tables` order. */
  grads: tf.Tensor[];
  /** Gradients of the dense variables. */
  dense?: Map<tf.Variable, tf.Tensor>;
}

/** The variables outside the embedding tables (rank >= 1), each with the list of all its rows. */
export interface DenseVariables {
  variables: tf.Variable[];
  /** allRows[k] = 0 .. variables[k].shape[0] - 1. */
  allRows: Int32Array[];
}

/** `variables` with their row lists, for `sparseTfStep`; throws for a scalar variable (no rows). */
export function denseVariables(variables: tf.Variable[]): DenseVariables {
  for (const v of variables) if (v.shape.length === 0) throw new RangeError(`sparseTfStep: variable ${v.name} is a scalar; give it shape [1]`);
  return { variables, allRows: variables.map((v) => Int32Array.from({ length: v.shape[0] }, (_, k) => k)) };
}

/** The typed-array side of a batch: the same indices as the batch tensors (length b). */
export interface BatchIndices {
  users: Int32Array;
  items: Int32Array;
}

/**
 * How the embedding tables are stepped: "rows" updates only the looked-up rows (lazy Adam; exact for sgd and
 * adagrad), "dense" scatters the row gradients into the whole table and steps every row, which is exactly TF.js's
 * dense optimizer (for Adam too) at the cost of a pass over every table per batch.
 */
export type TableUpdateMode = "rows" | "dense";

/**
 * Runs one step on `batch` and returns its loss (a scalar the caller disposes). Row gradients are applied in place
 * by `sparseOptimizer` (row-wise or to the whole table, per `tableMode`); dense variables (`dense`) are updated by
 * the same optimizer with all their rows.
 */
export function sparseTfStep(
  spec: SparseEmbeddings,
  dense: DenseVariables,
  batch: TfBatch,
  indices: BatchIndices,
  sparseOptimizer: SparseRowOptimizer,
  tableMode: TableUpdateMode = "rows",
): tf.Scalar {
  return tf.tidy(() => {
    let loss: tf.Scalar;
    let rowGrads: tf.Tensor[];
    let denseGrads: tf.Tensor[] = [];
    if (spec.fusedRowGradients) {
      const fused = spec.fusedRowGradients(batch, indices);
      loss = fused.loss;
      rowGrads = fused.grads;
      denseGrads = dense.variables.map((v) => {
        const grad = fused.dense?.get(v);
        if (!grad) throw new Error(`sparseTfStep: the fused kernel gave no gradient for dense variable ${v.name} [${v.shape}]`);
        return grad;
      });
    } else {
      const rows = spec.tables.map((t, k) => tf.gather(t, batch[spec.keys[k]]));
      const { value, grads } = tf.engine().gradients(() => spec.lossFromRows(rows, batch), [...rows, ...dense.variables], undefined, true);
      loss = value as tf.Scalar;
      rowGrads = grads.slice(0, rows.length);
      denseGrads = grads.slice(rows.length);
    }
    sparseOptimizer.nextStep();
    // Dense variables: every row is in the batch, so the row-wise step is exactly TF.js's dense step. They then
    // get new storage: the wasm backend caches XNNPACK's packed weights of a matMul operand by its storage, so a
    // weight updated in place would keep being multiplied with its old values.
    dense.variables.forEach((v, k) => {
      if (!denseGrads[k]) return;
      sparseOptimizer.apply(v, dense.allRows[k], denseGrads[k]);
      v.assign(tf.add(v, 0));
    });
    spec.tables.forEach((table, k) => {
      const grad = rowGrads[k];
      if (!grad) return; // the loss does not depend on this table
      if (tableMode === "dense") sparseOptimizer.applyDense(table, indices[spec.keys[k]], grad);
      else sparseOptimizer.apply(table, indices[spec.keys[k]], grad);
    });
    return loss;
  });
}
