/**
 * WebAssembly kernels that work in place on TF.js's wasm backend heap (row-kernels, ncf-kernels,
 * candidate-kernels): instantiated once per backend object on that backend's own memory and kept on the backend
 * under a symbol (no module state: a new backend gets new instances).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { WasmMemory } from "./wasm-api";

/** What this file reads of the wasm backend's internals: its Emscripten module's memory. */
interface BackendMemory {
  wasm: { asm: { memory: WasmMemory } };
}

/**
 * The kernels kept on the current backend under `key`, made by `make` from the backend's heap memory on first use;
 * null when the backend is not wasm.
 */
export function backendHeapKernels<T>(key: symbol, make: (memory: WasmMemory) => T): T | null {
  if (tf.getBackend() !== "wasm") return null;
  const backend = tf.backend() as unknown as BackendMemory & Record<symbol, T | undefined>;
  let kernels = backend[key];
  if (!kernels) {
    kernels = make(backend.wasm.asm.memory);
    Object.defineProperty(backend, key, { value: kernels });
  }
  return kernels;
}
