/**
 * Seeded weight initialisation from the suite's injected `Rng` (TF.js initialisers draw from their own seeds;
 * drawing on the CPU keeps one source of randomness and makes runs reproducible across backends).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random/rng";

/** A float32 tensor of `shape` with entries drawn from N(0, std²). */
export function randomNormalTensor(shape: number[], std: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let k = 0; k < size; k++) values[k] = rng.normal() * std;
  return tf.tensor(values, shape, "float32");
}

/** Glorot (Xavier) uniform initialisation for a dense kernel of shape [fanIn, fanOut]. */
export function glorotUniformTensor(fanIn: number, fanOut: number, rng: Rng): tf.Tensor2D {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < values.length; k++) values[k] = (rng.next() * 2 - 1) * limit;
  return tf.tensor2d(values, [fanIn, fanOut], "float32");
}

/** A trainable variable holding `initial`'s values; `initial` is disposed (the variable keeps its own copy). */
export function variableFrom(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}
