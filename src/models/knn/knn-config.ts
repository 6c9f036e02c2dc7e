/**
 * Configuration of the neighbourhood (k-NN) rating predictors: Surprise's KNNBasic, KNNWithMeans and
 * KNNBaseline with their similarity options (Hug, "Surprise: a Python library for recommender systems",
 * JOSS 2020; docs "k-NN inspired algorithms" and "similarities"), with Surprise's defaults.
 */
import { BiasBaselineModel, defaultBiasBaselineConfig, type BiasBaselineConfig } from "../bias-baseline";
import { DEFAULT_MAX_SIMILARITY_BYTES } from "./knn-memory";

/**
 * How neighbours' ratings are aggregated: "basic" (weighted mean of their ratings, KNNBasic), "means"
 * (centred on each entity's mean rating, KNNWithMeans), "baseline" (centred on the ALS baseline b_ui, KNNBaseline).
 */
export type KnnKind = "basic" | "means" | "baseline";

/** Which entities are neighbours: "user" (users who rated the item; Surprise's default) or "item". */
export type KnnBasis = "user" | "item";

/**
 * Similarity over co-rated entries: "cosine", "msd" (1 / (mean squared difference + 1)), "pearson" (centred on
 * each side's mean over the common support) or "pearson-baseline" (Pearson of r - b_ui, shrunk).
 */
export type KnnSimilarity = "cosine" | "msd" | "pearson" | "pearson-baseline";

/** k-NN hyperparameters (Surprise's names in brackets). */
export interface KnnConfig {
  /** Aggregation rule (the Surprise class). */
  kind: KnnKind;
  /** Neighbours are users (`user_based: True`) or items. */
  basis: KnnBasis;
  /** Similarity measure (`sim_options.name`). */
  similarity: KnnSimilarity;
  /** Largest number of neighbours aggregated (`k`). */
  k: number;
  /** Fewest positive-similarity neighbours needed, else the fallback is predicted (`min_k`). */
  minK: number;
  /** Pairs with fewer co-rated entries get similarity 0 (`min_support`; at least 2 for pearson-baseline). */
  minSupport: number;
  /** Shrinkage of pearson-baseline toward 0, in co-rated entries (`shrinkage`). */
  shrinkage: number;
  /** ALS baseline for "baseline" and "pearson-baseline" (`bsl_options`: reg_u 15, reg_i 10, 10 epochs). */
  baseline: BiasBaselineConfig;
  /** Largest similarity matrix fit builds, in bytes (4 n² for n users or items); above it fit refuses. Default 1e9 (1 GB). */
  maxSimilarityBytes: number;
}

/** Surprise's defaults: KNNBasic, user-based, MSD, k 40, min_k 1, min_support 1, shrinkage 100, ALS baseline; a 1 GB similarity matrix at most. */
export const defaultKnnConfig: KnnConfig = {
  kind: "basic",
  basis: "user",
  similarity: "msd",
  k: 40,
  minK: 1,
  minSupport: 1,
  shrinkage: 100,
  baseline: defaultBiasBaselineConfig,
  maxSimilarityBytes: DEFAULT_MAX_SIMILARITY_BYTES,
};

const KINDS: readonly KnnKind[] = ["basic", "means", "baseline"];
const BASES: readonly KnnBasis[] = ["user", "item"];
const SIMILARITIES: readonly KnnSimilarity[] = ["cosine", "msd", "pearson", "pearson-baseline"];

function oneOf<T extends string>(field: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new RangeError(`KnnConfig.${field} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`);
  }
}

function integerAtLeast(field: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) throw new RangeError(`KnnConfig.${field} must be an integer >= ${min}, got ${value}`);
}

/** Throws a RangeError naming the first invalid field of `config`. */
export function validateKnnConfig(config: KnnConfig): void {
  oneOf("kind", config.kind, KINDS);
  oneOf("basis", config.basis, BASES);
  oneOf("similarity", config.similarity, SIMILARITIES);
  integerAtLeast("k", config.k, 1);
  integerAtLeast("minK", config.minK, 0);
  integerAtLeast("minSupport", config.minSupport, 0);
  if (!(config.shrinkage >= 0 && Number.isFinite(config.shrinkage))) {
    throw new RangeError(`KnnConfig.shrinkage must be a finite number >= 0, got ${config.shrinkage}`);
  }
  if (!(config.maxSimilarityBytes > 0)) {
    throw new RangeError(`KnnConfig.maxSimilarityBytes must be a number > 0 (bytes), got ${config.maxSimilarityBytes}`);
  }
  if (config.baseline === null || typeof config.baseline !== "object") {
    throw new RangeError(`KnnConfig.baseline must be a BiasBaselineConfig, got ${String(config.baseline)}`);
  }
  new BiasBaselineModel(config.baseline); // throws naming BiasBaselineConfig.<field>
}

/** Whether `config` needs the ALS baseline (KNNBaseline, or the pearson-baseline similarity). */
export function needsBaseline(config: KnnConfig): boolean {
  return config.kind === "baseline" || config.similarity === "pearson-baseline";
}
