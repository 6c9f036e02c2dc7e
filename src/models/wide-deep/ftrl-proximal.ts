/**
 * FTRL-Proximal, the per-coordinate online optimizer of McMahan et al., "Ad Click Prediction: a View from the
 * Trenches" (KDD 2013, Algorithm 1), over typed arrays: the optimizer Cheng et al. (2016) train Wide & Deep's wide
 * part with. Each coordinate i keeps z_i and n_i (the sum of squared gradients); its weight is
 *
 *   w_i = 0                                                           if |z_i| <= λ1,
 *   w_i = -(z_i - sgn(z_i) λ1) / ((β + sqrt(n_i)) / α + λ2)           otherwise,
 *
 * and a gradient g_i updates σ_i = (sqrt(n_i + g_i²) - sqrt(n_i)) / α, z_i += g_i - σ_i w_i, n_i += g_i².
 * L1 (λ1) gives exact zeros, the point of FTRL for very wide sparse models. Coordinates never updated stay at 0.
 */

/** FTRL-Proximal hyperparameters (McMahan et al. 2013's names). */
export interface FtrlConfig {
  /** α, the per-coordinate learning-rate scale, > 0. */
  alpha: number;
  /** β, added to sqrt(n_i) in the learning-rate denominator, >= 0 (1 in the paper). */
  beta: number;
  /** λ1, L1 strength, >= 0 (coordinates with |z_i| <= λ1 are exactly 0). */
  l1: number;
  /** λ2, L2 strength, >= 0. */
  l2: number;
}

/** Validates an FTRL configuration, naming the offending field of `owner`. */
export function checkFtrlConfig(c: FtrlConfig, owner: string): void {
  if (!(typeof c.alpha === "number" && c.alpha > 0 && Number.isFinite(c.alpha))) throw new RangeError(`${owner}.alpha must be a finite number > 0, got ${c.alpha}`);
  for (const k of ["beta", "l1", "l2"] as const) {
    if (!(typeof c[k] === "number" && c[k] >= 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number >= 0, got ${c[k]}`);
  }
}

/** A copy of an FtrlProximal state (for early stopping). */
export interface FtrlSnapshot {
  readonly z: Float64Array;
  readonly n: Float64Array;
  readonly w: Float64Array;
}

/** FTRL-Proximal state over `size` coordinates (module comment). */
export class FtrlProximal {
  /** z_i per coordinate, shape [size]. */
  readonly z: Float64Array;
  /** n_i (sum of squared gradients) per coordinate, shape [size]. */
  readonly n: Float64Array;
  /** Current weights w_i, shape [size] (0 for coordinates never updated). */
  readonly w: Float64Array;

  constructor(readonly size: number, readonly config: FtrlConfig, owner = "FtrlConfig") {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`FtrlProximal: size must be an integer >= 1, got ${size}`);
    checkFtrlConfig(config, owner);
    this.z = new Float64Array(size);
    this.n = new Float64Array(size);
    this.w = new Float64Array(size);
  }

  /** The weight of coordinate i from z_i and n_i (module comment). */
  weightOf(i: number): number {
    const z = this.z[i];
    const { alpha, beta, l1, l2 } = this.config;
    if (Math.abs(z) <= l1) return 0;
    return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(this.n[i])) / alpha + l2);
  }

  /**
   * One FTRL step on the coordinates `indices[0..count)` (distinct) with gradients `grads[indices[k]]`; the other
   * coordinates are untouched. Updates z, n and the weights of those coordinates.
   */
  step(indices: Int32Array, count: number, grads: Float64Array): void {
    const alpha = this.config.alpha;
    for (let k = 0; k < count; k++) {
      const i = indices[k];
      const g = grads[i];
      const n = this.n[i];
      const sigma = (Math.sqrt(n + g * g) - Math.sqrt(n)) / alpha;
      this.z[i] += g - sigma * this.w[i];
      this.n[i] = n + g * g;
      this.w[i] = this.weightOf(i);
    }
  }

  /** Number of coordinates whose weight is exactly 0. */
  zeros(): number {
    let c = 0;
    for (let i = 0; i < this.size; i++) if (this.w[i] === 0) c++;
    return c;
  }

  /** A copy of the state. */
  snapshot(): FtrlSnapshot {
    return { z: this.z.slice(), n: this.n.slice(), w: this.w.slice() };
  }

  /** Puts a snapshot of this optimizer back. */
  restore(s: FtrlSnapshot): void {
    this.z.set(s.z);
    this.n.set(s.n);
    this.w.set(s.w);
  }
}
