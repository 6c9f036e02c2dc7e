/**
 * Batched inference for TF.js rating models: predicts (user, item) pairs in chunks, each inside `tf.tidy`, and
 * clips to the rating scale, so that a million test pairs never build one huge activation tensor.
 */
import * as tf from "@tensorflow/tfjs-core";
import { assertPairsInRange } from "../data/index-identity";
import { clipToScale } from "./rating-model";

/** Pairs per chunk: large enough to amortise op overhead, small enough for a 256-unit tower (~64 MB floats). */
export const PREDICT_CHUNK = 32768;

/**
 * Predictions for pairs (users[k], items[k]), shape [n], from `compute` (called per chunk inside tf.tidy with
 * int32 tensors of shape [c], returning ratings of shape [c]), clipped to [scale.min, scale.max]. Throws a RangeError
 * naming `owner` for an index outside `space` (the training index space) instead of TF.js's GatherV2 error.
 */
export function predictInChunks(
  users: Int32Array,
  items: Int32Array,
  scale: { min: number; max: number },
  compute: (users: tf.Tensor1D, items: tf.Tensor1D) => tf.Tensor,
  space: { numUsers: number; numItems: number },
  owner = "predict",
): Float32Array {
  if (users.length !== items.length) throw new RangeError(`predict: users and items differ in length (${users.length} vs ${items.length})`);
  assertPairsInRange(owner, users, items, space.numUsers, space.numItems);
  const out = new Float32Array(users.length);
  for (let from = 0; from < users.length; from += PREDICT_CHUNK) {
    const to = Math.min(users.length, from + PREDICT_CHUNK);
    const part = tf.tidy(() => compute(tf.tensor1d(users.subarray(from, to), "int32"), tf.tensor1d(items.subarray(from, to), "int32")));
    out.set(part.dataSync() as Float32Array, from);
    part.dispose();
  }
  return clipToScale(out, scale.min, scale.max);
}
