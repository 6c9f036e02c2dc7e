/**
 * A fused kernel for the hot path of biased matrix factorization (Koren, Bell and Volinsky 2009, eq. 5):
 * gather + dot + biases + squared error + L2, and its gradient with respect to the looked-up rows, in one pass
 * over the batch instead of about 30 TF.js ops (forward, backward and the scatter of every gather's gradient).
 *
 * Kernel "RecsysBiasedMfGrad", registered for the wasm and cpu backends by `registerFastKernels`:
 * - inputs: userFactors [U, d], itemFactors [I, d], userBias [U], itemBias [I] (float32), users, items (int32 [b]),
 *   targets (float32 [b]);
 * - attrs: mean μ, regFactors λ, regBias λ_b, lossScale s (1 for a summed loss, 1/b for a mean);
 * - outputs: loss (scalar) = s · ½ Σ_k (e_k² + λ(|p_u|² + |q_i|²) + λ_b(b_u² + b_i²)) with
 *   e_k = μ + b_u + b_i + p_u·q_i − r_k; and the row gradients dP, dQ [b, d] (s(e q_i + λ p_u), s(e p_u + λ q_i)),
 *   dBu, dBi [b] (s(e + λ_b b_u), s(e + λ_b b_i)), row k for example k (repeated users are not summed).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { heapOffset, rowKernels } from "./wasm/row-kernels";

/** Name of the fused kernel in TF.js's registry. */
export const BIASED_MF_GRAD_KERNEL = "RecsysBiasedMfGrad";

/** Attributes of the fused kernel. */
export interface BiasedMfGradAttrs {
  mean: number;
  regFactors: number;
  regBias: number;
  lossScale: number;
}

/** Input arrays of `biasedMfRowGradients`. */
export interface BiasedMfArrays {
  userFactors: Float32Array;
  itemFactors: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  users: Int32Array;
  items: Int32Array;
  targets: Float32Array;
}

/** Output arrays of `biasedMfRowGradients` (dP, dQ: [b, dim]; dBu, dBi: [b]). */
export interface BiasedMfGradArrays {
  dP: Float32Array;
  dQ: Float32Array;
  dBu: Float32Array;
  dBi: Float32Array;
}

/** The fused forward and backward pass over plain arrays (see the module comment); returns the loss. */
export function biasedMfRowGradients(x: BiasedMfArrays, dim: number, a: BiasedMfGradAttrs, out: BiasedMfGradArrays): number {
  const { userFactors: P, itemFactors: Q, userBias, itemBias, users, items, targets } = x;
  const { dP, dQ, dBu, dBi } = out;
  const s = a.lossScale;
  const rf = a.regFactors;
  const rb = a.regBias;
  const numUsers = userBias.length;
  const numItems = itemBias.length;
  let loss = 0;
  for (let k = 0; k < users.length; k++) {
    const u = users[k];
    const i = items[k];
    if (!(u >= 0 && u < numUsers)) throw new RangeError(`${BIASED_MF_GRAD_KERNEL}: user index ${u} is outside [0, ${numUsers})`);
    if (!(i >= 0 && i < numItems)) throw new RangeError(`${BIASED_MF_GRAD_KERNEL}: item index ${i} is outside [0, ${numItems})`);
    const po = u * dim;
    const qo = i * dim;
    let dot = 0;
    let norms = 0;
    for (let j = 0; j < dim; j++) {
      const p = P[po + j];
      const q = Q[qo + j];
      dot += p * q;
      norms += p * p + q * q;
    }
    const bu = userBias[u];
    const bi = itemBias[i];
    const e = a.mean + bu + bi + dot - targets[k];
    loss += e * e + rf * norms + rb * (bu * bu + bi * bi);
    const go = k * dim;
    const se = s * e;
    const sr = s * rf;
    for (let j = 0; j < dim; j++) {
      const p = P[po + j];
      const q = Q[qo + j];
      dP[go + j] = se * q + sr * p;
      dQ[go + j] = se * p + sr * q;
    }
    dBu[k] = se + s * rb * bu;
    dBi[k] = se + s * rb * bi;
  }
  return 0.5 * s * loss;
}

interface Plan {
  inputs: tf.TensorInfo[];
  attrs: BiasedMfGradAttrs;
  b: number;
  dim: number;
}

