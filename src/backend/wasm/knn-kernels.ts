/**
 * k-NN's co-rating pass (knn-kernels.wat) on a WebAssembly memory of its own (see
 * src/models/knn/co-rating-wasm.ts).
 */
import { KNN_KERNELS_WASM_BASE64 } from "./knn-kernels-binary";
import { compileWasm, fixedWasmMemory, instantiateWasm, type WasmMemory } from "./wasm-api";

/** The kernel's export; pointers are byte offsets into the memory (see knn-kernels.wat). */
export interface KnnKernels {
  /** Row a's co-rating sums against every later row (0), or 1 when the columns are not the rows' transpose. */
  co_rating_row(
    a: number, n: number, rowStart: number, rowCols: number, rowVals: number, colStart: number, colRows: number, colVals: number, cursor: number,
    count: number, sumAB: number, sumAA: number, sumBB: number, sumA: number, sumB: number, linear: number,
  ): number;
}

/** The kernel instantiated on a new fixed memory of at least `bytes` bytes; RangeError above 4 GiB. */
export function knnKernels(bytes: number): { kernels: KnnKernels; memory: WasmMemory } {
  const memory = fixedWasmMemory(bytes, false, "k-NN");
  return { kernels: instantiateWasm<KnnKernels>(compileWasm(KNN_KERNELS_WASM_BASE64), memory), memory };
}
