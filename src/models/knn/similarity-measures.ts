/**
 * Surprise's four similarity measures as functions of the co-rating sums of one pair (Hug 2020, docs
 * "similarities"; `surprise/similarities.pyx`). All return 0 when the pair has too few co-rated entries or a zero
 * denominator (no common support, or a constant side), as Surprise does.
 */
import type { KnnSimilarity } from "./knn-config";

/**
 * The similarity of one pair from its sums over the n co-rated entries: n, Σ a·b, Σ a², Σ b², and Σ a, Σ b
 * (only read by Pearson; pass 0 otherwise). Dimensionless.
 */
export type SimilarityFormula = (n: number, sumAB: number, sumAA: number, sumBB: number, sumA: number, sumB: number) => number;

/** Options shared by the measures. */
export interface SimilarityOptions {
  /** Pairs with fewer co-rated entries get 0 (pearson-baseline: at least 2, as in Surprise). */
  minSupport: number;
  /** Pearson-baseline shrinkage: ρ · (n - 1) / (n - 1 + shrinkage). */
  shrinkage: number;
}

/** cosine(a, b) = Σ a·b / sqrt(Σ a² · Σ b²) over co-rated entries. */
export function cosineFormula(minSupport: number): SimilarityFormula {
  return (n, ab, aa, bb) => {
    if (n < minSupport) return 0;
    const den = Math.sqrt(aa * bb);
    return den > 0 ? ab / den : 0;
  };
}

/** msd(a, b) = 1 / (Σ (a - b)² / n + 1), with Σ (a - b)² = Σ a² - 2 Σ a·b + Σ b² (exact for whole or half stars). */
export function msdFormula(minSupport: number): SimilarityFormula {
  return (n, ab, aa, bb) => {
    if (n < minSupport || n === 0) return 0;
    const squaredDiff = Math.max(0, aa - 2 * ab + bb);
    return 1 / (squaredDiff / n + 1);
  };
}

/**
 * pearson(a, b) = (n Σ a·b - Σ a Σ b) / sqrt((n Σ a² - (Σ a)²) (n Σ b² - (Σ b)²)): the correlation centred on
 * each side's mean over the common support (Surprise's computational form). A side whose variance is zero up to
 * rounding (below 1e-12 of n Σ a²; exactly zero for whole or half stars) gives 0.
 */
export function pearsonFormula(minSupport: number): SimilarityFormula {
  return (n, ab, aa, bb, a, b) => {
    if (n < minSupport || n === 0) return 0;
    const varA = n * aa - a * a;
    const varB = n * bb - b * b;
    if (varA <= 1e-12 * n * aa || varB <= 1e-12 * n * bb) return 0;
    return (n * ab - a * b) / Math.sqrt(varA * varB);
  };
}

/**
 * pearson_baseline(a, b) = Σ a·b / sqrt(Σ a² Σ b²) · (n - 1) / (n - 1 + shrinkage), where the sums are over the
 * baseline residuals r - b_ui (the caller passes residuals); pairs with n < max(2, minSupport) get 0
 * (Koren, "Factor in the neighbors", TKDD 2010, eq. 2; Surprise's pearson_baseline).
 */
export function pearsonBaselineFormula(minSupport: number, shrinkage: number): SimilarityFormula {
  const least = Math.max(2, minSupport);
  return (n, ab, aa, bb) => {
    if (n < least) return 0;
    const den = Math.sqrt(aa * bb);
    return den > 0 ? (ab / den) * ((n - 1) / (n - 1 + shrinkage)) : 0;
  };
}

/** The formula of `measure` with `options`. */
export function similarityFormula(measure: KnnSimilarity, options: SimilarityOptions): SimilarityFormula {
  switch (measure) {
    case "cosine":
      return cosineFormula(options.minSupport);
    case "msd":
      return msdFormula(options.minSupport);
    case "pearson":
      return pearsonFormula(options.minSupport);
    case "pearson-baseline":
      return pearsonBaselineFormula(options.minSupport, options.shrinkage);
    default:
      throw new RangeError(`similarityFormula: unknown similarity ${JSON.stringify(measure)}`);
  }
}
