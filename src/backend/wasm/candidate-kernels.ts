/**
 * The candidate generator's sampled-softmax and Adam kernels (candidate-kernels.wat) instantiated on the memory of TF.js's
 * wasm backend, with musl's expf table in a kept heap tensor. One instance per backend object, kept on the backend
 * (no module state); `null` on any other backend, where callers use the JavaScript loops of sampled-softmax.ts.
 */
import * as tf from "@tensorflow/tfjs-core";
import { EXPF_TABLE_HI, EXPF_TABLE_LO } from "../wasm-exp";
import { CANDIDATE_KERNELS_WASM_BASE64 } from "./candidate-kernels-binary";
import { heapOffset } from "./row-kernels";
import { backendHeapKernels } from "./backend-heap-kernels";
import { compileWasm, instantiateWasm } from "./wasm-api";

/** The module's exports; every pointer is a byte offset into the wasm backend's heap (see candidate-kernels.wat). */
export interface CandidateExports {
  softmax_first_rows(pos: number, neg: number, targets: number, drawn: number, negLogQ: number, n: number, k: number,
    probs: number, sums: number, first: number, tab: number): void;
  softmax_first_grad(probs: number, n: number, k: number, scale: number, gPos: number, gNeg: number): void;
  adam_step(w: number, m: number, v: number, g: number, out: number, n: number, b1: number, c1: number, b2: number, c2: number,
    a1: number, a2: number, eps: number, negLr: number): void;
}

/** The kernels bound to a backend's heap and the expf table they read. */
export interface CandidateKernels {
  readonly exports: CandidateExports;
  /** musl's 32 table words (int32 pairs, little-endian), kept for the backend's lifetime. */
  readonly table: tf.Tensor;
}

const INSTANCE_KEY = Symbol.for("recsys-notebooks.candidate-kernels");

/** The kernels bound to the current backend's heap, or null when the backend is not wasm. */
export function candidateKernels(): CandidateKernels | null {
  return backendHeapKernels(INSTANCE_KEY, (memory) => {
    const words = new Int32Array(64);
    for (let i = 0; i < 32; i++) {
      words[2 * i] = EXPF_TABLE_LO[i] | 0;
      words[2 * i + 1] = EXPF_TABLE_HI[i] | 0;
    }
    const table = tf.keep(tf.tensor1d(words, "int32"));
    return { exports: instantiateWasm<CandidateExports>(compileWasm(CANDIDATE_KERNELS_WASM_BASE64), memory), table };
  });
}

export { heapOffset };
