/**
 * The global-mean predictor: every rating is predicted as the training mean. The floor every model must beat.
 */
import { assertPairsInRange } from "../data/index-identity";
import { meanRating, type Ratings } from "../data/ratings";
import { singleStepHistory, type TrainingHistory } from "../train/training-history";
import type { FitOptions, RatingModel } from "./rating-model";

/** Global-mean configuration (none; kept for a uniform factory signature). */
export type GlobalMeanConfig = Record<string, never>;

/** Predicts the mean training rating for every pair. */
export class GlobalMeanModel implements RatingModel {
  readonly name = "Global mean";
  private mean = NaN;
  private space = { numUsers: 0, numItems: 0 };

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    const start = performance.now();
    if (train.size === 0) throw new RangeError("GlobalMeanModel.fit: the training set is empty");
    this.mean = meanRating(train);
    this.space = { numUsers: train.numUsers, numItems: train.numItems };
    return singleStepHistory(this, train, options, start);
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (Number.isNaN(this.mean)) throw new Error(`${this.name}: predict called before fit`);
    if (users.length !== items.length) throw new RangeError("predict: users and items differ in length");
    assertPairsInRange(`${this.name}.predict`, users, items, this.space.numUsers, this.space.numItems);
    return new Float32Array(users.length).fill(this.mean);
  }

  dispose(): void {
    this.mean = NaN;
  }
}

/** Creates a global-mean model. */
export function createGlobalMean(_config: Partial<GlobalMeanConfig> = {}): GlobalMeanModel {
  return new GlobalMeanModel();
}
