/**
 * A stack of fully connected ReLU layers over TF.js variables, h_{l+1} = relu(h_l W_l + b_l), with optional
 * dropout between layers: the "tower" of the MLP rating model and of the hybrid's MLP branch (He et al.,
 * "Neural collaborative filtering", WWW 2017, section 3.3). Written by hand (not tfjs-layers) so that its
 * variables train through the suite's own loop.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random/rng";
import { denseLayer } from "./dense-layer";
import { glorotUniformTensor, variableFrom } from "./random-init";

/** Dense ReLU layers of sizes `sizes` on inputs of width `inputWidth`. */
export class DenseTower {
  /** Width of the tower's output: the last layer size (or the input width if there are no layers). */
  readonly outputWidth: number;
  private readonly kernels: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];

  /** Glorot-uniform kernels drawn from `rng` layer by layer, zero biases. */
  constructor(readonly inputWidth: number, readonly sizes: readonly number[], rng: Rng) {
    if (!(Number.isInteger(inputWidth) && inputWidth >= 1)) throw new RangeError(`DenseTower: inputWidth must be an integer >= 1, got ${inputWidth}`);
    let width = inputWidth;
    for (const size of sizes) {
      this.kernels.push(variableFrom(glorotUniformTensor(width, size, rng)));
      this.biases.push(variableFrom(tf.zeros([size])));
      width = size;
    }
    this.outputWidth = width;
  }

  /** Kernels and biases, layer by layer: [W_1, b_1, W_2, b_2, ...]. */
  variables(): tf.Variable[] {
    const out: tf.Variable[] = [];
    this.kernels.forEach((w, k) => out.push(w, this.biases[k]));
    return out;
  }

  /** The kernels [in_l, out_l] and biases [out_l], layer by layer (for fused kernels that read them). */
  weights(): { kernels: tf.Variable[]; biases: tf.Variable[] } {
    return { kernels: [...this.kernels], biases: [...this.biases] };
  }

  /**
   * The tower's output for inputs `x` (shape [b, inputWidth]) -> [b, outputWidth]; call inside tf.tidy. With
   * `dropout` (rate in [0, 1) and a seed source), inverted dropout is applied to each layer's output.
   */
  apply(x: tf.Tensor2D, dropout?: { rate: number; rng: Rng }): tf.Tensor2D {
    let h = x;
    this.kernels.forEach((w, k) => {
      h = denseLayer(h, w as tf.Tensor2D, this.biases[k] as tf.Tensor1D, "relu");
      if (dropout && dropout.rate > 0) h = tf.dropout(h, dropout.rate, undefined, dropout.rng.nextSeed()) as tf.Tensor2D;
    });
    return h;
  }

  /** Sum of the squared kernel entries (biases excluded), for weight decay; scalar. */
  squaredKernelNorm(): tf.Scalar {
    let s: tf.Scalar = tf.scalar(0);
    for (const w of this.kernels) s = tf.add(s, tf.sum(tf.square(w)));
    return s;
  }

  /** Copies the weights of `other` (same input width and sizes) into this tower. */
  copyFrom(other: DenseTower, owner: string): void {
    if (other.inputWidth !== this.inputWidth || other.sizes.join() !== this.sizes.join()) {
      throw new RangeError(`${owner}: the pretrained tower is ${other.inputWidth} -> [${other.sizes}], expected ${this.inputWidth} -> [${this.sizes}]`);
    }
    const mine = this.variables();
    other.variables().forEach((v, k) => mine[k].assign(v));
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
