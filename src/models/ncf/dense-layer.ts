/**
 * Fully connected layers for the NCF models (He et al. 2017) over TF.js variables, not tfjs-layers models:
 * seeded uniform kernels (Glorot for hidden layers, LeCun for NCF's output layer, as in the authors' Keras
 * code), zero biases, the ReLU tower of the MLP branch, and copies for NeuMF's pretraining.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../random/rng";
import { denseLayer, type DenseActivation } from "../dense-layer";
import { variableFrom } from "../random-init";

/**
 * Kernel initialisation: "glorot-uniform", U(±sqrt(6 / (fanIn + fanOut))) (Glorot and Bengio, AISTATS 2010;
 * Keras' default for dense layers), or "lecun-uniform", U(±sqrt(3 / fanIn)) (LeCun et al., "Efficient
 * BackProp", 1998; NCF's prediction layer).
 */
export type DenseInit = "glorot-uniform" | "lecun-uniform";

/** One dense layer y = act(x W + b), with kernel W of shape [fanIn, fanOut] and bias b of shape [fanOut]. */
export interface DenseLayer {
  /** Kernel W, shape [fanIn, fanOut]. */
  readonly kernel: tf.Variable;
  /** Bias b, shape [fanOut]. */
  readonly bias: tf.Variable;
}

/** Half-width of the uniform kernel distribution of `init` for a [fanIn, fanOut] layer. */
export function uniformLimit(init: DenseInit, fanIn: number, fanOut: number): number {
  return init === "glorot-uniform" ? Math.sqrt(6 / (fanIn + fanOut)) : Math.sqrt(3 / fanIn);
}

/** A [fanIn, fanOut] dense layer: kernel drawn from `init` with `rng` (row-major), bias zero. */
export function createDenseLayer(fanIn: number, fanOut: number, rng: Rng, init: DenseInit): DenseLayer {
  if (!(Number.isInteger(fanIn) && fanIn >= 1)) throw new RangeError(`createDenseLayer: fanIn must be an integer >= 1, got ${fanIn}`);
  if (!(Number.isInteger(fanOut) && fanOut >= 1)) throw new RangeError(`createDenseLayer: fanOut must be an integer >= 1, got ${fanOut}`);
  if (init !== "glorot-uniform" && init !== "lecun-uniform") {
    throw new RangeError(`createDenseLayer: init must be "glorot-uniform" or "lecun-uniform", got ${JSON.stringify(init)}`);
  }
  const limit = uniformLimit(init, fanIn, fanOut);
  const values = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < values.length; k++) values[k] = (rng.next() * 2 - 1) * limit;
  return {
    kernel: variableFrom(tf.tensor2d(values, [fanIn, fanOut], "float32")),
    bias: variableFrom(tf.zeros([fanOut], "float32")),
  };
}

/** A dense layer whose variables hold `kernel` ([fanIn, fanOut]) and `bias` ([fanOut]); both inputs are disposed. */
export function denseLayerFrom(kernel: tf.Tensor, bias: tf.Tensor): DenseLayer {
  if (kernel.rank !== 2 || bias.rank !== 1 || bias.shape[0] !== kernel.shape[1]) {
    throw new RangeError(`denseLayerFrom: kernel [fanIn, fanOut] and bias [fanOut] expected, got [${kernel.shape}] and [${bias.shape}]`);
  }
  return { kernel: variableFrom(kernel), bias: variableFrom(bias) };
}

/** Copies of a layer's variables (new variables; the original stays usable). */
export function cloneDenseLayer(layer: DenseLayer): DenseLayer {
  return { kernel: tf.variable(layer.kernel), bias: tf.variable(layer.bias) };
}

/**
 * act(x W + b) for a batch x of shape [b, fanIn]; shape [b, fanOut]. Runs the suite's `denseLayer` op, whose
 * hand-written gradient avoids the wasm backend's slow transposed-operand matrix products (measured here on the
 * NCF tower [64, 32, 16, 8], batch 4096: forward and backward 13-15 ms instead of 26-29 ms CPU).
 */
export function applyDense(layer: DenseLayer, x: tf.Tensor2D, activation: DenseActivation): tf.Tensor2D {
  return denseLayer(x, layer.kernel as tf.Tensor2D, layer.bias as tf.Tensor1D, activation);
}

/**
 * The ReLU tower of NCF's MLP: `sizes[0]` inputs, then one ReLU layer per further entry (sizes [64, 32, 16, 8]
 * give layers 64→32, 32→16, 16→8), Glorot-uniform kernels drawn in layer order.
 */
export function createTower(sizes: readonly number[], rng: Rng): DenseLayer[] {
  if (sizes.length < 1) throw new RangeError("createTower: sizes must name at least the input size");
  const tower: DenseLayer[] = [];
  for (let k = 1; k < sizes.length; k++) tower.push(createDenseLayer(sizes[k - 1], sizes[k], rng, "glorot-uniform"));
  return tower;
}

/** Runs x ([b, sizes[0]]) through every ReLU layer of `tower`; shape [b, last size]. */
export function applyTower(tower: readonly DenseLayer[], x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  for (const layer of tower) h = applyDense(layer, h, "relu");
  return h;
}

/** The variables of `layers`, kernel then bias per layer. */
export function denseVariables(layers: readonly DenseLayer[]): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (const layer of layers) out.push(layer.kernel, layer.bias);
  return out;
}

/** Disposes the variables of `layers`. */
export function disposeDense(layers: readonly DenseLayer[]): void {
  for (const layer of layers) {
    layer.kernel.dispose();
    layer.bias.dispose();
  }
}
