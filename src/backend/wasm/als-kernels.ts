/**
 * The ALS half-step (als-kernels.wat) on a WebAssembly memory of its own (see
 * src/models/factorization/als-arena.ts).
 */
import { ALS_KERNELS_WASM_BASE64 } from "./als-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory (see als-kernels.wat). */
export interface AlsKernels {
  /** `alsHalfStep` bit for bit over CSR rows at the pointers; returns -1 or the first singular row. */
  als_half_step(
    rows: number, offsets: number, indices: number, values: number, Y: number, d: number, X: number, c: number, a: number, b: number,
    dim: number, mean: number, regFactors: number, regBias: number,
  ): number;
}

/** The kernel instantiated on a new fixed memory of at least `bytes` bytes; RangeError above 4 GiB. */
export function alsKernels(bytes: number): { kernels: AlsKernels; memory: WasmMemory } {
  const memory = fixedWasmMemory(bytes, false, "ALS MF");
  return { kernels: instantiateWasm<AlsKernels>(compileWasm(ALS_KERNELS_WASM_BASE64), memory), memory };
}
