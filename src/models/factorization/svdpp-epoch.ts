/**
 * One SGD epoch of SVD++ (Koren, "Factorization meets the neighborhood: a multifaceted collaborative filtering
 * model", KDD 2008, eq. 15 and its update rules), r̂(u,i) = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j),
 * over typed arrays. The epoch visits users in the order in which they first occur in the loop's shuffled order
 * and each user's ratings in that order; the implicit sum z_u = |N(u)|^-½ Σ y_j is computed once per user and the
 * y_j steps of the user's ratings are summed and applied after them (the user-grouped form of Koren's updates, as
 * in MyMediaLite's SVDPlusPlus), so an epoch costs O(k) per rating instead of O(|N(u)| k) as in Surprise's SVDpp.
 * Per rating (γ, λ: factors and y; γ_b, λ_b: biases):
 *
 *   e = r - r̂;  b_u += γ_b (e - λ_b b_u);  b_i += γ_b (e - λ_b b_i)
 *   p_u += γ (e q_i - λ p_u);  q_i += γ (e (p_u + z_u) - λ q_i)  (old p_u);  g += e |N(u)|^-½ q_i  (old q_i)
 *
 * then for every j ∈ N(u): y_j += γ (g - c_u λ y_j), with c_u the user's ratings in this epoch.
 */
import type { SparseRows } from "../../data/rating-matrix";
import type { Ratings } from "../../data/ratings";
import type { BiasedFactors } from "./biased-factors";
import type { SvdppVectorOps } from "./svdpp-arena";
import type { SgdStepSizes } from "./sgd-epoch";

/** Reusable per-epoch buffers (allocated once per fit): ratings grouped by user, the user order, z_u and g. */
export interface SvdppScratch {
  /** Rated items grouped by user (user u's at byUser.offsets[u] ..), in visiting order, shape [size]. */
  items: Int32Array;
  /** The ratings of `items`, shape [size]. */
  values: Float32Array;
  /** Row of `train` of each grouped rating (for per-rating side data such as times), shape [size]. */
  rows: Int32Array;
  /** Next free slot per user while grouping, shape [numUsers]. */
  fill: Int32Array;
  /** Users in order of first occurrence, shape [numUsers]. */
  users: Int32Array;
  /** z_u for the current user, shape [dim]. */
  z: Float64Array;
  /** Accumulated y step g for the current user, shape [dim]. */
  g: Float64Array;
}

/** Allocates the buffers of `svdppEpoch` for `train` and latent dimension `dim`. */
export function svdppScratch(train: Ratings, dim: number): SvdppScratch {
  return {
    items: new Int32Array(train.size),
    values: new Float32Array(train.size),
    rows: new Int32Array(train.size),
    fill: new Int32Array(train.numUsers),
    users: new Int32Array(train.numUsers),
    z: new Float64Array(dim),
    g: new Float64Array(dim),
  };
}

/**
 * Runs one user-grouped SVD++ epoch over `train` in the user order implied by `order`, updating `f` and the
 * implicit factors `y` (row-major, shape [numItems * dim]) in place. `byUser` lists N(u), the items each user
 * rated in `train`. Returns Σ e² over the ratings, each error taken before its own step. With `ops` (an
 * SvdppArena whose factors, y, z and g are `f`, `y`, `scratch.z` and `scratch.g`), the vector loops run in its
 * WebAssembly kernels, with the same bits.
 */
export function svdppEpoch(
  f: BiasedFactors, y: Float64Array, byUser: SparseRows, train: Ratings, order: Uint32Array, s: SgdStepSizes, scratch: SvdppScratch,
  ops?: SvdppVectorOps,
): number {
  const { items, values, users: userOrder, z, g } = scratch;
  const { dim, userFactors: P, itemFactors: Q, userBias: bu, itemBias: bi, mean } = f;
  const { learningRate: lr, biasLearningRate: lrb, regFactors: reg, regBias: regb } = s;
  const nUsers = groupByUser(train, order, byUser, scratch);
  let sse = 0;
  for (let t = 0; t < nUsers; t++) {
    const u = userOrder[t];
    const from = byUser.offsets[u];
    const to = byUser.offsets[u + 1];
    const norm = 1 / Math.sqrt(to - from);
    if (ops) ops.implicitSum(from, to, norm);
    else {
      g.fill(0);
      implicitSum(z, y, byUser, from, to, norm);
    }
    const uo = u * dim;
    for (let k = from; k < to; k++) {
      const i = items[k];
      const io = i * dim;
      let dot = 0;
      if (ops) dot = ops.dot(u, i);
      else for (let d = 0; d < dim; d++) dot += Q[io + d] * (P[uo + d] + z[d]);
      const bU = bu[u];
      const bI = bi[i];
      const e = values[k] - (mean + bU + bI + dot);
      sse += e * e;
      bu[u] = bU + lrb * (e - regb * bU);
      bi[i] = bI + lrb * (e - regb * bI);
      const en = e * norm;
      if (ops) ops.update(u, i, e, en, lr, reg);
      else {
        factorStep(P, Q, z, g, uo, io, e, en, lr, reg);
      }
    }
    const shrink = (to - from) * reg;
    if (ops) ops.yStep(from, to, lr, shrink);
    else {
      yStep(y, byUser, g, from, to, lr, shrink);
    }
  }
  return sse;
}

