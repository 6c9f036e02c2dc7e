/**
 * AutoRec's SIMD kernels (autorec-kernels.wat): the compiled module and its instantiation on a WebAssembly memory
 * of its own (see src/models/autorec/wasm-autorec-arena.ts).
 */
import { AUTOREC_KERNELS_WASM_BASE64 } from "./autorec-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernels' exports; pointers are byte offsets into the memory, k a multiple of 4 (see autorec-kernels.wat). */
export interface AutoRecKernels {
  /** out = μ + Σ r Vᵀ[j] over the entries (j, r) of `row`: the hidden pre-activation. */
  encode_row(enc: number, mu: number, offsets: number, indices: number, values: number, row: number, k: number, out: number): void;
  /** Output errors at the row's entries, their gradients into gW and gb, d loss / d act into back; returns Σ e². */
  decode_backward_row(dec: number, b: number, gdec: number, gb: number, offsets: number, indices: number, values: number, row: number, k: number, act: number, back: number): number;
  /** gVᵀ[j] += r back over the row's entries. */
  encoder_backward_row(genc: number, offsets: number, indices: number, values: number, row: number, k: number, back: number): void;
  /** Dense Adam on n4 parameters with l2 θ added to the gradient of the first `penalised`; zeroes the gradient. */
  adam_dense(theta: number, grad: number, m: number, v: number, n4: number, penalised: number, l2: number, step1: number, invRootC2: number, eps: number, b1: number, b2: number): void;
}

/** A fixed-size, unshared memory of at least `bytes` bytes and the kernels instantiated on it. */
export function autoRecKernels(bytes: number, owner: string): { memory: WasmMemory; kernels: AutoRecKernels } {
  const memory = fixedWasmMemory(bytes, false, owner);
  return { memory, kernels: instantiateWasm<AutoRecKernels>(compileWasm(AUTOREC_KERNELS_WASM_BASE64), memory) };
}
