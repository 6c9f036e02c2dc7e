/**
 * The dense-tower SIMD kernels (tower-kernels.wat) instantiated on a shared WebAssembly memory of their own, owned
 * by a fused tower (../fused-tower.ts), in the main thread and, with two threads, in its worker thread
 * (../fused-tower-thread.ts). Independent of TF.js's backend: the tower copies its inputs in and its gradients out.
 */
import { TOWER_KERNELS_WASM_BASE64 } from "./tower-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernels' exports; pointers are byte offsets into the memory, sizes in floats (see tower-kernels.wat). */
export interface TowerKernels {
  /** C[M, N] (+)= A[M, K] B[K, N]; A's element (i, p) at a + 4 (i ars + p acs); M % 4 = N % 8 = 0. */
  gemm(a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number, M: number, N: number, K: number, acc: number): void;
  /** z = act(z + bias) row by row, [M, N], ReLU when relu = 1. */
  bias_act(z: number, bias: number, M: number, N: number, relu: number): void;
  /** dz = h > 0 ? dz : 0 over `count` floats. */
  relu_mask(dz: number, h: number, count: number): void;
  /** out[j] = Σ_i dz[i, j] over [M, N], rows `ld` floats apart. */
  col_sum(dz: number, M: number, N: number, ld: number, out: number): void;
  /** outA = dX[:, :dim] + reg X[:, :dim], outB = dX[:, dim:2 dim] + reg X[:, dim:2 dim] over n rows `stride` floats apart (float64, rounded once). */
  id_grads(dx: number, x: number, stride: number, n: number, dim: number, reg: number, outA: number, outB: number): void;
}

/** A fixed shared memory of `bytes` bytes (rounded up to 64 KiB pages) for the tower kernels; RangeError above 4 GiB. */
export function towerMemory(bytes: number): WasmMemory {
  return fixedWasmMemory(bytes, true, "FusedTower");
}

let compiled: object | null = null;

/** The compiled module of tower-kernels.wat (compiled once; a worker thread can be sent it). */
export function towerKernelsModule(): object {
  compiled ??= compileWasm(TOWER_KERNELS_WASM_BASE64);
  return compiled;
}

/** The tower kernels instantiated on `memory` (from `towerMemory`). */
export function towerKernels(memory: WasmMemory): TowerKernels {
  return instantiateWasm<TowerKernels>(towerKernelsModule(), memory);
}
