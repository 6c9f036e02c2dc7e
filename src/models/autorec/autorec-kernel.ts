/**
 * AutoRec's forward and backward passes over sparse rows (Sedhain et al., WWW 2015), in plain typed-array loops
 * that touch observed entries only: for a row with e observed entries the encoder V r (unobserved inputs are 0),
 * the outputs at the observed entries, and their gradients each cost e x k, so an epoch costs O(nnz x k), never
 * O(rows x cols x k).
 */
import type { AutoRecParams } from "./autorec-params";
import type { SparseRows } from "../../data/rating-matrix";

/** Reusable per-row buffers of length k (hidden units). */
export class AutoRecScratch {
  /** Hidden activations g(V r + μ). */
  readonly act: Float64Array;
  /** d loss / d activation, then d loss / d pre-activation. */
  readonly back: Float64Array;

  constructor(hidden: number) {
    this.act = new Float64Array(hidden);
    this.back = new Float64Array(hidden);
  }
}

/** Writes the hidden code g(V r_row + μ) of `row` into out[0..k) (g = logistic sigmoid). */
export function encodeRow(p: AutoRecParams, rows: SparseRows, row: number, out: Float64Array | Float32Array, offset = 0): void {
  const k = p.hidden;
  const enc = p.encoder;
  const mu = p.encoderBias;
  for (let h = 0; h < k; h++) out[offset + h] = mu[h];
  for (let q = rows.offsets[row], end = rows.offsets[row + 1]; q < end; q++) {
    const r = rows.values[q];
    const o = rows.indices[q] * k;
    for (let h = 0; h < k; h++) out[offset + h] += r * enc[o + h];
  }
  for (let h = 0; h < k; h++) out[offset + h] = 1 / (1 + Math.exp(-out[offset + h]));
}

/**
 * Adds to `grad` (theta's layout) the gradient of Σ_row ||(r_row - h(r_row)) ⊙ mask_row||² over rows
 * batch[from..to) and returns that sum of squared errors (rating units²). The L2 term is not included.
 */
export function accumulateGradient(
  p: AutoRecParams,
  rows: SparseRows,
  batch: Int32Array,
  from: number,
  to: number,
  grad: Float32Array,
  s: AutoRecScratch,
): number {
  const k = p.hidden;
  const mk = p.numCols * k;
  const enc = p.encoder;
  const dec = p.decoder;
  const b = p.decoderBias;
  const gMu = 2 * mk;
  const gB = 2 * mk + k;
  const { act, back } = s;
  let sse = 0;
  for (let t = from; t < to; t++) {
    const row = batch[t];
    const lo = rows.offsets[row];
    const hi = rows.offsets[row + 1];
    if (hi === lo) continue;
    encodeRow(p, rows, row, act);
    back.fill(0);
    for (let q = lo; q < hi; q++) {
      const j = rows.indices[q];
      const o = j * k;
      let out = b[j];
      for (let h = 0; h < k; h++) out += dec[o + h] * act[h];
      const e = out - rows.values[q];
      sse += e * e;
      const g = 2 * e;
      grad[gB + j] += g;
      const gw = mk + o;
      for (let h = 0; h < k; h++) {
        grad[gw + h] += g * act[h];
        back[h] += g * dec[o + h];
      }
    }
    for (let h = 0; h < k; h++) {
      const d = back[h] * act[h] * (1 - act[h]);
      back[h] = d;
      grad[gMu + h] += d;
    }
    for (let q = lo; q < hi; q++) {
      const r = rows.values[q];
      const o = rows.indices[q] * k;
      for (let h = 0; h < k; h++) grad[o + h] += r * back[h];
    }
  }
  return sse;
}

/** Predicted entry `col` of row `row` from its hidden code codes[row k .. row k + k): b_col + W_col · code. */
export function decodeEntry(p: AutoRecParams, codes: Float32Array, row: number, col: number): number {
  const k = p.hidden;
  const o = col * k;
  const c = row * k;
  const dec = p.decoder;
  let out = p.decoderBias[col];
  for (let h = 0; h < k; h++) out += dec[o + h] * codes[c + h];
  return out;
}
