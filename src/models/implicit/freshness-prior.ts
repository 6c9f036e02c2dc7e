/**
 * The freshness prior: every user's score of an item is exp(-age / tau), where age = (newest release year in the
 * catalogue) - (the item's release year), in years. Covington, Adams and Sargin (2016, §3.3) observe that users
 * prefer fresh content and that a model trained on past data is biased towards the past; their "example age"
 * feature corrects it inside the network. With leave-latest-one-out (each user's latest rating held out, as in
 * ml-1m-loo) the held-out items are markedly newer than the training items, so the prior is blended with a
 * collaborative model (ScoreBlendModel), its weight and tau chosen on a holdout of each user's latest training
 * interaction (latestTimestampedValidation). Items without a known year score 0 (as if very old).
 * Typed arrays only, no TensorFlow.
 */
import type { Ratings } from "../../data/ratings";
import type { TrainingHistory } from "../../train/training-history";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "../implicit-model";
import { itemVectorCatalogue, itemVectorScores } from "../item-vector-scores";
import { singleStepRankingHistory } from "../popularity-model";

/** Freshness prior settings. */
export interface FreshnessPriorConfig {
  /** Label in tables; default "Freshness prior". */
  name: string;
  /** Decay in years: an item `tau` years older than the newest scores 1/e of it; default 1. */
  tau: number;
}

/** Defaults: tau 1 year. */
export const defaultFreshnessPriorConfig: FreshnessPriorConfig = { name: "Freshness prior", tau: 1 };

/** The prior (module comment); `releaseYears[i]` is dense item i's release year (NaN: unknown). */
export class FreshnessPriorModel implements ImplicitModel, CatalogueScorer {
  readonly name: string;
  fittedIndexId: string | undefined = undefined;
  private prior: Float32Array | null = null;
  private numUsers = 0;

  constructor(readonly releaseYears: Float64Array, readonly config: FreshnessPriorConfig) {
    if (!(Number.isFinite(config.tau) && config.tau > 0)) throw new RangeError(`FreshnessPriorModel: tau must be a positive number of years, got ${config.tau}`);
    this.name = config.name;
  }

  /** Computes every item's prior; needs a release year array covering `train.numItems` items with at least one year. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    const start = performance.now();
    if (this.releaseYears.length < train.numItems) {
      throw new RangeError(`${this.name}: releaseYears has ${this.releaseYears.length} entries, the training data ${train.numItems} items`);
    }
    let newest = -Infinity;
    for (let i = 0; i < train.numItems; i++) if (this.releaseYears[i] > newest) newest = this.releaseYears[i];
    if (newest === -Infinity) throw new RangeError(`${this.name}: no item of ${train.name} has a release year`);
    const prior = new Float32Array(train.numItems);
    for (let i = 0; i < train.numItems; i++) {
      const y = this.releaseYears[i];
      prior[i] = Number.isFinite(y) ? Math.exp(-(newest - y) / this.config.tau) : 0;
    }
    this.prior = prior;
    this.numUsers = train.numUsers;
    this.fittedIndexId = train.indexId;
    return singleStepRankingHistory(this.name, train, options.validator, start);
  }

  /** The prior of each item, shape [numItems]; throws before fit. */
  itemPrior(): Float32Array {
    if (!this.prior) throw new Error(`${this.name}: used before fit`);
    return this.prior;
  }

  /** Scores for pairs (users[k], items[k]): the prior of items[k] whatever the user, shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    return itemVectorScores(this.name, this.itemPrior(), this.numUsers, users, items);
  }

  /** Number of items (CatalogueScorer); throws before fit. */
  catalogueSize(): number {
    return this.itemPrior().length;
  }

  /** The same prior row for each of `users` (CatalogueScorer), shape [users.length * numItems]. */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    itemVectorCatalogue(this.name, this.itemPrior(), users, out);
  }

  /** Forgets the prior. */
  dispose(): void {
    this.prior = null;
  }
}

/** Creates the freshness prior over `releaseYears` (per dense item index) with `config` over the defaults. */
export function createFreshnessPrior(releaseYears: Float64Array, config: Partial<FreshnessPriorConfig> = {}): FreshnessPriorModel {
  return new FreshnessPriorModel(releaseYears, { ...defaultFreshnessPriorConfig, ...config });
}
