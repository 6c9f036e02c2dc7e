/**
 * Seeded weight initialisation from the suite's injected `Rng` (TF.js initialisers draw from their own seeds;
 * drawing on the CPU keeps one source of randomness and makes runs reproducible across backends).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random/rng";

/**
 * A float32 tensor of `shape` with entries drawn from N(0, std²). With `rowMask` (length shape[0]), rows whose
 * flag is 0 are zero (all draws are still made, so the mask does not shift the other rows' values).
 */
export function randomNormalTensor(shape: number[], std: number, rng: Rng, rowMask?: Uint8Array): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const rowSize = shape.length > 1 ? size / shape[0] : 1;
  const values = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const v = rng.normal() * std;
    values[k] = rowMask && rowMask[Math.floor(k / rowSize)] === 0 ? 0 : v;
  }
  return tf.tensor(values, shape, "float32");
}

/** A trainable variable holding `initial`'s values; `initial` is disposed (the variable keeps its own copy). */
export function variableFrom(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/**
 * A float32 weight matrix of shape [fanIn, fanOut] drawn from the Glorot (Xavier) uniform distribution
 * U(-l, l) with l = sqrt(6 / (fanIn + fanOut)) (Glorot and Bengio, "Understanding the difficulty of training
 * deep feedforward neural networks", AISTATS 2010): the Keras default for dense layers.
 */
export function glorotUniformTensor(fanIn: number, fanOut: number, rng: Rng): tf.Tensor2D {
  if (!(Number.isInteger(fanIn) && fanIn >= 1 && Number.isInteger(fanOut) && fanOut >= 1)) {
    throw new RangeError(`glorotUniformTensor: fanIn and fanOut must be integers >= 1, got ${fanIn} and ${fanOut}`);
  }
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < values.length; k++) values[k] = (rng.next() * 2 - 1) * limit;
  return tf.tensor2d(values, [fanIn, fanOut], "float32");
}
