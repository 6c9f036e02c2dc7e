/**
 * The parts of the WebAssembly JavaScript API the suite's hand-written kernels use (typed here: the project's
 * TypeScript libraries do not declare `WebAssembly`), and fixed-size memories for them.
 */

/** A WebAssembly.Memory: its buffer (a SharedArrayBuffer when created shared). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** The WebAssembly constructors used by the kernels. */
export interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
}

/** Largest memory a wasm32 module can address: 65,536 pages of 64 KiB (4 GiB). */
const WASM_MEMORY_MAX_BYTES = 65536 * 65536;

/** The WebAssembly global of this runtime. */
function webAssembly(): WebAssemblyApi {
  return (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
}

/** Compiles a module from its base64 binary (a few microseconds for the suite's kernels). */
export function compileWasm(base64: string): object {
  return new (webAssembly().Module)(Buffer.from(base64, "base64"));
}

/** Instantiates `module` on `memory` (imported as env.memory) and any other `env` imports; returns its exports. */
export function instantiateWasm<T>(module: object, memory: WasmMemory, env: Record<string, unknown> = {}): T {
  return new (webAssembly().Instance)(module, { env: { ...env, memory } }).exports as T;
}

/**
 * A fixed-size memory of at least `bytes` bytes (whole 64 KiB pages), shared between threads when `shared`.
 * Throws a RangeError naming `owner` above 4 GiB.
 */
export function fixedWasmMemory(bytes: number, shared: boolean, owner: string): WasmMemory {
  if (!(bytes <= WASM_MEMORY_MAX_BYTES)) {
    throw new RangeError(`${owner}: needs ${(bytes / 2 ** 30).toFixed(1)} GiB of WebAssembly memory, above the 4 GiB limit`);
  }
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new (webAssembly().Memory)({ initial: pages, maximum: pages, ...(shared ? { shared: true } : {}) });
}
