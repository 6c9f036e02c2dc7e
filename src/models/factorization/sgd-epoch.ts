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

/**
 * Buffers for `size` triples (e.g. DSGD's renumbered copy of the training ratings, or triples for `sgdPass`); with
 * `shared`, on SharedArrayBuffers that a DSGD worker thread reads too. Training gathers into `SgdArena.triples`.
 */
export function allocateTriples(size: number, shared = false): RatingTriples {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return { users: new Int32Array(buffer(4 * size)), items: new Int32Array(buffer(4 * size)), values: new Float32Array(buffer(4 * size)) };
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
 * checks the result for divergence (NaN or Infinity). The JavaScript reference of `SgdArena.pass` (sgd-arena.ts),
 * which trains SGD MF with the WebAssembly version of the same kernel and gives the same bits.
 */
export function sgdPass(f: BiasedFactors, r: RatingTriples, from: number, to: number, s: SgdStepSizes): number {
  return sgdKernel(
    f.factors, f.biases, f.numUsers, f.dim, f.mean,
    r.users, r.items, r.values, from, to,
    s.learningRate, s.biasLearningRate, s.regFactors, s.regBias,
  );
}

/**
 * The hot loop of `sgdPass` on primitive arguments only (monomorphic for V8): the step above for the ratings
 * `users/items/values[from .. to)`, returning Σ e² (squared rating units). T is `BiasedFactors.factors` (user
 * rows, then item rows from row `numUsers`; shape [(numUsers + numItems) * dim]) and B is `BiasedFactors.biases`
 * (shape [numUsers + numItems]); one table for both sides keeps fewer arrays live in the loop. The dot product
 * keeps four partial sums (element f goes to sum f mod 4, added as (s0 + s1) + (s2 + s3)); the update is
 * unrolled by four and computes every element exactly as written above, so unrolling changes no bit.
 *
 * sgd-kernels.wat (src/backend/wasm) is this function in WebAssembly SIMD, operation for operation: (s0, s1) and
 * (s2, s3) are the lanes of two f64x2 values, and the updates go two elements at a time. Change both together
 * (tests check that they agree bit for bit).
 */
export function sgdKernel(
  T: Float64Array, B: Float64Array, numUsers: number, dim: number, mean: number,
  users: Int32Array, items: Int32Array, values: Float32Array, from: number, to: number,
  lr: number, lrBias: number, reg: number, regBias: number,
): number {
  const dim4 = dim & ~3;
  let sse = 0;
  for (let k = from; k < to; k++) {
    const u = users[k];
    const i = numUsers + items[k]; // item's row in T and B
    const uo = u * dim;
    const io = i * dim;
    const x4 = uo + dim4;
    const xEnd = uo + dim;
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    let x = uo;
    let y = io;
    for (; x < x4; x += 4, y += 4) {
      d0 += T[x] * T[y];
      d1 += T[x + 1] * T[y + 1];
      d2 += T[x + 2] * T[y + 2];
      d3 += T[x + 3] * T[y + 3];
    }
    for (; x < xEnd; x++, y++) d0 += T[x] * T[y];
    const bU = B[u];
    const bI = B[i];
    const e = values[k] - (mean + bU + bI + ((d0 + d1) + (d2 + d3)));
    sse += e * e;
    B[u] = bU + lrBias * (e - regBias * bU);
    B[i] = bI + lrBias * (e - regBias * bI);
    for (x = uo, y = io; x < x4; x += 4, y += 4) {
      const p0 = T[x], p1 = T[x + 1], p2 = T[x + 2], p3 = T[x + 3];
      const q0 = T[y], q1 = T[y + 1], q2 = T[y + 2], q3 = T[y + 3];
      T[x] = p0 + lr * (e * q0 - reg * p0);
      T[x + 1] = p1 + lr * (e * q1 - reg * p1);
      T[x + 2] = p2 + lr * (e * q2 - reg * p2);
      T[x + 3] = p3 + lr * (e * q3 - reg * p3);
      T[y] = q0 + lr * (e * p0 - reg * q0);
      T[y + 1] = q1 + lr * (e * p1 - reg * q1);
      T[y + 2] = q2 + lr * (e * p2 - reg * q2);
      T[y + 3] = q3 + lr * (e * p3 - reg * q3);
    }
    for (; x < xEnd; x++, y++) {
      const p = T[x];
      const q = T[y];
      T[x] = p + lr * (e * q - reg * p);
      T[y] = q + lr * (e * p - reg * q);
    }
  }
  return sse;
}
