/**
 * Sampled-logistic MF's SGD pass (sampled-logistic-kernels.wat) on a WebAssembly memory of its own, with
 * JavaScript's Math.exp and Math.log1p imported (see src/models/implicit/sampled-logistic-arena.ts).
 */
import { SAMPLED_LOGISTIC_KERNELS_WASM_BASE64 } from "./sampled-logistic-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory (see sampled-logistic-kernels.wat). */
export interface SampledLogisticKernels {
  /**
   * `sampledLogisticStep` over `count` positives (order i32 [count], indices into users/items i32) and their `n`
   * negatives each (neg i32 [count * n]), on f32 tables P [* dim], Q [* dim], UB, IB and GB [1]. Returns `loss`
   * plus every step's loss in step order (nats).
   */
  sampled_logistic_pass(
    P: number, Q: number, UB: number, IB: number, GB: number, dim: number,
    users: number, items: number, order: number, neg: number, count: number, n: number,
    lr: number, reg: number, loss: number,
  ): number;
}

/** The kernel instantiated on a new fixed memory of at least `bytes` bytes; RangeError above 4 GiB. */
export function sampledLogisticKernels(bytes: number): { kernels: SampledLogisticKernels; memory: WasmMemory } {
  const memory = fixedWasmMemory(bytes, false, "Sampled-logistic MF");
  const env = { exp: Math.exp, log1p: Math.log1p };
  return { kernels: instantiateWasm<SampledLogisticKernels>(compileWasm(SAMPLED_LOGISTIC_KERNELS_WASM_BASE64), memory, env), memory };
}
