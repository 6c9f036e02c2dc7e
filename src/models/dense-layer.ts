/**
 * One fully connected layer, y = act(x W + b) with act ReLU or identity, as a TF.js op with a hand-written
 * gradient that uses only untransposed matrix products.
 *
 * Why: the gradient TF.js registers for `matMul` multiplies with `transposeA` / `transposeB`, which the wasm
 * backend computes in a naive loop about ten times slower than its XNNPACK path for untransposed operands
 * (measured here: [1024, 256]^T x [1024, 128] 43 ms, vs 3-4 ms untransposed), and that made an MLP epoch on
 * ml-100k several times slower than it needs to be. Here the transposes are explicit (`tf.transpose`, on the
 * smaller operand) and every product goes through the fast path. Values are the same as the stock gradient.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Activation of a dense layer. */
export type DenseActivation = "relu" | "linear";

/**
 * act(x W + b) for x [b, in], W [in, out], b [out] -> [b, out], differentiable in all three. The gradient with
 * respect to W is computed as x^T dz or (dz^T x)^T, whichever transposes the smaller batch matrix.
 */
export function denseLayer(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => {
    const [input, w, b] = args as tf.Tensor2D[];
    const save = args[3] as (tensors: tf.Tensor[]) => void;
    const z = tf.add(tf.matMul(input, w), b) as tf.Tensor2D;
    const value = activation === "relu" ? (tf.relu(z) as tf.Tensor2D) : z;
    save([input, w, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        const dz = (activation === "relu" ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
        const dx = tf.matMul(dz, tf.transpose(ws));
        const [, inWidth] = xs.shape;
        const [, outWidth] = dz.shape;
        const dw = inWidth <= outWidth ? tf.matMul(tf.transpose(xs), dz) : tf.transpose(tf.matMul(tf.transpose(dz), xs));
        return [dx, dw, tf.sum(dz, 0)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
