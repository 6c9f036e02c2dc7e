/**
 * The per-rating stochastic gradient step of biased matrix factorization ("Funk SVD": Funk, "Netflix Update:
 * Try This at Home", 2006; Koren, Bell and Volinsky, IEEE Computer 2009, section "Learning algorithms"), written
 * directly over typed arrays. It is Surprise's `SVD` update (Hug, "Surprise", JOSS 2020):
 *
 *   e   = r - (μ + b_u + b_i + p_u · q_i)
 *   b_u += γ_b (e - λ_b b_u)            b_i += γ_b (e - λ_b b_i)
 *   p_u += γ (e q_i - λ p_u)            q_i += γ (e p_u - λ q_i)     (q_i's step uses the old p_u)
 *
 * with the operations in this order, so a step can be checked against hand arithmetic to the last bit.
 */
import type { Ratings } from "../../data/ratings";
import type { BiasedFactors } from "./biased-factors";

/** Step sizes and L2 weights of one SGD pass. */
export interface SgdStepSizes {
  /** γ: step size of the factor updates. */
  learningRate: number;
  /** γ_b: step size of the bias updates. */
  biasLearningRate: number;
  /** λ: L2 weight on p_u and q_i. */
  regFactors: number;
  /** λ_b: L2 weight on b_u and b_i. */
  regBias: number;
}

/** (user, item, rating) triples in the order an epoch visits them. Shapes [size]. */
export interface RatingTriples {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
}

/** Buffers for `size` triples, allocated once per fit and refilled every epoch by `gatherInOrder`. */
export function allocateTriples(size: number): RatingTriples {
  return { users: new Int32Array(size), items: new Int32Array(size), values: new Float32Array(size) };
}

/**
 * Copies the ratings of `train` at rows `order[0..size)` into `into`, in that order, and returns it. Gathering
 * first and then stepping through contiguous arrays is about twice as fast as indexing `train` through `order`
 * inside the SGD loop (the independent random reads overlap here; in the loop they stall the arithmetic).
 */
export function gatherInOrder(train: Ratings, order: Uint32Array, into: RatingTriples): RatingTriples {
  const { users, items, values } = train;
  const { users: toUsers, items: toItems, values: toValues } = into;
  const n = Math.min(order.length, toUsers.length);
  for (let k = 0; k < n; k++) {
    const row = order[k];
    toUsers[k] = users[row];
    toItems[k] = items[row];
    toValues[k] = values[row];
  }
  return into;
}

/**
 * Applies the SGD step to the ratings `r[from .. to)`, in that order, updating `f` in place. Returns Σ e² over
 * those ratings, each error taken just before its own step (squared rating units). No allocation; the caller
 * checks the result for divergence (NaN or Infinity).
 */
export function sgdPass(f: BiasedFactors, r: RatingTriples, from: number, to: number, s: SgdStepSizes): number {
  return sgdKernel(
    f.userFactors, f.itemFactors, f.userBias, f.itemBias, f.dim, f.mean,
    r.users, r.items, r.values, from, to,
    s.learningRate, s.biasLearningRate, s.regFactors, s.regBias,
  );
}

/** The hot loop on primitive arguments only (monomorphic for V8): dot product unrolled by four. */
function sgdKernel(
  P: Float64Array, Q: Float64Array, bu: Float64Array, bi: Float64Array, dim: number, mean: number,
  users: Int32Array, items: Int32Array, values: Float32Array, from: number, to: number,
  lr: number, lrBias: number, reg: number, regBias: number,
): number {
  const dim4 = dim & ~3;
  let sse = 0;
  for (let k = from; k < to; k++) {
    const u = users[k];
    const i = items[k];
    const uo = u * dim;
    const io = i * dim;
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    let x = uo;
    let y = io;
    const x4 = uo + dim4;
    for (; x < x4; x += 4, y += 4) {
      d0 += P[x] * Q[y];
      d1 += P[x + 1] * Q[y + 1];
      d2 += P[x + 2] * Q[y + 2];
      d3 += P[x + 3] * Q[y + 3];
    }
    const xEnd = uo + dim;
    for (; x < xEnd; x++, y++) d0 += P[x] * Q[y];
    const bU = bu[u];
    const bI = bi[i];
    const e = values[k] - (mean + bU + bI + ((d0 + d1) + (d2 + d3)));
    sse += e * e;
    bu[u] = bU + lrBias * (e - regBias * bU);
    bi[i] = bI + lrBias * (e - regBias * bI);
    for (x = uo, y = io; x < xEnd; x++, y++) {
      const p = P[x];
      const q = Q[y];
      P[x] = p + lr * (e * q - reg * p);
      Q[y] = q + lr * (e * p - reg * q);
    }
  }
  return sse;
}
