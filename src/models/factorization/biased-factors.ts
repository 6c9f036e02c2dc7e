/**
 * The parameters of biased matrix factorization as plain typed arrays, r̂(u,i) = μ + b_u + b_i + p_u · q_i
 * (Koren, Bell and Volinsky, "Matrix factorization techniques for recommender systems", IEEE Computer 2009,
 * eq. 4), shared by the SGD ("Funk SVD") and ALS trainers: seeded initialisation, prediction, copies for early
 * stopping and the regularised objective.
 */
import { assertPairsInRange } from "../../data/index-identity";
import type { Ratings, RatingScale } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import type { EpochTrainer } from "../../train/epoch-loop";

/**
 * Factor tables and biases of one index space. Factor rows are row-major: user u's k factors are
 * `userFactors[u*dim .. u*dim + dim)`; shapes [numUsers*dim], [numItems*dim], [numUsers], [numItems].
 * Values are in rating units (μ and biases) or their square roots (factors). The user and item tables are two
 * views of one array (`factors`, user rows first), and so are the biases (`biases`), so that the SGD kernel
 * indexes one table instead of two (fewer live array registers in its loop, measurably faster).
 */
export class BiasedFactors {
  /** [p_1 .. p_U, q_1 .. q_I]: user rows, then item rows, row-major, shape [(numUsers + numItems) * dim]. */
  readonly factors: Float64Array;
  /** [b_u for every user, b_i for every item], shape [numUsers + numItems]. */
  readonly biases: Float64Array;
  /** p_u for every user, row-major, shape [numUsers * dim] (a view of `factors`). */
  readonly userFactors: Float64Array;
  /** q_i for every item, row-major, shape [numItems * dim] (a view of `factors`, from row numUsers). */
  readonly itemFactors: Float64Array;
  /** b_u, shape [numUsers] (a view of `biases`). */
  readonly userBias: Float64Array;
  /** b_i, shape [numItems] (a view of `biases`, from numUsers). */
  readonly itemBias: Float64Array;

  /**
   * All-zero parameters for `numUsers` x `numItems` with latent dimension `dim` and global mean `mean`, on new
   * arrays or on `storage` (zero-filled arrays of the shapes of `factors` and `biases`, e.g. views of the
   * WebAssembly memory of the SGD kernel, `SgdArena`), used as they are.
   */
  constructor(
    readonly numUsers: number, readonly numItems: number, readonly dim: number, readonly mean: number,
    storage?: { factors: Float64Array; biases: Float64Array },
  ) {
    if (storage && (storage.factors.length !== (numUsers + numItems) * dim || storage.biases.length !== numUsers + numItems)) {
      throw new RangeError(`BiasedFactors: storage of ${storage.factors.length} factors and ${storage.biases.length} biases does not fit ${numUsers} + ${numItems} rows of ${dim}`);
    }
    this.factors = storage?.factors ?? new Float64Array((numUsers + numItems) * dim);
    this.biases = storage?.biases ?? new Float64Array(numUsers + numItems);
    this.userFactors = this.factors.subarray(0, numUsers * dim);
    this.itemFactors = this.factors.subarray(numUsers * dim);
    this.userBias = this.biases.subarray(0, numUsers);
    this.itemBias = this.biases.subarray(numUsers);
  }

  /**
   * Predicted ratings for pairs (users[k], items[k]), clipped to `scale`. Users or items of the index space without
   * training ratings keep zero factors and bias (the mean plus the other side's bias); an index outside the index
   * space is a RangeError (data from another id index, not a cold start). Shape [n].
   */
  predict(users: Int32Array, items: Int32Array, scale: RatingScale): Float32Array {
    if (users.length !== items.length) throw new RangeError("predict: users and items differ in length");
    const { dim, userFactors: P, itemFactors: Q, userBias, itemBias, numUsers, numItems } = this;
    assertPairsInRange("predict", users, items, numUsers, numItems);
    const lo = scale.min;
    const hi = scale.max;
    const out = new Float32Array(users.length);
    for (let k = 0; k < out.length; k++) {
      const u = users[k];
      const i = items[k];
      let r = this.mean + userBias[u] + itemBias[i];
      const uo = u * dim;
      const io = i * dim;
      for (let f = 0; f < dim; f++) r += P[uo + f] * Q[io + f];
      out[k] = r < lo ? lo : r > hi ? hi : r;
    }
    return out;
  }

