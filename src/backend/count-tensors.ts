/**
 * Tensor-leak checks for tests (and for users checking their own models), based on `tf.memory().numTensors` (which counts
 * every live tensor and variable of the active engine, on any backend).
 */
import * as tf from "@tensorflow/tfjs-core";

/** Thrown by `expectNoLeak` / `expectNoLeakAsync` when the number of live tensors changed. */
export class TensorLeakError extends Error {
  /** Tensors alive after the call minus before it (negative if the call disposed tensors it did not own). */
  readonly delta: number;

  /** Builds the error for `delta` leaked tensors, with an optional label naming the checked code. */
  constructor(delta: number, label?: string) {
    const what = label === undefined ? "function" : label;
    super(`${what} ${delta > 0 ? "leaked" : "disposed"} ${Math.abs(delta)} tensor(s) (numTensors delta ${delta})`);
    this.name = "TensorLeakError";
    this.delta = delta;
  }
}

/** Current number of live tensors (including variables). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Runs `fn` and returns its result with the change in live tensors. Tensors `fn` returns count as new;
 * dispose them (or account for them) before comparing.
 */
export function countNewTensors<T>(fn: () => T): { result: T; delta: number } {
  const before = liveTensors();
  const result = fn();
  return { result, delta: liveTensors() - before };
}

/** Async version of `countNewTensors`: awaits `fn` before counting. */
export async function countNewTensorsAsync<T>(fn: () => Promise<T>): Promise<{ result: T; delta: number }> {
  const before = liveTensors();
  const result = await fn();
  return { result, delta: liveTensors() - before };
}

/**
 * Asserts that `fn` leaves the number of live tensors unchanged and returns that delta (0). Throws a
 * `TensorLeakError` carrying the delta otherwise; `label` names the code in the message. `fn`'s return
 * value is discarded, so it must not return tensors it expects the caller to dispose.
 */
export function expectNoLeak(fn: () => unknown, label?: string): number {
  const { delta } = countNewTensors(fn);
  if (delta !== 0) throw new TensorLeakError(delta, label);
  return delta;
}

/**
 * Async version of `expectNoLeak`, for code that awaits (`data()`, `fit`, a training epoch). Do not run other
 * TF.js work concurrently while it is pending: the count is process-wide.
 */
export async function expectNoLeakAsync(fn: () => Promise<unknown>, label?: string): Promise<number> {
  const { delta } = await countNewTensorsAsync(fn);
  if (delta !== 0) throw new TensorLeakError(delta, label);
  return delta;
}
