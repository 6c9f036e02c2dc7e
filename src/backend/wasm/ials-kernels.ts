/**
 * iALS's float64 kernels (ials-kernels.wat): the compiled module and its instantiation on a WebAssembly memory of
 * its own (see src/models/implicit/ials-arena.ts).
 */
import { IALS_KERNELS_WASM_BASE64 } from "./ials-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernels' exports; pointers are byte offsets into the memory (see ials-kernels.wat). */
export interface IalsKernels {
  /** `gramian(factors, rows, dim)` of the float32 rows at `factors`, bit for bit, into g (float64 [dim * dim]). */
  gramian(factors: number, rows: number, dim: number, g: number): void;
  /**
   * `ialsHalfStep` bit for bit over CSR rows at the pointers (the fixed side as float64 rows, the float32 table
   * promoted; λ_r of every row in `lambdas`; the fixed side's Gram matrix in `g`); `exact` 1 for Cholesky solves, 0 for `cgSteps` conjugate-gradient steps. Returns -1 or the first
   * row whose normal equations are not positive definite.
   */
  ials_half_step(
    rows: number, offsets: number, indices: number, values: number, fixed: number, solved: number, lambdas: number, g: number,
    alpha0: number, dim: number, exact: number, cgSteps: number, a: number, x: number, r: number, p: number, ap: number,
  ): number;
  /** Σ_k values[k] (U[users[k]]·I[items[k]] - 1)² in k order (ialsObjective's observed term, the same bits). */
  observed_loss(users: number, items: number, values: number, size: number, U: number, I: number, dim: number): number;
  /** Per row r of F: quad[r] = F_rᵀ G F_r and norm[r] = |F_r|², as ialsObjective's user loop sums them; s: scratch [dim]. */
  row_quads(F: number, rows: number, dim: number, g: number, quad: number, norm: number, s: number): void;
}

let compiled: object | undefined;

/** A fixed-size, unshared memory of at least `bytes` bytes and the kernels instantiated on it. */
export function ialsKernels(bytes: number, owner: string): { memory: WasmMemory; kernels: IalsKernels } {
  const memory = fixedWasmMemory(bytes, false, owner);
  compiled ??= compileWasm(IALS_KERNELS_WASM_BASE64);
  return { memory, kernels: instantiateWasm<IalsKernels>(compiled, memory) };
}
