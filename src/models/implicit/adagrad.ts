/**
 * AdaGrad (Duchi, Hazan and Singer, "Adaptive subgradient methods for online learning and stochastic
 * optimization", JMLR 2011) as used by logistic MF (Johnson 2014, section 3): per-coordinate step sizes
 * lr / sqrt(Σ_t g_t²) for gradient ascent on a log-likelihood with an L2 penalty.
 */

/** Added to sqrt(Σ g²) in the denominator so that coordinates with no gradient yet do not divide by zero. */
export const ADAGRAD_EPSILON = 1e-8;

/**
 * One AdaGrad ascent step on every coordinate k: g = grad[k] - reg * params[k] (the log-likelihood gradient
 * minus the derivative of (reg/2) params[k]²); accum[k] += g²; params[k] += lr * g / (sqrt(accum[k]) + ε).
 * Coordinates with zero gradient and zero value stay unchanged. `grad` and `accum` have params' shape.
 */
export function adagradAscent(params: Float32Array, grad: Float64Array, accum: Float64Array, lr: number, reg: number): void {
  if (grad.length !== params.length || accum.length !== params.length) {
    throw new RangeError(`adagradAscent: params (${params.length}), grad (${grad.length}) and accum (${accum.length}) differ in length`);
  }
  for (let k = 0; k < params.length; k++) {
    const g = grad[k] - reg * params[k];
    if (g === 0) continue;
    const a = accum[k] + g * g;
    accum[k] = a;
    params[k] += (lr * g) / (Math.sqrt(a) + ADAGRAD_EPSILON);
  }
}
