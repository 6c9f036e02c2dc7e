/**
 * Hyperparameters of timeSVD++ (Koren, "Collaborative Filtering with Temporal Dynamics", KDD 2009): the shared SGD
 * factorization settings plus the time terms' bins, drift exponent, step sizes and L2 weights; defaults, presets
 * and validation.
 */
import { checkSgdFactorizationConfig, type SgdFactorizationConfig } from "./factorization/sgd-config";
import { defaultSvdppConfig } from "./svdpp";

/** timeSVD++ hyperparameters. `dim` may be 0 (the time-aware baseline predictors alone). */
export interface TimeSvdppConfig extends SgdFactorizationConfig {
  /**
   * Run the epoch's vector loops in SVD++'s WebAssembly kernels (factorization/svdpp-arena.ts; default) or, when
   * false, in the JavaScript loops of time-svdpp-epoch.ts. Both give the same bits.
   */
  wasmKernels?: boolean;
  /** Include SVD++'s implicit term |N(u)|^-½ Σ y_j (timeSVD++); false: time-aware biased MF, about twice as fast. */
  implicitFeedback: boolean;
  /** Number of equal-width item-bias time bins over the training span (Koren: 30). */
  timeBins: number;
  /** Exponent β of the drift dev_u(t) = sign(t - t_u) |t - t_u|^β, t in days (Koren: 0.4). */
  beta: number;
  /** Include the per-day user bias b_{u,t} (one parameter per (user, day) with training ratings). */
  userDayBias: boolean;
  /** γ_bin, λ_bin: step size and L2 weight of the bin biases b_{i,Bin(t)}. */
  binLearningRate: number;
  regBin: number;
  /** γ_α, λ_α: step size and L2 weight of the drift coefficients α_u (rating units per day^β). */
  alphaLearningRate: number;
  regAlpha: number;
  /** γ_d, λ_d: step size and L2 weight of the per-day user biases b_{u,t}. */
  dayLearningRate: number;
  regDay: number;
  /** γ_c, λ_c: item-bias scaling c_u (shrunk towards 1) and c_{u,t} of Koren's eq. 11 (γ_c = 0: off). */
  scaleLearningRate: number;
  regScale: number;
}

/**
 * Defaults: the SVD++ ml-100k preset's factor settings (k = 100, γ = 0.007, γ_b = 0.003, λ = 0.08, λ_b = 0.02,
 * σ = 0.01, up to 100 epochs, early stopping after 5 flat epochs) with Koren's 30 bins and β = 0.4, and the time
 * terms' steps and weights chosen on ml-100k (see `timeSvdppPresets`); the bins keep a strong λ_bin = 50, which
 * was neutral on ml-100k (about 1.6 training ratings per item and bin there; Koren's Netflix data has hundreds).
 */
export const defaultTimeSvdppConfig: TimeSvdppConfig = {
  ...defaultSvdppConfig,
  implicitFeedback: true,
  timeBins: 30,
  beta: 0.4,
  userDayBias: true,
  binLearningRate: 0.003,
  regBin: 50,
  alphaLearningRate: 0.0001,
  regAlpha: 1,
  dayLearningRate: 0.01,
  regDay: 0.5,
  scaleLearningRate: 0.005,
  regScale: 0.1,
};

/**
 * The time-aware baseline predictors alone (eq. 10): no factors, no implicit term, bias steps γ_b = 0.01 (ml-100k,
 * same protocol as `timeSvdppPresets`: 0.9249 ± 0.0020; 0.9360 without c_u(t)).
 */
export const timeAwareBaselineConfig: TimeSvdppConfig = { ...defaultTimeSvdppConfig, dim: 0, implicitFeedback: false, biasLearningRate: 0.01 };

