/**
 * The side-feature kernels of a fused MLP step (feature-kernels.wat) instantiated on the memory of TF.js's wasm
 * backend, so that they read the feature tables and write the tower's input rows and the tables' gradients in
 * place by byte offset. One instance per backend object, kept on the backend itself; `null` on any other backend,
 * where the step runs the JavaScript loops of src/models/features/feature-gradients.ts.
 */
import { FEATURE_KERNELS_WASM_BASE64 } from "./feature-kernels-binary";
import { backendHeapKernels } from "./backend-heap-kernels";
import { compileWasm, instantiateWasm } from "./wasm-api";

/** The kernels' exports; every pointer is a byte offset into the wasm backend's heap (see feature-kernels.wat). */
export interface FeatureKernels {
  /** out[k, col..col + dim) = table[slot[entities[k]]] (rows of out `stride` floats apart). */
  categorical_rows(table: number, dim: number, slot: number, entities: number, n: number, out: number, stride: number, col: number): void;
  /** out[k, col..col + dim) = Σ_l w_l table[l] over the nonzero weights of entity entities[k], labels in order. */
  bag_rows(table: number, dim: number, weights: number, labels: number, entities: number, n: number, out: number, stride: number, col: number): void;
  /** s + Σ_k Σ_{j < width} x[k, col + j]² (float64, row by row). */
  row_squares(x: number, n: number, stride: number, col: number, width: number, s: number): number;
  /** grad[slot[entities[k]]] += dx[k, col..] + reg x[k, col..] (k in order). */
  categorical_grads(grad: number, dim: number, slot: number, entities: number, n: number, dx: number, x: number, stride: number, col: number, reg: number): void;
  /** grad[l] += w_l (dx[k, col..] + reg x[k, col..]) over the nonzero weights (k, then l in order). */
  bag_grads(grad: number, dim: number, weights: number, labels: number, entities: number, n: number, dx: number, x: number, stride: number, col: number, reg: number): void;
}

const INSTANCE_KEY = Symbol.for("recsys-notebooks.feature-kernels");

/** The feature kernels bound to the current backend's heap, or null when the backend is not wasm. */
export function featureKernels(): FeatureKernels | null {
  return backendHeapKernels(INSTANCE_KEY, (memory) => instantiateWasm<FeatureKernels>(compileWasm(FEATURE_KERNELS_WASM_BASE64), memory));
}
