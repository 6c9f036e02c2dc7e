/**
 * SVD++'s float64 vector kernels (svdpp-kernels.wat): the compiled module and its instantiation on a WebAssembly
 * memory of its own (see src/models/factorization/svdpp-arena.ts).
 */
import { SVDPP_KERNELS_WASM_BASE64 } from "./svdpp-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernels' exports; pointers are byte offsets into the memory, rows `dim` float64s (see svdpp-kernels.wat). */
export interface SvdppKernels {
  /** z = norm Σ_{e in [from, to)} y[indices[e]]. */
  implicit_sum(z: number, y: number, indices: number, from: number, to: number, dim: number, norm: number): void;
  /** Σ_d q[d] (p[d] + z[d]) in the JS order. */
  dot_pz(q: number, p: number, z: number, dim: number): number;
  /** p += lr (e q - reg p); q += lr (e (p + z) - reg q) (old p, q); g += en q (old q). */
  update_pq(p: number, q: number, z: number, g: number, dim: number, e: number, en: number, lr: number, reg: number): void;
  /** y[indices[e]] += lr (g - shrink y[indices[e]]) for e in [from, to); then g = 0. */
  y_step(y: number, indices: number, from: number, to: number, g: number, dim: number, lr: number, shrink: number): void;
  /** p += norm y[indices[e]] for e in [from, to), in turn. */
  add_scaled_rows(p: number, y: number, indices: number, from: number, to: number, dim: number, norm: number): void;
}

let compiled: object | undefined;

/** A fixed-size, unshared memory of at least `bytes` bytes and the kernels instantiated on it. */
export function svdppKernels(bytes: number, owner: string): { memory: WasmMemory; kernels: SvdppKernels } {
  const memory = fixedWasmMemory(bytes, false, owner);
  compiled ??= compileWasm(SVDPP_KERNELS_WASM_BASE64);
  return { memory, kernels: instantiateWasm<SvdppKernels>(compiled, memory) };
}
