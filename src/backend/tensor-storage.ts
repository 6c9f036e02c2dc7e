/**
 * Direct access to the storage of a tensor on the wasm and cpu backends, for kernels that update embedding
 * tables row by row in place (sparse optimizer steps) instead of rewriting the whole table every step.
 *
 * TF.js tensors are immutable by convention and `clone()` / `assign()` share storage between tensors, so a
 * table may only be written in place once it owns its storage alone: `takeSoleOwnership` gives a variable a
 * private copy (call it once before training), and `copyOfTensor` makes snapshots that do not alias it.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";

/** Storage of float32 and int32 tensors. */
export type TensorArray = Float32Array | Int32Array;

/** True when `backendName` exposes tensor storage that can be read and written in place ("wasm" and "cpu"). */
export function hasWritableStorage(backendName: string): boolean {
  return backendName === "wasm" || backendName === "cpu";
}

/**
 * The live storage of float32 or int32 tensor `t` on the current backend (no copy): on wasm a view of the heap,
 * valid until the next allocation on that backend (take it again after creating tensors); on cpu the backend's
 * own array. Throws on any other backend or dtype.
 */
export function tensorStorage(t: tf.TensorInfo): TensorArray {
  const name = tf.getBackend();
  if (t.dtype !== "float32" && t.dtype !== "int32") throw new Error(`tensorStorage: dtype must be float32 or int32, got ${t.dtype}`);
  if (name === "wasm") return (tf.backend() as BackendWasm).typedArrayFromHeap(t) as TensorArray;
  if (name === "cpu") return (tf.backend() as MathBackendCPU).readSync(t.dataId) as TensorArray;
  throw new Error(`tensorStorage: the ${name} backend does not expose its storage (only wasm and cpu do)`);
}

/** A new tensor with a private copy of `t`'s values (unlike `tf.clone`, which shares storage). */
export function copyOfTensor(t: tf.Tensor): tf.Tensor {
  const values = t.dataSync();
  const copy = values instanceof Int32Array ? Int32Array.from(values) : Float32Array.from(values as Float32Array);
  return tf.tensor(copy, t.shape, t.dtype);
}

/** Gives `v` a private copy of its values, so that in-place row updates cannot reach another tensor. */
export function takeSoleOwnership(v: tf.Variable): void {
  const copy = copyOfTensor(v);
  v.assign(copy);
  copy.dispose();
}
