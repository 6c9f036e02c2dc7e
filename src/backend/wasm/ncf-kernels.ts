/**
 * The per-row loops of NCF's fused step (ncf-kernels.wat: GMF's terms and gradients, the MLP's input rows and their
 * gradients) instantiated on the memory of TF.js's wasm backend, so that
 * they read the embedding tables and write the gradient tensors in place by byte offset. One instance per backend
 * object, kept on the backend itself; `null` on any other backend, where the fused step runs its JavaScript loops.
 */
import { NCF_KERNELS_WASM_BASE64 } from "./ncf-kernels-binary";
import { backendHeapKernels } from "./backend-heap-kernels";
import { compileWasm, instantiateWasm } from "./wasm-api";

/** The kernels' exports; every pointer is a byte offset into the wasm backend's heap (see ncf-kernels.wat). */
export interface NcfKernels {
  /** out[k] (float64) = Σ_j (h[j] P[users[k], j]) Q[items[k], j], in float64, j in order. */
  gmf_terms(P: number, Q: number, h: number, users: number, items: number, n: number, dim: number, out: number): void;
  /** dP[k] = (g[k] h) ⊙ q, dQ[k] = (g[k] h) ⊙ p ([n, dim]) and kgrad = Σ_k (g[k] p) ⊙ q ([dim], float32 sums in k order). */
  gmf_grads(P: number, Q: number, h: number, users: number, items: number, g: number, n: number, dim: number, dP: number, dQ: number, kgrad: number): void;
  /** Row k of out (`stride` floats) = [U[users[k]], I[items[k]], zeros]: the MLP tower's input rows. */
  gather_pairs(U: number, I: number, users: number, items: number, n: number, dim: number, out: number, stride: number): void;
  /** dU[k], dI[k] = the first and second `dim` floats of row k of src (`stride` floats a row). */
  split_pairs(src: number, n: number, dim: number, stride: number, dU: number, dI: number): void;
}

const INSTANCE_KEY = Symbol.for("recsys-notebooks.ncf-kernels");

/** The NCF kernels bound to the current backend's heap, or null when the backend is not wasm. */
export function ncfKernels(): NcfKernels | null {
  return backendHeapKernels(INSTANCE_KEY, (memory) => instantiateWasm<NcfKernels>(compileWasm(NCF_KERNELS_WASM_BASE64), memory));
}
