/**
 * A `BatchMatMul` for the wasm backend that never hands a transposed operand to the stock kernel: it transposes
 * the operand itself (a cache-blocked copy over the heap) and then multiplies without transposes.
 *
 * Why: in tfjs-backend-wasm 4.22 a product with `transposeA` or `transposeB` (every weight gradient of a dense
 * layer, x^T dy, and every input gradient, dy W^T) takes about ten times as long as the plain product (5.5 ms
 * against 0.55 ms for [1024, 64] x [64, 64]), and the stock `Transpose` kernel is slow too (about 1 ms for
 * [1024, 64]). With this kernel the backward pass of an MLP costs about what its forward pass costs.
 * Registered by `registerFastKernels` (./fast-kernels), wrapping the stock kernel, which does the product.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { heapOffset, rowKernels } from "./wasm/row-kernels";

/** Rows x columns blocks copied at a time (keeps source and destination lines in cache). */
const BLOCK = 32;

/**
 * Writes the transpose of each of `batch` matrices [rows, cols] of `src` into `dst` ([cols, rows] each).
 * `src` and `dst` must not overlap.
 */
export function transposeLastTwo(src: Float32Array, dst: Float32Array, batch: number, rows: number, cols: number): void {
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * size;
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = Math.min(rows, r0 + BLOCK);
      for (let c0 = 0; c0 < cols; c0 += BLOCK) {
        const c1 = Math.min(cols, c0 + BLOCK);
        for (let r = r0; r < r1; r++) {
          const from = base + r * cols;
          for (let c = c0; c < c1; c++) dst[base + c * rows + r] = src[from + c];
        }
      }
    }
  }
}

/**
 * Transposes the last two axes of the float32 heap tensor `x` into `out` (shape [..., cols, rows], already made):
 * with the row kernels' `transpose_last_two` (the same copy in WebAssembly: 1.6 ms against this file's loop's 5.1 ms
 * for [2048, 512], 0.05 against 0.23 ms for [1024, 64], under load), else with `transposeLastTwo`.
 */
export function transposeInHeap(wasm: BackendWasm, x: tf.TensorInfo, out: tf.TensorInfo): void {
  const shape = x.shape;
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  const batch = tf.util.sizeFromShape(shape.slice(0, -2));
  const kernels = rowKernels();
  if (kernels) return kernels.transpose_last_two(heapOffset(x), heapOffset(out), batch, rows, cols);
  transposeLastTwo(wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(out) as Float32Array, batch, rows, cols);
}

/** A transposed float32 copy of `x` (last two dimensions swapped) in the heap; the caller disposes it. */
function transposedCopy(wasm: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const shape = x.shape;
  const out = wasm.makeOutput([...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]], "float32");
  transposeInHeap(wasm, x, out);
  return out;
}

/** Wraps the stock wasm `BatchMatMul`: float32 operands with a transpose flag are transposed here first. */
export function makeBatchMatMulWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as unknown as tf.BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    if ((!transposeA && !transposeB) || !a || !b || a.dtype !== "float32" || b.dtype !== "float32" || a.shape.length < 2 || b.shape.length < 2) {
      return stock(args);
    }
    const wasm = args.backend as BackendWasm;
    const temps: tf.TensorInfo[] = [];
    try {
      const aPlain = transposeA ? transposedCopy(wasm, a) : a;
      if (transposeA) temps.push(aPlain);
      const bPlain = transposeB ? transposedCopy(wasm, b) : b;
      if (transposeB) temps.push(bPlain);
      return stock({ ...args, inputs: { a: aPlain, b: bPlain }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temps) wasm.disposeData(t.dataId);
    }
  };
}