/**
 * Configurations per data set, chosen on validation ratings carved from the training side (never a test fold):
 * `scripts/measure-time-svdpp.ts --tune` fits on 81 % of fold 1's training ratings (5-fold split of `new Rng(42)`),
 * stops early on 9 % and scores the remaining 10 %. On ml-100k (tuning RMSE): SVD++ without time terms 0.9077,
 * with α_u and b_{u,t} 0.9043; time-aware MF (γ = 0.01) 0.9112 without and 0.9072 with them; the 30 item-bias bins
 * at λ_bin = 0.1 cost 0.010 and at λ_bin = 50 nothing (0.9085 vs 0.9080 with 4 or 8 bins in between), so they
 * are off; γ_α = 1e-4 with λ_α = 1 beat Koren's 1e-5 (and 1e-3); γ_d = 0.01, λ_d = 0.5 beat λ_d 0.1 and 2.
 * Then the item-bias scaling c_u(t) of eq. 11 (γ_c = 0.005, λ_c = 0.1): time-aware MF 0.9072 -> 0.8994, timeSVD++
 * 0.9043 -> 0.8993 (λ_c 0.02-0.1 and γ_c 0.002-0.01 within 0.0006 of each other; λ_c = 1 only 0.9043).
 */
export const timeSvdppPresets: Readonly<Record<"ml-100k" | "ml-100k-mf", TimeSvdppConfig>> = {
  /**
   * ml-100k timeSVD++: the defaults without bins, refit on training + validation ratings after early stopping.
   * `crossValidate` (5 folds, validationFraction 0.1, `new Rng(42)`): mean RMSE 0.8923 ± 0.0029 (folds
   * 0.888-0.895), best epoch about 62, 17 s per fold under load; in the same run SGD MF's preset 0.9020, SVD++'s
   * 0.9047. Without c_u(t) (the earlier preset): 0.8962.
   */
  "ml-100k": { ...defaultTimeSvdppConfig, binLearningRate: 0, refitOnValidation: true },
  /**
   * ml-100k time-aware biased MF (no y_j; about half the fit time): γ = 0.01 as SGD MF's preset. Same protocol:
   * 0.8936 ± 0.0025 (0.8982 without c_u(t)), 7 s per fold under load (the JavaScript epoch, not SGD MF's
   * WebAssembly kernel).
   */
  "ml-100k-mf": { ...defaultTimeSvdppConfig, implicitFeedback: false, learningRate: 0.01, binLearningRate: 0, refitOnValidation: true },
};

/** Validates a timeSVD++ configuration; errors name the field (e.g. `TimeSvdppConfig.timeBins`). */
export function checkTimeSvdppConfig(c: TimeSvdppConfig): void {
  const owner = "TimeSvdppConfig";
  if (c.wasmKernels !== undefined && typeof c.wasmKernels !== "boolean") throw new RangeError(`${owner}.wasmKernels must be true, false or left out, got ${JSON.stringify(c.wasmKernels)}`);
  if (!(Number.isInteger(c.dim) && c.dim >= 0)) throw new RangeError(`${owner}.dim must be an integer >= 0 (0: baseline predictors only), got ${c.dim}`);
  checkSgdFactorizationConfig({ ...c, dim: Math.max(1, c.dim) }, owner);
  for (const k of ["implicitFeedback", "userDayBias"] as const) {
    if (typeof c[k] !== "boolean") throw new TypeError(`${owner}.${k} must be a boolean, got ${c[k]}`);
  }
  if (!(Number.isInteger(c.timeBins) && c.timeBins >= 1)) throw new RangeError(`${owner}.timeBins must be an integer >= 1, got ${c.timeBins}`);
  if (!(c.beta >= 0 && c.beta <= 1)) throw new RangeError(`${owner}.beta must be in [0, 1], got ${c.beta}`);
  for (const k of ["binLearningRate", "regBin", "alphaLearningRate", "regAlpha", "dayLearningRate", "regDay", "scaleLearningRate", "regScale"] as const) {
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) throw new RangeError(`${owner}.${k} must be a finite number >= 0, got ${c[k]}`);
  }
}
