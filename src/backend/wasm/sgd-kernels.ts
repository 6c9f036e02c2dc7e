/**
 * The SGD MF kernel (sgd-kernels.wat): its compiled module and its instantiation on a shared WebAssembly memory,
 * which the main thread and DSGD worker threads all import (see src/models/factorization/sgd-arena.ts).
 */
import { SGD_KERNELS_WASM_BASE64 } from "./sgd-kernels-binary";

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

/** A WebAssembly.Memory (typed here: the project's TypeScript libs do not declare WebAssembly). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

/** The parts of the WebAssembly API used here. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
}

const api = (): WebAssemblyApi => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Largest memory the kernel's module accepts: 65,536 pages of 64 KiB (4 GiB, the wasm32 limit). */
export const SGD_MEMORY_MAX_BYTES = 65536 * 65536;

let compiled: object | null = null;

/** The compiled module of sgd-kernels.wat (compiled once per thread, then cached); a worker thread can be sent it. */
export function sgdKernelsModule(): object {
  compiled ??= new (api().Module)(Buffer.from(SGD_KERNELS_WASM_BASE64, "base64"));
  return compiled;
}

/** A fixed-size shared memory of at least `bytes` bytes (whole 64 KiB pages); RangeError above 4 GiB. */
export function sgdMemory(bytes: number): WasmMemory {
  if (!(bytes <= SGD_MEMORY_MAX_BYTES)) throw new RangeError(`sgdMemory: ${bytes} bytes exceed the 4 GiB of a WebAssembly memory`);
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new (api().Memory)({ initial: pages, maximum: pages, shared: true });
}

/** The kernel instantiated on `memory` (from `sgdMemory`). */
export function sgdKernels(memory: WasmMemory): SgdKernels {
  return new (api().Instance)(sgdKernelsModule(), { env: { memory } }).exports as SgdKernels;
}
