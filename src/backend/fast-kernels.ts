/**
 * Installs the suite's replacement kernels into TF.js's global kernel registry:
 * - `UnsortedSegmentSum` (scatter-add, ./scatter-add-kernel) on wasm, where it is missing, and on cpu, where
 *   the stock kernel is O(numSegments x n x dim); it is what the gradient of `tf.gather` runs.
 * - `GatherV2` (row copy, ./gather-rows-kernel) on wasm and cpu, wrapping the stock kernel for the cases it
 *   does not cover.
 * - `BatchMatMul` on wasm (./batch-matmul-kernel): transposed operands are transposed first (the stock kernel's
 *   transposed products are about ten times slower); `Sum` over leading axes and `Transpose` of the last two
 *   axes on wasm (./reduce-transpose-kernels), the other slow steps of a dense layer's backward pass.
 * - `RecsysBiasedMfGrad` (./biased-mf-gradient-kernel), the fused forward and backward pass of biased MF.
 *
 * Our kernel functions carry a tag under a `Symbol.for` key, so registration is idempotent without any
 * module state, even across two loaded copies of this module (a notebook re-importing it).
 */
import "@tensorflow/tfjs-backend-cpu"; // stock kernels first, so they never overwrite ours later
import "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { unsortedSegmentSumCpu, unsortedSegmentSumWasm } from "./scatter-add-kernel";
import { makeGatherRowsCpu, makeGatherRowsWasm } from "./gather-rows-kernel";
import { BIASED_MF_GRAD_KERNEL, biasedMfGradCpu, biasedMfGradWasm } from "./biased-mf-gradient-kernel";
import { makeBatchMatMulWasm } from "./batch-matmul-kernel";
import { makeSumWasm, makeTransposeWasm } from "./reduce-transpose-kernels";

const FAST_KERNEL_TAG = Symbol.for("recsys-notebooks.fast-kernel");

/** One replacement: which kernel on which backend, and how to build it from the stock config (if any). */
interface FastKernelSpec {
  kernelName: string;
  backendName: "wasm" | "cpu";
  make: (stock: tf.KernelFunc | undefined) => tf.KernelFunc | undefined;
}

const SPECS: readonly FastKernelSpec[] = [
  { kernelName: tf.UnsortedSegmentSum, backendName: "wasm", make: () => unsortedSegmentSumWasm },
  { kernelName: tf.UnsortedSegmentSum, backendName: "cpu", make: () => unsortedSegmentSumCpu },
  { kernelName: tf.GatherV2, backendName: "wasm", make: (stock) => stock && makeGatherRowsWasm(stock) },
  { kernelName: tf.GatherV2, backendName: "cpu", make: (stock) => stock && makeGatherRowsCpu(stock) },
  { kernelName: tf.BatchMatMul, backendName: "wasm", make: (stock) => stock && makeBatchMatMulWasm(stock) },
  { kernelName: tf.Sum, backendName: "wasm", make: (stock) => stock && makeSumWasm(stock) },
  { kernelName: tf.Transpose, backendName: "wasm", make: (stock) => stock && makeTransposeWasm(stock) },
  { kernelName: BIASED_MF_GRAD_KERNEL, backendName: "wasm", make: () => biasedMfGradWasm },
  { kernelName: BIASED_MF_GRAD_KERNEL, backendName: "cpu", make: () => biasedMfGradCpu },
];

function isFast(config: tf.KernelConfig | undefined): boolean {
  return config !== undefined && (config.kernelFunc as unknown as Record<symbol, unknown>)[FAST_KERNEL_TAG] === true;
}

/**
 * Registers the fast kernels for the wasm and cpu backends (replacing stock ones; a wrapped stock kernel keeps
 * its setup and dispose hooks). Idempotent: a kernel that is already one of ours is left alone. Works before
 * or after the backends are initialised, since kernels are looked up when ops run. Returns the
 * `backend/kernel` keys it (re)registered: empty when everything was already in place.
 */
export function registerFastKernels(): string[] {
  const changed: string[] = [];
  for (const spec of SPECS) {
    const existing = tf.getKernel(spec.kernelName, spec.backendName);
    if (isFast(existing)) continue;
    const kernelFunc = spec.make(existing?.kernelFunc);
    if (kernelFunc === undefined) continue;
    Object.defineProperty(kernelFunc, FAST_KERNEL_TAG, { value: true });
    if (existing !== undefined) tf.unregisterKernel(spec.kernelName, spec.backendName);
    tf.registerKernel({
      kernelName: spec.kernelName,
      backendName: spec.backendName,
      kernelFunc,
      setupFunc: existing?.setupFunc,
      disposeFunc: existing?.disposeFunc,
    });
    changed.push(`${spec.backendName}/${spec.kernelName}`);
  }
  return changed;
}

/** True when every fast kernel for `backendName` ("wasm" or "cpu") is the one currently registered. */
export function hasFastKernels(backendName: string): boolean {
  const mine = SPECS.filter((spec) => spec.backendName === backendName);
  return mine.length > 0 && mine.every((spec) => isFast(tf.getKernel(spec.kernelName, backendName)));
}