/**
 * Groups the ratings of `train` visited in `order` by user into `scratch` (contiguous copies: sequential reads in
 * the epoch): user u's ratings go to `items/values/rows[byUser.offsets[u] ..)` in visiting order, and
 * `scratch.users[0 .. n)` lists the users in order of first occurrence. Returns n, the number of users visited.
 */
export function groupByUser(train: Ratings, order: Uint32Array, byUser: SparseRows, scratch: SvdppScratch): number {
  const { items, values, rows, fill, users: userOrder } = scratch;
  let nUsers = 0;
  fill.fill(-1);
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    const u = train.users[row];
    if (fill[u] < 0) {
      fill[u] = byUser.offsets[u];
      userOrder[nUsers++] = u;
    }
    const at = fill[u]++;
    items[at] = train.items[row];
    values[at] = train.values[row];
    rows[at] = row;
  }
  return nUsers;
}

/**
 * `f` as plain biased MF with user vectors p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j (a copy; `f` is unchanged): what
 * SVD++ and timeSVD++ predict with. `y` is row-major, shape [numItems * dim]; `byUser` lists N(u).
 */
export function withImplicitFactors(f: BiasedFactors, y: Float64Array, byUser: SparseRows): BiasedFactors {
  const out = f.copy();
  const dim = f.dim;
  const P = out.userFactors;
  for (let u = 0; u < f.numUsers; u++) {
    const from = byUser.offsets[u];
    const to = byUser.offsets[u + 1];
    if (to === from) continue;
    const norm = 1 / Math.sqrt(to - from);
    const uo = u * dim;
    for (let e = from; e < to; e++) {
      const yo = byUser.indices[e] * dim;
      for (let d = 0; d < dim; d++) P[uo + d] += norm * y[yo + d];
    }
  }
  return out;
}

/** Writes |N(u)|^-½ Σ_{j∈N(u)} y_j into `z` (length dim) for the user whose N(u) is `byUser.indices[from..to)`. */
export function implicitSum(z: Float64Array, y: Float64Array, byUser: SparseRows, from: number, to: number, norm: number): void {
  const dim = z.length;
  z.fill(0);
  for (let e = from; e < to; e++) {
    const yo = byUser.indices[e] * dim;
    for (let d = 0; d < dim; d++) z[d] += y[yo + d];
  }
  for (let d = 0; d < dim; d++) z[d] *= norm;
}

/**
 * One rating's SGD step on p_u and q_i (offsets `uo`, `io` in P and Q; `z` the user's implicit sum), accumulating
 * the y gradient en·q_i into `g` (Koren 2008, eq. 15); the JavaScript twin of the kernels' `update`.
 */
export function factorStep(P: Float64Array, Q: Float64Array, z: Float64Array, g: Float64Array, uo: number, io: number, e: number, en: number, lr: number, reg: number): void {
  for (let d = 0; d < z.length; d++) {
    const p = P[uo + d];
    const q = Q[io + d];
    P[uo + d] = p + lr * (e * q - reg * p);
    Q[io + d] = q + lr * (e * (p + z[d]) - reg * q);
    g[d] += en * q;
  }
}

/** The once-per-user step of every y_j, j ∈ N(u) = `byUser.indices[from..to)`, by the accumulated gradient `g`; the JavaScript twin of the kernels' `yStep`. */
export function yStep(y: Float64Array, byUser: SparseRows, g: Float64Array, from: number, to: number, lr: number, shrink: number): void {
  const dim = g.length;
  for (let e = from; e < to; e++) {
    const yo = byUser.indices[e] * dim;
    for (let d = 0; d < dim; d++) y[yo + d] += lr * (g[d] - shrink * y[yo + d]);
  }
}
