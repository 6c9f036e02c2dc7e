/**
 * BPR-MF's SGD pass (bpr-kernels.wat) on a WebAssembly memory of its own, with JavaScript's Math.exp and
 * Math.log1p imported (see src/models/implicit/bpr-arena.ts).
 */
import { BPR_KERNELS_WASM_BASE64 } from "./bpr-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory (see bpr-kernels.wat). */
export interface BprKernels {
  /**
   * `bprStep` on (users[k], items[k], neg[t n + s]) for k = order[t], t < count, s < n, on f32 tables W [* dim],
   * H [* dim] and item biases Bi; keepU/I/J = 1 - lr λ of each group. Returns `loss` plus every step's loss in
   * step order (nats).
   */
  bpr_pass(
    W: number, H: number, Bi: number, dim: number, users: number, items: number, order: number, neg: number, count: number, n: number,
    lr: number, keepU: number, keepI: number, keepJ: number, regBias: number, loss: number,
  ): number;
}

/** The kernel instantiated on a new fixed memory of at least `bytes` bytes; RangeError above 4 GiB. */
export function bprKernels(bytes: number): { kernels: BprKernels; memory: WasmMemory } {
  const memory = fixedWasmMemory(bytes, false, "BPR-MF");
  const env = { exp: Math.exp, log1p: Math.log1p };
  return { kernels: instantiateWasm<BprKernels>(compileWasm(BPR_KERNELS_WASM_BASE64), memory, env), memory };
}
