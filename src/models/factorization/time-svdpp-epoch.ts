/**
 * Parameters, SGD epoch and prediction of timeSVD++ (Koren, "Collaborative Filtering with Temporal Dynamics",
 * KDD 2009, eq. 10 baseline and the timeSVD++ model without p_u(t)) over typed arrays:
 *
 *   r̂(u,i,t) = μ + b_u + α_u dev_u(t) + b_{u,t} + b_i + b_{i,Bin(t)} + q_i · (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j)
 *
 * The epoch is SVD++'s user-grouped epoch (svdpp-epoch.ts: same grouping, same factor and y_j steps) with the
 * time terms' steps added per rating (γ_x, λ_x: each term's step size and L2 weight):
 *
 *   α_u += γ_α (e dev_u(t) - λ_α α_u);  b_{u,t} += γ_d (e - λ_d b_{u,t});  b_{i,Bin(t)} += γ_bin (e - λ_bin b_{i,Bin(t)})
 *
 * With `implicit` false the y_j term is left out (time-aware biased MF); with dim 0 only the baseline predictors
 * remain (eq. 10). Without time rows (ratings without timestamps) the time terms are skipped.
 */
import type { SparseRows } from "../../data/rating-matrix";
import type { Ratings, RatingScale } from "../../data/ratings";
import { BiasedFactors } from "./biased-factors";
import type { RatingTimeRows } from "./rating-times";
import type { SgdStepSizes } from "./sgd-epoch";
import { groupByUser, withImplicitFactors, type SvdppScratch } from "./svdpp-epoch";

/** Step sizes and L2 weights of one timeSVD++ epoch: SVD++'s, plus one pair per time term. */
export interface TimeStepSizes extends SgdStepSizes {
  /** γ_bin, λ_bin: item-bias time bins b_{i,Bin(t)}. */
  binLearningRate: number;
  regBin: number;
  /** γ_α, λ_α: user-bias drift α_u. */
  alphaLearningRate: number;
  regAlpha: number;
  /** γ_d, λ_d: per-day user bias b_{u,t}. */
  dayLearningRate: number;
  regDay: number;
}

/** The learned parameters of timeSVD++. */
export class TimeSvdppParams {
  /** μ, b_u, b_i, p_u, q_i. */
  readonly f: BiasedFactors;
  /** Implicit factors y_j, row-major, shape [numItems * dim] (length 0 without the implicit term). */
  readonly y: Float64Array;
  /** α_u, shape [numUsers] (rating units per day^β). */
  readonly alpha: Float64Array;
  /** b_{i,bin}, row-major by item, shape [numItems * bins]. */
  readonly binBias: Float64Array;
  /** b_{u,t} per (user, day) slot of `UserDays`, shape [slots]. */
  readonly dayBias: Float64Array;

  /** All-zero parameters (initialise the factors with `fillRandomNormal`). */
  constructor(numUsers: number, numItems: number, dim: number, mean: number, readonly bins: number, slots: number, implicit: boolean) {
    this.f = new BiasedFactors(numUsers, numItems, dim, mean);
    this.y = new Float64Array(implicit ? numItems * dim : 0);
    this.alpha = new Float64Array(numUsers);
    this.binBias = new Float64Array(numItems * bins);
    this.dayBias = new Float64Array(slots);
  }

  /** An independent copy (an early-stopping snapshot). */
  copy(): TimeSvdppParams {
    const c = new TimeSvdppParams(this.f.numUsers, this.f.numItems, this.f.dim, this.f.mean, this.bins, this.dayBias.length, this.y.length > 0);
    c.copyFrom(this);
    return c;
  }

  /** Overwrites these parameters with `o`'s (same shapes). */
  copyFrom(o: TimeSvdppParams): void {
    this.f.copyFrom(o.f);
    this.y.set(o.y);
    this.alpha.set(o.alpha);
    this.binBias.set(o.binBias);
    this.dayBias.set(o.dayBias);
  }
}

/**
 * One user-grouped timeSVD++ epoch over `train` in the user order implied by `order`, updating `p` in place.
 * `time` holds each training rating's bin, dev_u(t) and day slot (null: no time terms). Returns Σ e², each error
 * taken before its own step (squared rating units).
 */
