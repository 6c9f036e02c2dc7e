/**
 * The dense float64 product kernel (dense-kernels.wat): its compiled module and its instantiation on a
 * WebAssembly memory of its own (see src/models/factorization/wasm-dense-arena.ts).
 */
import { DENSE_KERNELS_WASM_BASE64 } from "./dense-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory, strides in elements (see dense-kernels.wat). */
export interface DenseKernels {
  /** C[r][s] += alpha Σ_p A[r][p] B[s][p] for r < m4 (a multiple of 4), s < n2 (a multiple of 2), p < k. */
  gemm_nt_4x2(alpha: number, A: number, lda: number, B: number, ldb: number, C: number, ldc: number, m4: number, n2: number, k: number): void;
}

/** A fixed-size, unshared memory of at least `bytes` bytes and the kernel instantiated on it. */
export function denseKernels(bytes: number, owner: string): { memory: WasmMemory; kernels: DenseKernels } {
  const memory = fixedWasmMemory(bytes, false, owner);
  return { memory, kernels: instantiateWasm<DenseKernels>(compileWasm(DENSE_KERNELS_WASM_BASE64), memory) };
}
