/**
 * TensorFlow.js set-up for code that trains: `ensureTfSetup()` registers tfjs-core's gradient functions and
 * the suite's fast kernels. Every module that uses TF imports tfjs-core itself
 * (`import * as tf from "@tensorflow/tfjs-core"`) and calls `ensureTfSetup()` before its first op.
 *
 * - Gradients: tfjs-core's CommonJS build registers none, so `tf.grad` / `minimize` fail in code that only
 *   imports `@tensorflow/tfjs-core`; importing tfjs-layers registers them.
 * - Kernels: the cpu and wasm backends plus the fast `UnsortedSegmentSum` / `GatherV2` kernels (idempotent),
 *   so embedding gradients work on wasm even in code that runs ops before calling `initBackend()`.
 * Still call `initBackend()` once to choose and report the backend. Chained ops (`t.sum()`) are not
 * registered by tfjs-core's CommonJS build either: use the functional forms (`tf.sum(t)`).
 *
 * Why a function and not a module with side effects or `export * from "@tensorflow/tfjs-core"`: both a star
 * re-export and a bare `import "./local-module"` whose body runs code crash the TypeScript 5.0 compiler inside
 * the tslab kernel (getDeclarationContainer), and notebooks could then import no model at all.
 */
import "@tensorflow/tfjs-layers";
import { registerFastKernels } from "./fast-kernels";

/** Registers gradients and the fast kernels; cheap and idempotent, call it before TF work. */
export function ensureTfSetup(): void {
  registerFastKernels();
}