export function timeSvdppEpoch(
  p: TimeSvdppParams, byUser: SparseRows, train: Ratings, order: Uint32Array, s: TimeStepSizes, scratch: SvdppScratch, time: RatingTimeRows | null,
): number {
  const { items, values, rows, users: userOrder, z, g } = scratch;
  const { dim, userFactors: P, itemFactors: Q, userBias: bu, itemBias: bi, mean } = p.f;
  const { y, alpha, binBias, dayBias, bins } = p;
  const implicit = y.length > 0;
  const { learningRate: lr, biasLearningRate: lrb, regFactors: reg, regBias: regb } = s;
  const { binLearningRate: lrBin, regBin, alphaLearningRate: lrA, regAlpha, dayLearningRate: lrD, regDay } = s;
  const nUsers = groupByUser(train, order, byUser, scratch);
  let sse = 0;
  z.fill(0);
  for (let t = 0; t < nUsers; t++) {
    const u = userOrder[t];
    const from = byUser.offsets[u];
    const to = byUser.offsets[u + 1];
    const norm = 1 / Math.sqrt(to - from);
    if (implicit) {
      z.fill(0);
      g.fill(0);
      for (let e = from; e < to; e++) {
        const yo = byUser.indices[e] * dim;
        for (let d = 0; d < dim; d++) z[d] += y[yo + d];
      }
      for (let d = 0; d < dim; d++) z[d] *= norm;
    }
    const uo = u * dim;
    for (let k = from; k < to; k++) {
      const i = items[k];
      const io = i * dim;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += Q[io + d] * (P[uo + d] + z[d]);
      let timeTerms = 0;
      let dev = 0, at = 0, slot = -1;
      if (time !== null) {
        const row = rows[k];
        dev = time.dev[row];
        at = i * bins + time.bin[row];
        slot = time.slot[row];
        timeTerms = alpha[u] * dev + binBias[at] + (slot >= 0 ? dayBias[slot] : 0);
      }
      const bU = bu[u];
      const bI = bi[i];
      const e = values[k] - (mean + bU + bI + timeTerms + dot);
      sse += e * e;
      bu[u] = bU + lrb * (e - regb * bU);
      bi[i] = bI + lrb * (e - regb * bI);
      if (time !== null) {
        alpha[u] += lrA * (e * dev - regAlpha * alpha[u]);
        binBias[at] += lrBin * (e - regBin * binBias[at]);
        if (slot >= 0) dayBias[slot] += lrD * (e - regDay * dayBias[slot]);
      }
      const en = e * norm;
      for (let d = 0; d < dim; d++) {
        const pv = P[uo + d];
        const q = Q[io + d];
        P[uo + d] = pv + lr * (e * q - reg * pv);
        Q[io + d] = q + lr * (e * (pv + z[d]) - reg * q);
        g[d] += en * q;
      }
    }
    if (implicit) {
      const shrink = (to - from) * reg;
      for (let e = from; e < to; e++) {
        const yo = byUser.indices[e] * dim;
        for (let d = 0; d < dim; d++) y[yo + d] += lr * (g[d] - shrink * y[yo + d]);
      }
    }
  }
  return sse;
}

/**
 * Predictions r̂(u,i,t) for pairs (users[k], items[k]) with time features `time` (null: the time-free part only,
 * i.e. α_u, b_{u,t} and b_{i,bin} taken as 0), clipped to `scale`. Out-of-range indices are a RangeError. Shape [n].
 */
export function predictTimeSvdpp(
  p: TimeSvdppParams, byUser: SparseRows, users: Int32Array, items: Int32Array, time: RatingTimeRows | null, scale: RatingScale,
): Float32Array {
  const f = p.y.length > 0 ? withImplicitFactors(p.f, p.y, byUser) : p.f;
  const out = f.predict(users, items, { min: -Infinity, max: Infinity });
  if (time !== null) {
    for (let k = 0; k < out.length; k++) {
      const slot = time.slot[k];
      out[k] += p.alpha[users[k]] * time.dev[k] + p.binBias[items[k] * p.bins + time.bin[k]] + (slot >= 0 ? p.dayBias[slot] : 0);
    }
  }
  const lo = scale.min;
  const hi = scale.max;
  for (let k = 0; k < out.length; k++) out[k] = out[k] < lo ? lo : out[k] > hi ? hi : out[k];
  return out;
}
