/**
 * The SIMD row kernels (row-kernels.wat) instantiated on the memory of TF.js's wasm backend, so that they read and
 * write tensors in place by byte offset. One instance per backend object, kept on the backend itself (no module
 * state); `null` on any other backend, where callers use their plain-JavaScript loops.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ROW_KERNELS_WASM_BASE64 } from "./row-kernels-binary";
import { backendHeapKernels } from "./backend-heap-kernels";
import { compileWasm, instantiateWasm } from "./wasm-api";

/** The kernels' exports; every pointer is a byte offset into the wasm backend's heap (see row-kernels.wat). */
export interface RowKernels {
  accumulate_rows(sums: number, grads: number, slots: number, n: number, dim: number): void;
  sgd_rows(w: number, g: number, rows: number, n: number, dim: number, lr: number): void;
  adam_rows(w: number, m: number, v: number, g: number, rows: number, count: number, dim: number, step1: number, invRootC2: number, eps: number, b1: number, b2: number): void;
  adagrad_rows(w: number, a: number, g: number, rows: number, count: number, dim: number, lr: number, eps: number): void;
  mf_grad(P: number, Q: number, bu: number, bi: number, users: number, items: number, targets: number, n: number, dim: number,
    mean: number, rf: number, rb: number, s: number, dP: number, dQ: number, dBu: number, dBi: number): number;
  /** Rows [P[users[k]], Q[items[k]]] into out (rows `stride` floats apart); returns Σ (p² + q²) (float64, row by row). */
  gather_id_rows(P: number, Q: number, users: number, items: number, n: number, dim: number, out: number, stride: number): number;
  /** `columnSums` (reduce-transpose-kernels.ts) bit for bit: out[j] = Σ_r x[r cols + j], rows in order. */
  column_sums(x: number, rows: number, cols: number, out: number): void;
  /** `transposeLastTwo` (batch-matmul-kernel.ts): the [cols, rows] transpose of each of `batch` [rows, cols] matrices. */
  transpose_last_two(src: number, dst: number, batch: number, rows: number, cols: number): void;
}

const INSTANCE_KEY = Symbol.for("recsys-notebooks.row-kernels");

/** What heapOffset reads of the wasm backend's internals. */
interface WasmInternals {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

/** The row kernels bound to the current backend's heap, or null when the backend is not wasm. */
export function rowKernels(): RowKernels | null {
  return backendHeapKernels(INSTANCE_KEY, (memory) => instantiateWasm<RowKernels>(compileWasm(ROW_KERNELS_WASM_BASE64), memory));
}

/** Byte offset of tensor `t`'s data in the wasm backend's heap (stable while the tensor lives). */
export function heapOffset(t: tf.TensorInfo): number {
  const entry = (tf.backend() as unknown as WasmInternals).dataIdMap.get(t.dataId);
  if (!entry) throw new Error("heapOffset: the tensor is not on the wasm backend (or was disposed)");
  return entry.memoryOffset;
}
