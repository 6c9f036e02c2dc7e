/**
 * AutoRec's stepper on one WebAssembly memory (autorec-kernels.wat, SIMD float32): θ, its gradient, Adam's moments,
 * the training rows in CSR form and two k-float row buffers live in the arena; per row the kernels run the encoder
 * (V r + μ), the decoder at the observed entries with its backward pass, and the encoder's backward pass, with the
 * sigmoid and its derivative in JavaScript between them. The hidden width k must be a multiple of 4.
 */
import { autoRecKernels } from "../../backend/wasm/autorec-kernels";
import type { SparseRows } from "../../data/rating-matrix";
import { AutoRecParams } from "./autorec-params";
import type { AutoRecStepper } from "./autorec-stepper";
import { ADAM_DEFAULTS } from "./dense-adam";

/** Bytes of `count` 4-byte elements rounded up to a 16-byte boundary. */
const block = (count: number): number => Math.ceil((count * 4) / 16) * 16;

/** A stepper whose parameters and rows live in WebAssembly memory; throws a RangeError naming the field for k % 4 != 0. */
export function wasmAutoRecStepper(rows: SparseRows, hidden: number, learningRate: number): AutoRecStepper {
  if (hidden % 4 !== 0) throw new RangeError(`AutoRecConfig.hidden must be a multiple of 4 for the WebAssembly kernels, got ${hidden}`);
  const m = rows.cols;
  const size = 2 * m * hidden + hidden + m;
  const n4 = Math.ceil(size / 4) * 4;
  const nnz = rows.indices.length;
  const sizes = { theta: block(n4), grad: block(n4), adamM: block(n4), adamV: block(n4), offsets: block(rows.rows + 1), indices: block(nnz), values: block(nnz), act: block(hidden), back: block(hidden) };
  const at: Record<keyof typeof sizes, number> = { theta: 0, grad: 0, adamM: 0, adamV: 0, offsets: 0, indices: 0, values: 0, act: 0, back: 0 };
  let total = 0;
  for (const key of Object.keys(sizes) as (keyof typeof sizes)[]) {
    at[key] = total;
    total += sizes[key];
  }
  const { memory, kernels } = autoRecKernels(total, "AutoRec");
  const buffer = memory.buffer;
  const theta = new Float32Array(buffer, at.theta, size);
  const grad = new Float32Array(buffer, at.grad, size);
  const gradAll = new Float32Array(buffer, at.grad, n4);
  const offsets = new Int32Array(buffer, at.offsets, rows.rows + 1);
  const indices = new Int32Array(buffer, at.indices, nnz);
  const values = new Float32Array(buffer, at.values, nnz);
  offsets.set(rows.offsets);
  indices.set(rows.indices);
  values.set(rows.values);
  const act = new Float32Array(buffer, at.act, hidden);
  const back = new Float32Array(buffer, at.back, hidden);
  const params = new AutoRecParams(m, hidden, theta);
  const mk = m * hidden;
  const ptr = { enc: at.theta, dec: at.theta + 4 * mk, mu: at.theta + 8 * mk, b: at.theta + 8 * mk + 4 * hidden };
  const gptr = { enc: at.grad, dec: at.grad + 4 * mk, mu: at.grad + 8 * mk, b: at.grad + 8 * mk + 4 * hidden };
  const gMu = grad.subarray(2 * mk, 2 * mk + hidden);
  let steps = 0;
  /** Whether grad holds an accumulated gradient (adam_dense zeroes it as it reads it; memory starts zeroed). */
  let gradDirty = false;

  /** act = sigmoid(V r_row + μ). */
  const encodeAct = (row: number): void => {
    kernels.encode_row(ptr.enc, ptr.mu, at.offsets, at.indices, at.values, row, hidden, at.act);
    for (let h = 0; h < hidden; h++) act[h] = 1 / (1 + Math.exp(-act[h]));
  };

  return {
    params,
    rows: { rows: rows.rows, cols: m, offsets, indices, values },
    grad,
    accumulate: (batch, from, to) => {
      if (gradDirty) gradAll.fill(0);
      gradDirty = true;
      let sse = 0;
      for (let t = from; t < to; t++) {
        const row = batch[t];
        if (offsets[row + 1] === offsets[row]) continue;
        encodeAct(row);
        sse += kernels.decode_backward_row(ptr.dec, ptr.b, gptr.dec, gptr.b, at.offsets, at.indices, at.values, row, hidden, at.act, at.back);
        for (let h = 0; h < hidden; h++) {
          const d = back[h] * act[h] * (1 - act[h]);
          back[h] = d;
          gMu[h] += d;
        }
        kernels.encoder_backward_row(gptr.enc, at.offsets, at.indices, at.values, row, hidden, at.back);
      }
      return sse;
    },
    adamStep: (l2, lr = learningRate) => {
      const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
      steps++;
      const step1 = lr / (1 - Math.pow(beta1, steps));
      const invRootC2 = 1 / Math.sqrt(1 - Math.pow(beta2, steps));
      kernels.adam_dense(at.theta, at.grad, at.adamM, at.adamV, n4, 2 * mk, l2, step1, invRootC2, epsilon, beta1, beta2);
      gradDirty = false;
    },
    encode: (row, out, offset) => {
      encodeAct(row);
      out.set(act, offset);
    },
  };
}
