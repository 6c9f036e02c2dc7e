/**
 * The ID embedding rows of a fused MLP step's tower input, [p_u, q_i] for every batch entry (Gindele 2018's MLP
 * over concatenated user and item embeddings), gathered on TF.js's wasm heap by the row kernels' `gather_id_rows`
 * into a block of rows as wide as the tower's, which other heap kernels may complete (the side features,
 * src/models/features/heap-features.ts) before `copyTo` moves it into the tower's memory in one copy. The tables
 * live on the heap and the tower in a memory of its own, which no WebAssembly function can address both of; a
 * JavaScript loop over the rows cost about 3 ns per float (0.2 ms per batch of 1,024 rows of 2 x 32), the kernel
 * and the block copy about a third of that. The returned squared norm Σ(|p_u|² + |q_i|²) is the loop's float64
 * sum in its order, so the same bits.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { RowBlock } from "./fused-tower";
import { tensorStorage } from "./tensor-storage";
import { heapOffset, rowKernels } from "./wasm/row-kernels";

/** Heap scratch for the gather: the batch's indices and a block of rows as wide as the tower's input rows. */
export class HeapIdRows {
  private users: tf.Tensor | null = null;
  private items: tf.Tensor | null = null;
  private block: tf.Tensor | null = null;
  private stride = 0;
  /** Rows of the last gather. */
  private n = 0;

  /** Whether the current backend has the row kernels (wasm); elsewhere callers copy with JavaScript. */
  static available(): boolean {
    return rowKernels() !== null;
  }

  /**
   * Makes room for `n` rows of `stride` floats (the tower's input stride). It may create tensors, which can grow
   * the heap and detach storage views: call it before taking any.
   */
  reserve(n: number, stride: number): void {
    if (!this.users || this.users.size < n) {
      tf.dispose([this.users, this.items].filter((t): t is tf.Tensor => t !== null));
      this.users = tf.keep(tf.zeros([n], "int32"));
      this.items = tf.keep(tf.zeros([n], "int32"));
    }
    if (!this.block || this.stride !== stride || this.block.size < n * stride) {
      // zeros: the kernel writes the first 2·dim columns of a row only, the others must reach the tower as 0
      this.block?.dispose();
      this.block = tf.keep(tf.zeros([n * stride]));
      this.stride = stride;
    }
  }

  /**
   * Writes [P[users[k]], Q[items[k]]] into the first 2·dim columns of rows k < n of the heap block (rows of the
   * reserved stride; its other columns stay 0 unless a caller writes them, see `rows`) and returns
   * Σ_k (|p_u|² + |q_i|²), float64, row by row. P [numUsers, dim] and Q [numItems, dim] are float32 tables on
   * the heap; `reserve(n, stride)` must have been called. `copyTo` then moves the block into the tower.
   */
  gather(P: tf.Tensor, Q: tf.Tensor, users: Int32Array, items: Int32Array, dim: number): number {
    const kernels = rowKernels();
    const n = users.length;
    if (!kernels || !this.users || !this.items || !this.block) throw new Error("HeapIdRows.gather: call reserve() first, on the wasm backend");
    if (this.users.size < n) throw new RangeError(`HeapIdRows.gather: reserved ${this.users.size} rows, asked for ${n}`);
    if (items.length !== n || P.shape[1] !== dim || Q.shape[1] !== dim) throw new RangeError(`HeapIdRows.gather: ${n} users and ${items.length} items, tables of width ${P.shape[1]} and ${Q.shape[1]} for dim ${dim}`);
    // The kernel reads the heap at these rows unchecked: an index outside a table must fail here, not read garbage.
    checkRows(users, P.shape[0], "user");
    checkRows(items, Q.shape[0], "item");
    (tensorStorage(this.users) as Int32Array).set(users);
    (tensorStorage(this.items) as Int32Array).set(items);
    this.n = n;
    return kernels.gather_id_rows(heapOffset(P), heapOffset(Q), heapOffset(this.users), heapOffset(this.items), n, dim, heapOffset(this.block), this.stride);
  }

  /** Where the gathered batch is on the heap, for kernels that fill the block's other columns (heap-features.ts). */
  rows(): { block: number; entities: readonly [number, number]; stride: number; n: number } {
    if (!this.users || !this.items || !this.block) throw new Error("HeapIdRows.rows: call reserve() and gather() first");
    return { block: heapOffset(this.block), entities: [heapOffset(this.users), heapOffset(this.items)], stride: this.stride, n: this.n };
  }

  /** Copies the block's first n rows (all `stride` columns) into `target` (a tower's input, of the same stride). */
  copyTo(target: RowBlock): void {
    if (!this.block || this.stride !== target.stride) throw new RangeError(`HeapIdRows.copyTo: the block's rows are ${this.stride} floats, the target's ${target.stride}`);
    target.data.set((tensorStorage(this.block) as Float32Array).subarray(0, this.n * this.stride), target.offset);
  }

  /** Frees the heap scratch. */
  dispose(): void {
    tf.dispose([this.users, this.items, this.block].filter((t): t is tf.Tensor => t !== null));
    this.users = this.items = this.block = null;
  }
}

function checkRows(indices: Int32Array, rows: number, what: string): void {
  for (let k = 0; k < indices.length; k++) {
    if (!(indices[k] >= 0 && indices[k] < rows)) throw new RangeError(`HeapIdRows.gather: ${what} row ${indices[k]} (entry ${k}) is outside [0, ${rows})`);
  }
}
