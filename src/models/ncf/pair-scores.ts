/**
 * Scoring of (user, item) pairs by the NCF models: index checks, chunked TF.js evaluation inside `tf.tidy`, and
 * the choice between logits and predicted probabilities σ(logit).
 */
import * as tf from "@tensorflow/tfjs-core";

/** What `scorePairs` returns: the logit z or the predicted interaction probability σ(z) (same ranking). */
export type PairOutput = "logit" | "probability";

/** Pairs evaluated per TF.js call. */
const CHUNK = 65536;

/**
 * Evaluates `logitsOf` for the pairs (users[k], items[k]) of an index space with `numUsers` users and
 * `numItems` items, in chunks; shape [n]. Throws a RangeError naming the first index out of range.
 */
export function scorePairs(
  name: string,
  logitsOf: (users: tf.Tensor1D, items: tf.Tensor1D) => tf.Tensor1D,
  users: Int32Array,
  items: Int32Array,
  space: { numUsers: number; numItems: number },
  output: PairOutput,
): Float32Array {
  if (users.length !== items.length) throw new RangeError(`${name}: users (${users.length}) and items (${items.length}) differ in length`);
  for (let k = 0; k < users.length; k++) {
    if (!(users[k] >= 0 && users[k] < space.numUsers)) throw new RangeError(`${name}: users[${k}] = ${users[k]} outside [0, ${space.numUsers})`);
    if (!(items[k] >= 0 && items[k] < space.numItems)) throw new RangeError(`${name}: items[${k}] = ${items[k]} outside [0, ${space.numItems})`);
  }
  const out = new Float32Array(users.length);
  for (let from = 0; from < users.length; from += CHUNK) {
    const to = Math.min(users.length, from + CHUNK);
    const part = tf.tidy(() => {
      const z = logitsOf(tf.tensor1d(users.subarray(from, to), "int32"), tf.tensor1d(items.subarray(from, to), "int32"));
      return output === "logit" ? z : tf.sigmoid(z);
    });
    out.set(part.dataSync() as Float32Array, from);
    part.dispose();
  }
  return out;
}
