/**
 * The popularity baseline for implicit feedback: every user gets the same ranking, items ordered by how many
 * training interactions they have (the "most popular" baseline of He et al. 2017 and Rendle et al. 2020).
 * Typed arrays only, no TensorFlow.
 */
import { assertPairsInRange } from "../data/index-identity";
import type { Ratings } from "../data/ratings";
import type { Validator } from "../train/epoch-loop";
import type { EpochRecord, TrainingHistory } from "../train/training-history";
import type { CatalogueScorer, ImplicitFitOptions, ImplicitModel } from "./implicit-model";
import { itemVectorCatalogue, itemVectorScores } from "./item-vector-scores";

/**
 * History of an implicit model fitted in one pass (no training objective, so `trainLoss` is 0): one epoch with
 * the validator's metrics when one is given. `start` is a `performance.now()` reading taken before fitting.
 */
export function singleStepRankingHistory(name: string, train: Ratings, validator: Validator | undefined, start: number): TrainingHistory {
  const seconds = (performance.now() - start) / 1000;
  const record: EpochRecord = { epoch: 1, trainLoss: 0, seconds, examplesPerSecond: seconds > 0 ? train.size / seconds : Infinity };
  if (validator) record.validation = validator.evaluate();
  return { model: name, epochs: [record], bestEpoch: 1, stoppedEarly: false, trainSeconds: (performance.now() - start) / 1000 };
}

/** Checks a pair batch for `score`: equal lengths, user indices inside [0, numUsers), items inside [0, numItems). */
export function checkPairs(model: string, users: Int32Array, items: Int32Array, numUsers: number, numItems: number): void {
  assertPairsInRange(`${model}.score`, users, items, numUsers, numItems);
}

/**
 * Scores (user, item) by the item's number of training interactions (rows of `train` with that item; with
 * `toImplicit` data, the number of users who interacted with it), whatever the user. Items of the index space
 * that have no training interaction score 0.
 */
export class PopularityModel implements ImplicitModel, CatalogueScorer {
  private counts: Float32Array | null = null;
  private numUsers = 0;

  /** `name` labels the model in tables (default "Popularity"). */
  constructor(readonly name: string = "Popularity") {}

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  /** Counts the training interactions of every item; validates once when `options.validator` is given. */
  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    const start = performance.now();
    if (train.size === 0) throw new RangeError("PopularityModel.fit: the training set is empty");
    const counts = new Float32Array(train.numItems);
    for (let k = 0; k < train.size; k++) counts[train.items[k]]++;
    this.counts = counts;
    this.numUsers = train.numUsers;
    return singleStepRankingHistory(this.name, train, options.validator, start);
  }

  /** Training interactions of each item, shape [numItems]; throws before fit. */
  itemCounts(): Float32Array {
    if (!this.counts) throw new Error(`${this.name}: itemCounts called before fit`);
    return this.counts;
  }

  /** Scores for pairs (users[k], items[k]): the count of items[k], shape [n]. */
  score(users: Int32Array, items: Int32Array): Float32Array {
    return itemVectorScores(this.name, this.itemCounts(), this.numUsers, users, items);
  }

  /** Number of items (CatalogueScorer); throws before fit. */
  catalogueSize(): number {
    return this.itemCounts().length;
  }

  /** Every item's count for each of `users` (CatalogueScorer): the same row for every user, shape [users.length * numItems]. */
  scoreCatalogue(users: Int32Array, out: Float32Array): void {
    itemVectorCatalogue(this.name, this.itemCounts(), users, out);
  }

  /** Forgets the counts. */
  dispose(): void {
    this.counts = null;
  }
}

/** Options of createPopularity. */
export interface PopularityOptions {
  /** Label in tables; default "Popularity". */
  name?: string;
}

/** Creates the popularity baseline (no hyperparameters; `options.name` only relabels it). */
export function createPopularity(options: PopularityOptions = {}): PopularityModel {
  return new PopularityModel(options.name);
}
