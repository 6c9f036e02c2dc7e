/**
 * Parameters, SGD epoch and prediction of timeSVD++ (Koren, "Collaborative Filtering with Temporal Dynamics",
 * KDD 2009, eq. 10 baseline and the timeSVD++ model without p_u(t)) over typed arrays:
 *
 *   r̂(u,i,t) = μ + b_u + α_u dev_u(t) + b_{u,t} + (b_i + b_{i,Bin(t)}) c_u(t) + q_i · (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j)
 *
 * with the item-bias scaling c_u(t) = c_u + c_{u,t} of eq. 11 (c_u starts at 1 and is shrunk towards 1).
 *
 * The epoch is SVD++'s user-grouped epoch (svdpp-epoch.ts: same grouping, same factor and y_j steps) with the
 * time terms' steps added per rating (γ_x, λ_x: each term's step size and L2 weight):
 *
 *   α_u += γ_α (e dev_u(t) - λ_α α_u);  b_{u,t} += γ_d (e - λ_d b_{u,t});  b_{i,Bin(t)} += γ_bin (e c_u(t) - λ_bin b_{i,Bin(t)})
 *   c_u += γ_c (e b - λ_c (c_u - 1));  c_{u,t} += γ_c (e b - λ_c c_{u,t})  with b = b_i + b_{i,Bin(t)};  b_i's step uses e c_u(t)
 *
 * With `implicit` false the y_j term is left out (time-aware biased MF); with dim 0 only the baseline predictors
 * remain (eq. 10). Without time rows (ratings without timestamps) the time terms are skipped.
 */
import type { SparseRows } from "../../data/rating-matrix";
import type { Ratings, RatingScale } from "../../data/ratings";
import { BiasedFactors } from "./biased-factors";
import type { RatingTimeRows } from "./rating-times";
import type { SvdppArena, SvdppVectorOps } from "./svdpp-arena";
import type { SgdStepSizes } from "./sgd-epoch";
import { factorStep, groupByUser, implicitSum, withImplicitFactors, yStep, type SvdppScratch } from "./svdpp-epoch";

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
  /** γ_c, λ_c: item-bias scaling c_u and c_{u,t} (0: c_u(t) stays 1). */
  scaleLearningRate: number;
  regScale: number;
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
  /** c_u, shape [numUsers] (starts at 1). */
  readonly userScale: Float64Array;
  /** c_{u,t} per (user, day) slot, shape [slots]. */
  readonly dayScale: Float64Array;

  /**
   * All-zero parameters (initialise the factors with `fillRandomNormal`); with `arena` (of the same shape), f and
   * y are the arena's, for the epoch's WebAssembly kernels.
   */
  constructor(numUsers: number, numItems: number, dim: number, mean: number, readonly bins: number, slots: number, implicit: boolean, arena?: SvdppArena) {
    this.f = arena?.factors ?? new BiasedFactors(numUsers, numItems, dim, mean);
    this.y = implicit ? (arena?.y ?? new Float64Array(numItems * dim)) : new Float64Array(0);
    this.alpha = new Float64Array(numUsers);
    this.binBias = new Float64Array(numItems * bins);
    this.dayBias = new Float64Array(slots);
    this.userScale = new Float64Array(numUsers).fill(1);
    this.dayScale = new Float64Array(slots);
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
    this.userScale.set(o.userScale);
    this.dayScale.set(o.dayScale);
  }
}

/**
 * One user-grouped timeSVD++ epoch over `train` in the user order implied by `order`, updating `p` in place.
 * `time` holds each training rating's bin, dev_u(t) and day slot (null: no time terms). Returns Σ e², each error
 * taken before its own step (squared rating units). With `ops` (the SvdppArena `p` was built on, whose z and g
 * are `scratch.z` and `scratch.g`), the vector loops run in its WebAssembly kernels, with the same bits.
 */
