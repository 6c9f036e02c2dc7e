/**
 * The interface every implicit-feedback (ranking) model implements: popularity, logistic MF (Johnson 2014),
 * BPR, GMF/MLP/NeuMF (He et al. 2017), sampled-logistic MF (Rendle et al. 2020). Training data is a `Ratings`
 * whose values are confidences (1 for plain interactions; `1 + alpha * count` and the like for counts).
 */
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";
import type { Validator } from "../train/epoch-loop";
import type { ProgressReporter } from "../train/progress";
import type { TrainingHistory } from "../train/training-history";

/** Options every implicit `fit` accepts. */
export interface ImplicitFitOptions {
  /** Seeded generator for initialisation, shuffling and negative sampling. */
  rng: Rng;
  /** Ranking validation after each epoch (e.g. HR@10 on held-out interactions), driving early stopping. */
  validator?: Validator;
  progress?: ProgressReporter;
}

/** A model that scores (user, item) pairs for ranking; higher scores rank first. */
export interface ImplicitModel {
  /** Short display name, e.g. "Logistic MF". */
  readonly name: string;
  /** `indexId` of the interactions of the last fit (every built-in model sets it; evaluation refuses another index). */
  readonly fittedIndexId?: string;
  /** Trains on the positive interactions in `train` (values are confidences). */
  fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory>;
  /** Scores for pairs (users[k], items[k]), shape [n]; users or items unseen in training get a defined score. */
  score(users: Int32Array, items: Int32Array): Float32Array;
  /** Releases tensors and buffers. */
  dispose(): void;
}

/**
 * A model that scores every item of its index space for a batch of users at once, for exact full-catalogue
 * retrieval (src/train/full-catalogue-retrieval.ts): EASE and the implicit factorization models.
 */
export interface CatalogueScorer {
  /** Number of items scored per user (the training data's numItems); throws before fit. */
  catalogueSize(): number;
  /**
   * Writes the score of every item for `users[r]` into `out[r * n .. (r + 1) * n)` with n = catalogueSize(), the
   * same values `score` gives for those pairs; `out` has shape [users.length * n] or more.
   */
  scoreCatalogue(users: Int32Array, out: Float32Array): void;
}

/** True when `model` implements CatalogueScorer (has scoreCatalogue and catalogueSize methods). */
export function isCatalogueScorer(model: object): model is CatalogueScorer {
  const m = model as Partial<CatalogueScorer>;
  return typeof m.scoreCatalogue === "function" && typeof m.catalogueSize === "function";
}
