/**
 * A fast scatter-add implementation of TF.js's `UnsortedSegmentSum` kernel for the wasm and cpu backends.
 *
 * Why: tfjs-core computes the gradient of `tf.gather` (every embedding lookup) with `unsortedSegmentSum`.
 * The stock wasm backend (4.22.0) has no such kernel, so any embedding model fails to train on wasm with
 * "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'", and the stock cpu kernel loops over every
 * segment with an equal/multiply/sum pass over the whole input, O(numSegments x n x dim): hours for one
 * matrix-factorisation epoch on a million ratings. This one is a single pass, O(n x dim + numSegments x dim).
 *
 * Semantics follow TensorFlow: `x` has shape [...idsShape, ...rest], `segmentIds` (int32) has shape
 * `idsShape` (usually [n]), and the output has shape [numSegments, ...rest] with
 * `out[s] = sum of x[i] over all i with segmentIds[i] == s`; ids outside [0, numSegments) are ignored.
 * float32 and int32 are supported (int32 sums wrap around like TensorFlow's).
 * Registered by `registerFastKernels` (./fast-kernels).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { heapOffset, rowKernels } from "./wasm/row-kernels";

/** Element arrays the scatter-add accepts: the storage of float32 and int32 tensors. */
export type ScatterAddArray = Float32Array | Int32Array;

/**
 * Adds row `i` of `x` (rows of `rowSize` elements) into row `segmentIds[i]` of `out`, for every `i`;
 * rows whose id is outside [0, numSegments) are skipped. `out` must hold `numSegments * rowSize` elements
 * and is accumulated into (not cleared). Runs in O(segmentIds.length x rowSize).
 */
export function scatterAddRows(
  x: ScatterAddArray,
  segmentIds: ArrayLike<number>,
  rowSize: number,
  numSegments: number,
  out: ScatterAddArray,
): void {
  const n = segmentIds.length;
  if (x.length !== n * rowSize) {
    throw new RangeError(`scatterAddRows: x has ${x.length} elements, expected ${n} rows x ${rowSize}`);
  }
  if (out.length !== numSegments * rowSize) {
    throw new RangeError(`scatterAddRows: out has ${out.length} elements, expected ${numSegments} x ${rowSize}`);
  }
  if (rowSize === 1) {
    for (let i = 0; i < n; i++) {
      const s = segmentIds[i];
      if (s >= 0 && s < numSegments) out[s] += x[i];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = segmentIds[i];
    if (!(s >= 0 && s < numSegments)) continue;
    const dst = s * rowSize;
    const src = i * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] += x[src + j];
  }
}

/** Shapes of one UnsortedSegmentSum call, validated. */
interface SegmentSumPlan {
  outShape: number[];
  dtype: "float32" | "int32";
  rowSize: number;
  numSegments: number;
}

function planSegmentSum(x: tf.TensorInfo, segmentIds: tf.TensorInfo, attrs: tf.NamedAttrMap | undefined): SegmentSumPlan {
  const numSegments = Number((attrs as unknown as tf.UnsortedSegmentSumAttrs | undefined)?.numSegments);
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}`);
  }
  if (x.dtype !== "float32" && x.dtype !== "int32") {
    throw new Error(`UnsortedSegmentSum: x must be float32 or int32, got ${x.dtype}`);
  }
  if (segmentIds.dtype !== "int32") {
    throw new Error(`UnsortedSegmentSum: segmentIds must be int32, got ${segmentIds.dtype}`);
  }
  const idsRank = segmentIds.shape.length;
  const isPrefix = idsRank <= x.shape.length && segmentIds.shape.every((d, k) => d === x.shape[k]);
  if (!isPrefix) {
    throw new Error(
      `UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`,
    );
  }
  const rest = x.shape.slice(idsRank);
  return { outShape: [numSegments, ...rest], dtype: x.dtype, rowSize: tf.util.sizeFromShape(rest), numSegments };
}

function segmentSumInputs(inputs: tf.NamedTensorInfoMap): { x: tf.TensorInfo; segmentIds: tf.TensorInfo } {
  const { x, segmentIds } = inputs as unknown as tf.UnsortedSegmentSumInputs;
  if (x == null || segmentIds == null) throw new Error("UnsortedSegmentSum: inputs x and segmentIds are required");
  return { x, segmentIds };
}

/** True when every id is in [0, numSegments). */
function idsInRange(ids: Int32Array, numSegments: number): boolean {
  for (let i = 0; i < ids.length; i++) if (!(ids[i] >= 0 && ids[i] < numSegments)) return false;
  return true;
}

/**
 * `UnsortedSegmentSum` for the wasm backend: reads the inputs straight from the wasm heap, writes the output in
 * place. Float32 rows with every id in range go through the row kernels' `accumulate_rows` (the same additions in
 * the same order, four lanes at a time: the same bits as scatterAddRows, about 4x faster); the rest through
 * scatterAddRows.
 */
export const unsortedSegmentSumWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x, segmentIds } = segmentSumInputs(inputs);
  const plan = planSegmentSum(x, segmentIds, attrs);
  // Allocate first: a malloc may grow the heap and detach any typed-array view taken before it.
  const out = wasm.makeOutput(plan.outShape, plan.dtype);
  const kernels = rowKernels();
  const outValues = wasm.typedArrayFromHeap(out) as ScatterAddArray;
  outValues.fill(0); // malloc'ed memory is not zeroed
  const xValues = wasm.typedArrayFromHeap(x) as ScatterAddArray;
  const ids = wasm.typedArrayFromHeap(segmentIds) as Int32Array;
  if (kernels && plan.dtype === "float32" && ids.length * plan.rowSize === xValues.length && idsInRange(ids, plan.numSegments)) {
    kernels.accumulate_rows(heapOffset(out), heapOffset(x), heapOffset(segmentIds), ids.length, plan.rowSize);
    return out;
  }
  scatterAddRows(xValues, ids, plan.rowSize, plan.numSegments, outValues);
  return out;
};

/** `UnsortedSegmentSum` for the cpu backend (its `readSync` returns the backend's own arrays: nothing is copied). */
export const unsortedSegmentSumCpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const cpu = backend as MathBackendCPU;
  const { x, segmentIds } = segmentSumInputs(inputs);
  const plan = planSegmentSum(x, segmentIds, attrs);
  const outValues = tf.util.getTypedArrayFromDType(plan.dtype, plan.numSegments * plan.rowSize) as ScatterAddArray;
  const xValues = cpu.readSync(x.dataId) as ScatterAddArray;
  const ids = cpu.readSync(segmentIds.dataId) as Int32Array;
  scatterAddRows(xValues, ids, plan.rowSize, plan.numSegments, outValues);
  return cpu.makeTensorInfo(plan.outShape, plan.dtype, outValues);
};
