/**
 * AutoRec's parameters θ = {V, μ, W, b} of h(r) = W g(V r + μ) + b (Sedhain et al., WWW 2015) in one Float32Array,
 * so that the optimizer, snapshots and restores handle a single buffer; seeded initialisation.
 */
import type { Rng } from "../../random/rng";

/**
 * The layout of θ for inputs of length m (`numCols`) and k hidden units: V stored transposed as m rows of k
 * (row j is the column of V that input j multiplies), then W as m rows of k (row j produces output j), then
 * μ (k), then b (m). The L2-penalised weights V and W come first: entries [0, weightCount).
 */
export class AutoRecParams {
  /** All parameters. Shape [2mk + k + m]. */
  readonly theta: Float32Array;
  /** Vᵀ: encoder weights, row j (length k) for input j. Shape [m, k] (a view of theta). */
  readonly encoder: Float32Array;
  /** W: decoder weights, row j (length k) for output j. Shape [m, k] (a view of theta). */
  readonly decoder: Float32Array;
  /** μ: hidden-layer bias. Shape [k] (a view of theta). */
  readonly encoderBias: Float32Array;
  /** b: output bias. Shape [m] (a view of theta). */
  readonly decoderBias: Float32Array;

  constructor(readonly numCols: number, readonly hidden: number, theta?: Float32Array) {
    const mk = numCols * hidden;
    const size = 2 * mk + hidden + numCols;
    if (theta && theta.length !== size) throw new RangeError(`AutoRecParams: theta has ${theta.length} entries, expected ${size}`);
    this.theta = theta ?? new Float32Array(size);
    this.encoder = this.theta.subarray(0, mk);
    this.decoder = this.theta.subarray(mk, 2 * mk);
    this.encoderBias = this.theta.subarray(2 * mk, 2 * mk + hidden);
    this.decoderBias = this.theta.subarray(2 * mk + hidden, size);
  }

  /** Number of L2-penalised entries (V and W), the prefix [0, 2mk) of theta. */
  get weightCount(): number {
    return 2 * this.numCols * this.hidden;
  }

  /** (1/2)(||W||²_F + ||V||²_F): the penalty without λ. */
  halfSquaredWeights(): number {
    let s = 0;
    const n = this.weightCount;
    const t = this.theta;
    for (let q = 0; q < n; q++) s += t[q] * t[q];
    return 0.5 * s;
  }
}

/**
 * Fills V and W with seeded N(0, initStd²) draws (V first, then W, in storage order), μ with 0 and b with
 * `outputBias` (e.g. the training mean, so that the first reconstructions start on the rating scale).
 */
export function initAutoRecParams(p: AutoRecParams, initStd: number, outputBias: number, rng: Rng): void {
  const n = p.weightCount;
  for (let q = 0; q < n; q++) p.theta[q] = rng.normal() * initStd;
  p.encoderBias.fill(0);
  p.decoderBias.fill(outputBias);
}
