/**
 * Row-wise ("sparse", "lazy") optimizer steps for embedding tables: only the rows a batch looks up are read and
 * written, instead of the whole table every step as TF.js's dense optimizers do (for ml-1m at dimension 32 that
 * is 2 x 10k rows rewritten per batch of 1024 ratings). Updates run in place on the table's storage: on wasm with
 * the SIMD kernels of src/backend/wasm/row-kernels.wat (state and scratch held in the backend's heap as kept
 * tensors, freed by `dispose`), on cpu with the loops of row-updates-js.ts. The table must own its storage
 * (`takeSoleOwnership`).
 *
 * Formulas are TF.js 4.22's, row by row, with the gradient of a row summed over its occurrences in the batch:
 * - sgd: w -= lr g (the same result as the dense step: untouched rows have a zero gradient);
 * - adam (Kingma and Ba 2015, TF.js form): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g², w -= lr m̂ / (√v̂ + ε)
 *   with m̂ = m / (1 - b1^t), v̂ = v / (1 - b2^t) and t the global step. Lazy, as TensorFlow's LazyAdamOptimizer:
 *   a row's moments decay only when it is looked up, so the result equals dense Adam only when every row is in
 *   every batch;
 * - adagrad (Duchi et al. 2011, TF.js form): a += g² (a starts at 0.1), w -= lr g / √(a + ε); identical to the
 *   dense step, since an untouched row's accumulator does not change.
 */
import * as tf from "@tensorflow/tfjs-core";
import { tensorStorage } from "../backend/tensor-storage";
import { heapOffset, rowKernels, type RowKernels } from "../backend/wasm/row-kernels";
import type { OptimizerName } from "./optimizer";
import { accumulateRowsJs, adagradRowsJs, adamRowsJs, sgdRowsJs, type AdamStep } from "./row-updates-js";

/** Adam's decay rates (TF.js defaults). */
const BETA1 = 0.9;
const BETA2 = 0.999;
/** AdaGrad's initial accumulator (TF.js default). */
const ADAGRAD_INITIAL = 0.1;

/** Per-table optimizer state, shaped like the table (kept tensors, so that wasm kernels can address them). */
interface RowState {
  first: tf.Tensor | null;
  second: tf.Tensor | null;
}

/** A sparse optimizer over any number of tables; call `nextStep()` once per batch, `apply` per table, `dispose` at the end. */
export class SparseRowOptimizer {
  private readonly states = new Map<tf.Variable, RowState>();
  private step = 0;
  private slotOfRow = new Int32Array(0);
  /** Heap scratch: slot of each batch entry, unique rows, summed gradients (grown on demand, kept). */
  private slots: tf.Tensor | null = null;
  private unique: tf.Tensor | null = null;
  private sums: tf.Tensor | null = null;
  private readonly epsilon: number;

  constructor(readonly optimizer: OptimizerName, readonly learningRate: number) {
    if (!(learningRate > 0)) throw new RangeError(`SparseRowOptimizer: learningRate must be > 0, got ${learningRate}`);
    if (!["sgd", "adam", "adagrad"].includes(optimizer)) throw new RangeError(`SparseRowOptimizer: unknown optimizer "${String(optimizer)}"`);
    this.epsilon = tf.backend().epsilon();
  }

  /** Starts a new batch (advances Adam's step t). */
  nextStep(): void {
    this.step++;
  }

  /**
   * Applies the row gradients of one batch to `table` ([rows] or [rows, dim]) in place: `grads` (float32, [n, dim]
   * or [n]) holds one gradient row per entry of `indices` (repeated indices are summed first).
   */
  apply(table: tf.Variable, indices: Int32Array, grads: tf.Tensor): void {
    const rows = table.shape[0];
    const dim = table.shape.length > 1 ? table.size / rows : 1;
    const n = indices.length;
    if (grads.size !== n * dim) throw new RangeError(`SparseRowOptimizer.apply: ${grads.size} gradient values for ${n} rows of ${dim}`);
    if (this.step === 0) throw new Error("SparseRowOptimizer.apply: call nextStep() before the first apply");
    for (let k = 0; k < n; k++) {
      if (!(indices[k] >= 0 && indices[k] < rows)) throw new RangeError(`SparseRowOptimizer.apply: row ${indices[k]} is outside [0, ${rows})`);
    }
    const kernels = rowKernels();
    if (this.optimizer === "sgd") {
      if (!kernels) return sgdRowsJs(tensorStorage(table) as Float32Array, tensorStorage(grads) as Float32Array, indices, dim, this.learningRate);
      this.ensureScratch(n, dim);
      (tensorStorage(this.slots!) as Int32Array).set(indices);
      return kernels.sgd_rows(heapOffset(table), heapOffset(grads), heapOffset(this.slots!), n, dim, this.learningRate);
    }
    const state = this.stateOf(table);
    this.ensureScratch(n, dim);
    // Every allocation is done: views on the heap stay valid from here on.
    const slots = tensorStorage(this.slots!) as Int32Array;
    const unique = tensorStorage(this.unique!) as Int32Array;
    const count = this.assignSlots(indices, rows, slots, unique);
    const sums = (tensorStorage(this.sums!) as Float32Array).subarray(0, count * dim);
    sums.fill(0);
    if (kernels) this.applyWasm(kernels, table, state, grads, n, count, dim);
    else this.applyJs(table, state, grads, slots, unique, sums, n, count, dim);
  }