  /** An independent copy (an early-stopping snapshot) on ordinary, unshared buffers. */
  copy(): BiasedFactors {
    const c = new BiasedFactors(this.numUsers, this.numItems, this.dim, this.mean);
    c.copyFrom(this);
    return c;
  }

  /** Overwrites these parameters with `other`'s (same shapes). */
  copyFrom(other: BiasedFactors): void {
    this.factors.set(other.factors);
    this.biases.set(other.biases);
  }
}

/** Early-stopping snapshots of `f` as independent typed-array copies (`BiasedFactors.copy`), restored in place. */
export function factorSnapshots(f: BiasedFactors): Pick<EpochTrainer<BiasedFactors>, "snapshot" | "restore" | "release"> {
  return {
    snapshot: () => f.copy(),
    restore: (s) => f.copyFrom(s),
    release: () => {},
  };
}

/**
 * Fills `table` (shape [rows * dim]) with draws from N(0, std²) taken from `rng` in row-major order; rows whose
 * `rowMask` flag is 0 are set to zero after their draws are made, so the mask does not shift other rows' values
 * (the same draw order as `randomNormalTensor` in random-init.ts).
 */
export function fillRandomNormal(table: Float64Array, dim: number, std: number, rng: Rng, rowMask?: Uint8Array): void {
  for (let k = 0; k < table.length; k++) {
    const v = rng.normal() * std;
    table[k] = rowMask && rowMask[(k / dim) | 0] === 0 ? 0 : v;
  }
}

/** Number of training ratings per user (shape [numUsers]) and per item (shape [numItems]). */
export function ratingCounts(r: Ratings): { users: Float64Array; items: Float64Array } {
  const users = new Float64Array(r.numUsers);
  const items = new Float64Array(r.numItems);
  for (let k = 0; k < r.size; k++) {
    users[r.users[k]]++;
    items[r.items[k]]++;
  }
  return { users, items };
}

/**
 * The L2 penalty of the per-rating objective summed over the training ratings:
 * Σ_u n_u (λ |p_u|² + λ_b b_u²) + Σ_i n_i (λ |q_i|² + λ_b b_i²), where n_u, n_i are rating counts. This is the
 * penalty of Koren et al. eq. 5 written per entity, and the weighted-λ penalty of ALS-WR (Zhou et al. 2008).
 */
export function weightedPenalty(
  f: BiasedFactors,
  counts: { users: Float64Array; items: Float64Array },
  regFactors: number,
  regBias: number,
): number {
  return sidePenalty(f.userFactors, f.userBias, counts.users, f.dim, regFactors, regBias)
    + sidePenalty(f.itemFactors, f.itemBias, counts.items, f.dim, regFactors, regBias);
}

function sidePenalty(table: Float64Array, bias: Float64Array, n: Float64Array, dim: number, reg: number, regBias: number): number {
  let total = 0;
  for (let r = 0; r < bias.length; r++) {
    if (n[r] === 0) continue;
    let s = 0;
    const o = r * dim;
    for (let f = 0; f < dim; f++) s += table[o + f] * table[o + f];
    total += n[r] * (reg * s + regBias * bias[r] * bias[r]);
  }
  return total;
}

/** Sum of squared training errors Σ (r - r̂)² of `f` over `r` (no clipping), in squared rating units. */
export function sumSquaredError(f: BiasedFactors, r: Ratings): number {
  const { dim, userFactors: P, itemFactors: Q, userBias, itemBias, mean } = f;
  let sse = 0;
  for (let k = 0; k < r.size; k++) {
    const u = r.users[k];
    const i = r.items[k];
    const uo = u * dim;
    const io = i * dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += P[uo + d] * Q[io + d];
    const e = r.values[k] - (mean + userBias[u] + itemBias[i] + dot);
    sse += e * e;
  }
  return sse;
}
