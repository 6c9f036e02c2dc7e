/**
 * Logistic MF's pair kernels (implicit-kernels.wat): dot products and gradient row accumulation over lists of
 * (row, column) pairs, on a WebAssembly memory of their own (see src/models/implicit/logistic-pair-arena.ts).
 */
import { IMPLICIT_KERNELS_WASM_BASE64 } from "./implicit-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernels' exports; pointers are byte offsets into the memory (see implicit-kernels.wat). */
export interface ImplicitKernels {
  /** out[p] = A[rows[p]] · B[cols[p]] for p < count, as `dotRows` computes it (f32 tables [* dim], out f64). */
  pair_dots(A: number, B: number, dim: number, rows: number, cols: number, count: number, out: number): void;
  /** G[rows[p]] += w[p] * S[cols[p]] for p < count in order, as `addScaledRow` (G f64, S f32 tables [* dim]). */
  pair_axpy(G: number, S: number, dim: number, rows: number, cols: number, w: number, count: number): void;
}

/** The kernels instantiated on a new fixed memory of at least `bytes` bytes; RangeError above 4 GiB. */
export function implicitKernels(bytes: number): { kernels: ImplicitKernels; memory: WasmMemory } {
  const memory = fixedWasmMemory(bytes, false, "Logistic MF");
  return { kernels: instantiateWasm<ImplicitKernels>(compileWasm(IMPLICIT_KERNELS_WASM_BASE64), memory), memory };
}
