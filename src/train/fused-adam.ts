/**
 * TF.js's Adam, fused: `minimize` computes the gradients with tf.variableGrads as tf.Optimizer.minimize does, then
 * steps every variable with one WebAssembly pass (candidate-kernels.wat, `adam_step`) instead of TF.js's fifteen
 * kernel calls per variable, each writing a whole new tensor. The arithmetic is AdamOptimizer.applyGradients's
 * (tfjs-core 4.22), every operation rounded to float32 where its kernels round it, including the float32 running
 * products b^t, so the parameters are TF.js's to the bit (a test compares them). The moments are updated in place;
 * each variable gets new storage for its new value (as with TF.js's assign), since the wasm backend caches packed
 * matMul weights by tensor and a weight must never change in place. On other backends it is tf.train.adam itself.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { candidateKernels, heapOffset } from "../backend/wasm/candidate-kernels";

/** Adam's decay rates and ε as tf.train.adam's defaults (ε: the backend's epsilon). */
const BETA1 = 0.9;
const BETA2 = 0.999;

/** Adam with TF.js's arithmetic and a fused step on wasm (module comment). */
export class FusedAdam {
  private readonly stock: tf.Optimizer | null;
  private readonly moments = new Map<tf.Variable, { m: tf.Tensor; v: tf.Tensor }>();
  /** b1^t and b2^t as TF.js keeps them (float32 scalars multiplied in float32 each step). */
  private accBeta1 = Math.fround(BETA1);
  private accBeta2 = Math.fround(BETA2);
  private readonly epsilon: number;

  constructor(readonly learningRate: number) {
    this.stock = candidateKernels() ? null : tf.train.adam(learningRate);
    this.epsilon = tf.backend().epsilon();
  }

  /** True when steps run in the WebAssembly kernel (the wasm backend), false when they are tf.train.adam's. */
  get fused(): boolean {
    return this.stock === null;
  }

  /** tf.Optimizer.minimize(f, true, varList): one Adam step on `varList`; returns the loss (the caller disposes it). */
  minimize(f: () => tf.Scalar, varList: tf.Variable[]): tf.Scalar {
    if (this.stock) return this.stock.minimize(f, true, varList) as tf.Scalar;
    const kernels = candidateKernels()!;
    const { value, grads } = tf.variableGrads(f, varList);
    const fr = Math.fround;
    const b1 = fr(BETA1);
    const b2 = fr(BETA2);
    const c1 = fr(1 - BETA1);
    const c2 = fr(1 - BETA2);
    const a1 = fr(1 - this.accBeta1);
    const a2 = fr(1 - this.accBeta2);
    const eps = fr(this.epsilon);
    const negLr = fr(-this.learningRate);
    const wasm = tf.backend() as BackendWasm;
    for (const variable of varList) {
      const g = grads[variable.name];
      if (!g) continue;
      const state = this.stateOf(variable);
      const out = tf.engine().makeTensorFromTensorInfo(wasm.makeOutput(variable.shape, "float32"));
      kernels.exports.adam_step(heapOffset(variable), heapOffset(state.m), heapOffset(state.v), heapOffset(g), heapOffset(out), variable.size,
        b1, c1, b2, c2, a1, a2, eps, negLr);
      variable.assign(out);
      out.dispose();
    }
    tf.dispose(Object.values(grads));
    this.accBeta1 = fr(this.accBeta1 * b1);
    this.accBeta2 = fr(this.accBeta2 * b2);
    return value;
  }

  /** Frees the moments (or the stock optimizer). */
  dispose(): void {
    this.stock?.dispose();
    this.moments.forEach((s) => tf.dispose([s.m, s.v]));
    this.moments.clear();
  }

  private stateOf(variable: tf.Variable): { m: tf.Tensor; v: tf.Tensor } {
    let state = this.moments.get(variable);
    if (!state) {
      state = { m: tf.keep(tf.zeros(variable.shape)), v: tf.keep(tf.zeros(variable.shape)) };
      this.moments.set(variable, state);
    }
    return state;
  }
}
