/**
 * Confidence weights of implicit feedback: how much an observed (user, item) interaction with `count`
 * occurrences (plays, clicks, purchases, or 1 per rating) is trusted as a positive. Pure functions over typed
 * arrays; the schemes of Hu, Koren and Volinsky (2008) and Johnson (2014).
 */

/**
 * How a count becomes a confidence c(count), for count > 0:
 *
 * - `"binary"`: c = 1 (every interaction counts the same; the NCF protocol);
 * - `"linear"`: c = 1 + alpha * count (Hu, Koren, Volinsky, "Collaborative Filtering for Implicit Feedback
 *   Datasets", ICDM 2008, eq. 4; they report alpha = 40 working well on TV watching data);
 * - `"log"`: c = 1 + alpha * ln(1 + count / epsilon) (Hu et al. 2008, eq. 6; used by Johnson, "Logistic Matrix
 *   Factorization for Implicit Feedback Data", NIPS 2014 workshop), which damps heavy users.
 *
 * `alpha` (> 0, dimensionless) is required by "linear" and "log", `epsilon` (> 0, in count units) by "log".
 */
export interface ConfidenceConfig {
  /** "binary", "linear" or "log"; see the interface comment. */
  scheme: "binary" | "linear" | "log";
  /** Scale of the count term (> 0); required for "linear" and "log". */
  alpha?: number;
  /** Count scale inside the logarithm (> 0); required for "log". */
  epsilon?: number;
}

/** The binary scheme: every interaction has confidence 1. */
export const BINARY_CONFIDENCE: ConfidenceConfig = { scheme: "binary" };

/** Checks a ConfidenceConfig; throws a RangeError naming the bad field. Returns the config. */
export function checkConfidence(config: ConfidenceConfig, owner = "confidence"): ConfidenceConfig {
  const scheme = config.scheme;
  if (scheme !== "binary" && scheme !== "linear" && scheme !== "log") {
    throw new RangeError(`${owner}.scheme must be "binary", "linear" or "log", got ${JSON.stringify(scheme)}`);
  }
  if (scheme !== "binary" && !(typeof config.alpha === "number" && config.alpha > 0 && Number.isFinite(config.alpha))) {
    throw new RangeError(`${owner}.alpha must be a finite number > 0 for the "${scheme}" scheme, got ${config.alpha}`);
  }
  if (scheme === "log" && !(typeof config.epsilon === "number" && config.epsilon > 0 && Number.isFinite(config.epsilon))) {
    throw new RangeError(`${owner}.epsilon must be a finite number > 0 for the "log" scheme, got ${config.epsilon}`);
  }
  return config;
}

/** Confidence of one interaction with `count` (> 0) occurrences under `config` (see ConfidenceConfig). */
export function confidenceOf(count: number, config: ConfidenceConfig): number {
  if (config.scheme === "binary") return 1;
  if (config.scheme === "linear") return 1 + config.alpha! * count;
  return 1 + config.alpha! * Math.log(1 + count / config.epsilon!);
}

/**
 * Confidences of `counts` (shape [n], every count > 0) under `config`; a new Float32Array of shape [n].
 * Throws a RangeError for an invalid config or a count that is not a positive finite number.
 */
export function confidenceValues(counts: ArrayLike<number>, config: ConfidenceConfig): Float32Array {
  checkConfidence(config);
  const out = new Float32Array(counts.length);
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k];
    if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`confidenceValues: counts[${k}] must be a positive finite number, got ${c}`);
    out[k] = confidenceOf(c, config);
  }
  return out;
}
