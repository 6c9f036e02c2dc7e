/**
 * One AutoRec optimisation step over a mini-batch of rows (gradient of the masked squared error, then Adam with
 * the L2 term), behind one interface with two implementations: plain JavaScript loops (autorec-kernel.ts, any k)
 * and WebAssembly SIMD (wasm-autorec-arena.ts, k a multiple of 4).
 */
import type { SparseRows } from "../../data/rating-matrix";
import { accumulateGradient, AutoRecScratch, encodeRow } from "./autorec-kernel";
import { AutoRecParams } from "./autorec-params";
import { DenseAdam } from "./dense-adam";

/** Parameters, training rows and the batch step over them. */
export interface AutoRecStepper {
  /** The parameters being trained (θ's layout, see AutoRecParams). */
  readonly params: AutoRecParams;
  /** The training rows (inputs and targets). */
  readonly rows: SparseRows;
  /** Gradient of the last `accumulate`, θ's layout (without the L2 term); the WebAssembly stepper's `adamStep` zeroes it. */
  readonly grad: Float32Array;
  /** Sets `grad` to the gradient of Σ ||(r - h(r)) ⊙ mask||² over rows batch[from..to); returns that sum. */
  accumulate(batch: Int32Array, from: number, to: number): number;
  /** One Adam step on `grad` plus l2 θ for the weights V and W, with step size `learningRate` (default: the stepper's). */
  adamStep(l2: number, learningRate?: number): void;
  /** Writes g(V r_row + μ) into out[offset .. offset + k). */
  encode(row: number, out: Float32Array, offset: number): void;
}

/** The JavaScript stepper: Float32Array parameters, float64 row buffers, DenseAdam. */
export function jsAutoRecStepper(rows: SparseRows, hidden: number, learningRate: number): AutoRecStepper {
  const params = new AutoRecParams(rows.cols, hidden);
  const grad = new Float32Array(params.theta.length);
  const scratch = new AutoRecScratch(hidden);
  const adam = new DenseAdam(params.theta.length, learningRate);
  const code = new Float64Array(hidden);
  return {
    params,
    rows,
    grad,
    accumulate: (batch, from, to) => {
      grad.fill(0);
      return accumulateGradient(params, rows, batch, from, to, grad, scratch);
    },
    adamStep: (l2, lr = learningRate) => adam.step(params.theta, grad, l2, params.weightCount, lr),
    encode: (row, out, offset) => {
      encodeRow(params, rows, row, code);
      out.set(code, offset);
    },
  };
}