function plan(inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap | undefined): Plan {
  const names = ["userFactors", "itemFactors", "userBias", "itemBias", "users", "items", "targets"];
  const list = names.map((n) => {
    const t = inputs[n];
    if (t == null) throw new Error(`${BIASED_MF_GRAD_KERNEL}: input ${n} is required`);
    return t;
  });
  const [P, Q, , , users, items, targets] = list;
  const dim = P.shape[1];
  if (P.shape.length !== 2 || Q.shape.length !== 2 || Q.shape[1] !== dim) {
    throw new Error(`${BIASED_MF_GRAD_KERNEL}: factor tables must be [U, d] and [I, d], got [${P.shape}] and [${Q.shape}]`);
  }
  const b = users.shape[0];
  if (items.shape[0] !== b || targets.shape[0] !== b || users.dtype !== "int32" || items.dtype !== "int32") {
    throw new Error(`${BIASED_MF_GRAD_KERNEL}: users and items must be int32 [b] and targets [b]`);
  }
  const at = (attrs ?? {}) as unknown as BiasedMfGradAttrs;
  for (const key of ["mean", "regFactors", "regBias", "lossScale"] as const) {
    if (typeof at[key] !== "number" || !Number.isFinite(at[key])) throw new Error(`${BIASED_MF_GRAD_KERNEL}: attribute ${key} must be a finite number`);
  }
  return { inputs: list, attrs: at, b, dim };
}

const OUTPUT_SHAPES = (b: number, dim: number): number[][] => [[], [b, dim], [b, dim], [b], [b]];

function arraysOf(values: ArrayLike<number>[]): BiasedMfArrays {
  const [userFactors, itemFactors, userBias, itemBias, users, items, targets] = values;
  return { userFactors, itemFactors, userBias, itemBias, users, items, targets } as unknown as BiasedMfArrays;
}

/** Throws like `biasedMfRowGradients` if an index is outside its table. */
function checkIndices(ids: Int32Array, size: number, what: string): void {
  for (let k = 0; k < ids.length; k++) {
    if (!(ids[k] >= 0 && ids[k] < size)) throw new RangeError(`${BIASED_MF_GRAD_KERNEL}: ${what} index ${ids[k]} is outside [0, ${size})`);
  }
}

/**
 * The fused kernel on wasm: outputs allocated first (an allocation can move the heap), indices checked, then one
 * SIMD pass (`mf_grad` of src/backend/wasm/row-kernels.wat, float32 arithmetic) over the tensors in place.
 */
export const biasedMfGradWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const p = plan(inputs, attrs);
  const outs = OUTPUT_SHAPES(p.b, p.dim).map((shape) => wasm.makeOutput(shape, "float32"));
  const [P, Q, userBias, itemBias, users, items, targets] = p.inputs;
  checkIndices(wasm.typedArrayFromHeap(users) as Int32Array, userBias.shape[0], "user");
  checkIndices(wasm.typedArrayFromHeap(items) as Int32Array, itemBias.shape[0], "item");
  const k = rowKernels()!;
  const [, dP, dQ, dBu, dBi] = outs.map(heapOffset);
  const { mean, regFactors, regBias, lossScale } = p.attrs;
  const loss = k.mf_grad(heapOffset(P), heapOffset(Q), heapOffset(userBias), heapOffset(itemBias), heapOffset(users), heapOffset(items), heapOffset(targets),
    p.b, p.dim, mean, regFactors, regBias, lossScale, dP, dQ, dBu, dBi);
  (wasm.typedArrayFromHeap(outs[0]) as Float32Array)[0] = loss;
  return outs;
};

/** The fused kernel on cpu (reads the backend's own arrays, no copies). */
export const biasedMfGradCpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const cpu = backend as MathBackendCPU;
  const p = plan(inputs, attrs);
  const x = arraysOf(p.inputs.map((t) => cpu.readSync(t.dataId) as Float32Array | Int32Array));
  const dP = new Float32Array(p.b * p.dim);
  const dQ = new Float32Array(p.b * p.dim);
  const dBu = new Float32Array(p.b);
  const dBi = new Float32Array(p.b);
  const loss = Float32Array.of(biasedMfRowGradients(x, p.dim, p.attrs, { dP, dQ, dBu, dBi }));
  const shapes = OUTPUT_SHAPES(p.b, p.dim);
  return [loss, dP, dQ, dBu, dBi].map((values, k) => cpu.makeTensorInfo(shapes[k], "float32", values));
};