export function timeSvdppEpoch(
  p: TimeSvdppParams, byUser: SparseRows, train: Ratings, order: Uint32Array, s: TimeStepSizes, scratch: SvdppScratch, time: RatingTimeRows | null,
  ops?: SvdppVectorOps,
): number {
  const { items, values, rows, users: userOrder, z, g } = scratch;
  const { dim, userFactors: P, itemFactors: Q, userBias: bu, itemBias: bi, mean } = p.f;
  const { y, alpha, binBias, dayBias, userScale: cu, dayScale: cd, bins } = p;
  const implicit = y.length > 0;
  const { learningRate: lr, biasLearningRate: lrb, regFactors: reg, regBias: regb } = s;
  const { binLearningRate: lrBin, regBin, alphaLearningRate: lrA, regAlpha, dayLearningRate: lrD, regDay, scaleLearningRate: lrC, regScale } = s;
  const nUsers = groupByUser(train, order, byUser, scratch);
  let sse = 0;
  z.fill(0);
  for (let t = 0; t < nUsers; t++) {
    const u = userOrder[t];
    const from = byUser.offsets[u];
    const to = byUser.offsets[u + 1];
    const norm = 1 / Math.sqrt(to - from);
    if (implicit) {
      if (ops) ops.implicitSum(from, to, norm);
      else {
        g.fill(0);
        implicitSum(z, y, byUser, from, to, norm);
      }
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
      let userTerms = 0, binB = 0, c = 1;
      let dev = 0, at = 0, slot = -1;
      if (time !== null) {
        const row = rows[k];
        dev = time.dev[row];
        at = i * bins + time.bin[row];
        slot = time.slot[row];
        binB = binBias[at];
        userTerms = alpha[u] * dev + (slot >= 0 ? dayBias[slot] : 0);
        c = cu[u] + (slot >= 0 ? cd[slot] : 0);
      }
      const e = values[k] - (mean + bU + userTerms + (bI + binB) * c + dot);
      sse += e * e;
      bu[u] = bU + lrb * (e - regb * bU);
      bi[i] = bI + lrb * (e * c - regb * bI);
      if (time !== null) {
        alpha[u] += lrA * (e * dev - regAlpha * alpha[u]);
        binBias[at] = binB + lrBin * (e * c - regBin * binB);
        if (slot >= 0) dayBias[slot] += lrD * (e - regDay * dayBias[slot]);
        if (lrC > 0) {
          const eb = e * (bI + binB);
          cu[u] += lrC * (eb - regScale * (cu[u] - 1));
          if (slot >= 0) cd[slot] += lrC * (eb - regScale * cd[slot]);
        }
      }
      const en = e * norm;
      if (ops) ops.update(u, i, e, en, lr, reg);
      else {
        factorStep(P, Q, z, g, uo, io, e, en, lr, reg);
      }
    }
    if (implicit) {
      const shrink = (to - from) * reg;
      if (ops) ops.yStep(from, to, lr, shrink);
      else {
        yStep(y, byUser, g, from, to, lr, shrink);
      }
    }
  }
  return sse;
}

/**
 * Predictions r̂(u,i,t) for pairs (users[k], items[k]) with time features `time` (null: the time-free part only,
 * i.e. α_u, b_{u,t}, b_{i,bin} taken as 0 and c_u(t) as 1), clipped to `scale`. Out-of-range indices are a RangeError. Shape [n].
 * `arena`: the SvdppArena holding `p.f` and `p.y`, whose kernels then sum the implicit factors (same bits).
 */
export function predictTimeSvdpp(
  p: TimeSvdppParams, byUser: SparseRows, users: Int32Array, items: Int32Array, time: RatingTimeRows | null, scale: RatingScale, arena?: SvdppArena,
): Float32Array {
  const f = p.y.length > 0 ? (arena ? arena.implicitFactors() : withImplicitFactors(p.f, p.y, byUser)) : p.f;
  const out = f.predict(users, items, { min: -Infinity, max: Infinity });
  if (time !== null) {
    const bi = p.f.itemBias;
    for (let k = 0; k < out.length; k++) {
      const u = users[k];
      const i = items[k];
      const slot = time.slot[k];
      const binB = p.binBias[i * p.bins + time.bin[k]];
      const c = p.userScale[u] + (slot >= 0 ? p.dayScale[slot] : 0);
      // `out` holds μ + b_u + b_i + q_i · p_u(eff); add the time terms and replace b_i by (b_i + b_{i,bin}) c.
      out[k] += p.alpha[u] * time.dev[k] + (slot >= 0 ? p.dayBias[slot] : 0) + binB * c + bi[i] * (c - 1);
    }
  }
  const lo = scale.min;
  const hi = scale.max;
  for (let k = 0; k < out.length; k++) out[k] = out[k] < lo ? lo : out[k] > hi ? hi : out[k];
  return out;
}
