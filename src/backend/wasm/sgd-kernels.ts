/**
 * The SGD MF kernel (sgd-kernels.wat): its compiled module and its instantiation on a shared WebAssembly memory,
 * which the main thread and DSGD worker threads all import (see src/models/factorization/sgd-arena.ts).
 */
import { SGD_KERNELS_WASM_BASE64 } from "./sgd-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

export type { WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory (see sgd-kernels.wat). */
export interface SgdKernels {
  /**
   * The SGD step of `sgdKernel` (sgd-epoch.ts) over ratings [from, to), bit for bit: T f64 [(numUsers + numItems)
   * * dim] at `T`, B f64 [numUsers + numItems] at `B`, users/items i32 and values f32 at their pointers. Returns
   * Σ e² (squared rating units).
   */
  sgd_pass(
    T: number, B: number, numUsers: number, dim: number, mean: number,
    users: number, items: number, values: number, from: number, to: number,
    lr: number, lrBias: number, reg: number, regBias: number,
  ): number;
}

/** The compiled module of sgd-kernels.wat; a worker thread can be sent it and instantiate it on the same memory. */
export function sgdKernelsModule(): object {
  return compileWasm(SGD_KERNELS_WASM_BASE64);
}

/** A fixed-size shared memory of at least `bytes` bytes (whole 64 KiB pages); RangeError above 4 GiB. */
export function sgdMemory(bytes: number): WasmMemory {
  return fixedWasmMemory(bytes, true, "SGD MF");
}

/** The kernel of `module` (from `sgdKernelsModule`) instantiated on `memory` (from `sgdMemory`). */
export function sgdKernels(module: object, memory: WasmMemory): SgdKernels {
  return instantiateWasm<SgdKernels>(module, memory);
}