  /**
   * Dense-table mode: the same row gradients (repeated indices summed) scattered into the whole table, and every
   * row of `table` stepped, rows outside the batch with a zero gradient: exactly TF.js's dense step for sgd, adam
   * and adagrad (for sgd and adagrad a zero gradient changes nothing, so this is `apply`; for adam every row's
   * moments decay and every row moves by its bias-corrected first moment).
   */
  applyDense(table: tf.Variable, indices: Int32Array, grads: tf.Tensor): void {
    if (this.optimizer !== "adam") return this.apply(table, indices, grads);
    const rows = table.shape[0];
    const dim = table.shape.length > 1 ? table.size / rows : 1;
    const n = indices.length;
    if (grads.size !== n * dim) throw new RangeError(`SparseRowOptimizer.applyDense: ${grads.size} gradient values for ${n} rows of ${dim}`);
    if (this.step === 0) throw new Error("SparseRowOptimizer.applyDense: call nextStep() before the first apply");
    for (let k = 0; k < n; k++) {
      if (!(indices[k] >= 0 && indices[k] < rows)) throw new RangeError(`SparseRowOptimizer.applyDense: row ${indices[k]} is outside [0, ${rows})`);
    }
    const state = this.stateOf(table);
    this.ensureScratch(Math.max(n, rows), dim);
    // Every allocation is done: views on the heap stay valid from here on. Slot of entry k = its row.
    const slots = tensorStorage(this.slots!) as Int32Array;
    const unique = tensorStorage(this.unique!) as Int32Array;
    slots.set(indices);
    for (let r = 0; r < rows; r++) unique[r] = r;
    const sums = (tensorStorage(this.sums!) as Float32Array).subarray(0, rows * dim);
    sums.fill(0);
    const kernels = rowKernels();
    if (kernels) this.applyWasm(kernels, table, state, grads, n, rows, dim);
    else this.applyJs(table, state, grads, slots, unique, sums, n, rows, dim);
  }

  /** Frees the state and scratch tensors. */
  dispose(): void {
    this.states.forEach((s) => tf.dispose([s.first, s.second].filter((t): t is tf.Tensor => t !== null)));
    this.states.clear();
    tf.dispose([this.slots, this.unique, this.sums].filter((t): t is tf.Tensor => t !== null));
    this.slots = this.unique = this.sums = null;
  }

  private adamStep(): AdamStep {
    const c1 = 1 - Math.pow(BETA1, this.step);
    const c2 = 1 - Math.pow(BETA2, this.step);
    return { step1: this.learningRate / c1, invRootC2: 1 / Math.sqrt(c2), eps: this.epsilon, b1: BETA1, b2: BETA2 };
  }

  private applyWasm(k: RowKernels, table: tf.Variable, state: RowState, grads: tf.Tensor, n: number, count: number, dim: number): void {
    const sums = heapOffset(this.sums!);
    const unique = heapOffset(this.unique!);
    k.accumulate_rows(sums, heapOffset(grads), heapOffset(this.slots!), n, dim);
    if (this.optimizer === "adam") {
      const a = this.adamStep();
      k.adam_rows(heapOffset(table), heapOffset(state.first!), heapOffset(state.second!), sums, unique, count, dim, a.step1, a.invRootC2, a.eps, a.b1, a.b2);
    } else {
      k.adagrad_rows(heapOffset(table), heapOffset(state.first!), sums, unique, count, dim, this.learningRate, this.epsilon);
    }
  }

  private applyJs(table: tf.Variable, state: RowState, grads: tf.Tensor, slots: Int32Array, unique: Int32Array, sums: Float32Array, n: number, count: number, dim: number): void {
    accumulateRowsJs(sums, tensorStorage(grads) as Float32Array, slots, n, dim);
    const w = tensorStorage(table) as Float32Array;
    const first = tensorStorage(state.first!) as Float32Array;
    if (this.optimizer === "adam") adamRowsJs(w, first, tensorStorage(state.second!) as Float32Array, sums, unique, count, dim, this.adamStep());
    else adagradRowsJs(w, first, sums, unique, count, dim, this.learningRate, this.epsilon);
  }

  /** Gives each entry of `indices` the slot of its row (first occurrence order); returns the number of rows. */
  private assignSlots(indices: Int32Array, rows: number, slots: Int32Array, unique: Int32Array): number {
    if (this.slotOfRow.length < rows) this.slotOfRow = new Int32Array(rows).fill(-1);
    const slotOfRow = this.slotOfRow;
    let count = 0;
    for (let k = 0; k < indices.length; k++) {
      const r = indices[k];
      let s = slotOfRow[r];
      if (s < 0) {
        s = count++;
        slotOfRow[r] = s;
        unique[s] = r;
      }
      slots[k] = s;
    }
    for (let s = 0; s < count; s++) slotOfRow[unique[s]] = -1;
    return count;
  }

  private ensureScratch(n: number, dim: number): void {
    if (!this.slots || this.slots.size < n) {
      tf.dispose([this.slots, this.unique].filter((t): t is tf.Tensor => t !== null));
      this.slots = tf.keep(tf.zeros([n], "int32"));
      this.unique = tf.keep(tf.zeros([n], "int32"));
    }
    if (!this.sums || this.sums.size < n * dim) {
      this.sums?.dispose();
      this.sums = tf.keep(tf.zeros([n * dim]));
    }
  }

  private stateOf(table: tf.Variable): RowState {
    let state = this.states.get(table);
    if (!state) {
      state =
        this.optimizer === "adam"
          ? { first: tf.keep(tf.zeros(table.shape)), second: tf.keep(tf.zeros(table.shape)) }
          : { first: tf.keep(tf.fill(table.shape, ADAGRAD_INITIAL)), second: null };
      this.states.set(table, state);
    }
    return state;
  }
}
