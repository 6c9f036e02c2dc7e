/**
 * Adam (Kingma and Ba, "Adam: A method for stochastic optimization", ICLR 2015) over one flat Float32Array of
 * parameters, with an L2 term added to the gradient of a prefix of them (AutoRec's weights V and W).
 */

/** Adam's moment decay rates and ε (the paper's defaults). */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** Adam's state for `size` parameters: first and second moments and the step count. */
export class DenseAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(readonly size: number, readonly learningRate: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /**
   * One step on every parameter q: g = grad[q] + (q < penalised ? l2 theta[q] : 0), then Adam's bias-corrected
   * update theta[q] -= lr m̂ / (√v̂ + ε) (lr: `learningRate`, by default the constructor's). `grad` has theta's
   * shape and is not changed.
   */
  step(theta: Float32Array, grad: Float32Array, l2: number, penalised: number, learningRate = this.learningRate): void {
    if (theta.length !== this.size || grad.length !== this.size) {
      throw new RangeError(`DenseAdam.step: theta (${theta.length}) and grad (${grad.length}) must have ${this.size} entries`);
    }
    const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
    this.t++;
    const step1 = learningRate / (1 - Math.pow(beta1, this.t));
    const invRootC2 = 1 / Math.sqrt(1 - Math.pow(beta2, this.t));
    const m = this.m;
    const v = this.v;
    for (let q = 0; q < this.size; q++) {
      const g = q < penalised ? grad[q] + l2 * theta[q] : grad[q];
      const mq = beta1 * m[q] + (1 - beta1) * g;
      const vq = beta2 * v[q] + (1 - beta2) * g * g;
      m[q] = mq;
      v[q] = vq;
      theta[q] -= (step1 * mq) / (Math.sqrt(vq) * invRootC2 + epsilon);
    }
  }
}
