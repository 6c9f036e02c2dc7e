/**
 * What the typed-array rating factorization models (SGD MF, SVD++, ALS MF) share around their trainers: the
 * validated configuration, the preamble of every fit (drop the previous parameters, refuse an empty training set,
 * record the rating scale), the fitted-state guard, prediction through a biased-MF view of the state clipped to
 * the training scale, and `dispose`. Each subclass keeps its own initialisation, epoch trainer and `parameters`.
 */
import type { Ratings, RatingScale } from "../../data/ratings";
import type { TrainingHistory } from "../../train/training-history";
import type { FitOptions, RatingModel } from "../rating-model";
import type { BiasedFactors } from "./biased-factors";
import type { RefitConfig } from "./fit-with-refit";

/**
 * Base class of a rating factorization model with configuration `C` and fitted state `S` (e.g. `BiasedFactors`,
 * or SVD++'s factors plus implicit factors). `fit` checks the training set and hands over to `fitNonEmpty`, which
 * sets `state` as soon as the parameters are initialised (so that a validator can predict during training);
 * `predict` scores pairs with `predictor(state)`, clipped to the scale of the last training set.
 */
export abstract class FactorizationModel<C extends RefitConfig, S> implements RatingModel {
  abstract readonly name: string;
  /** The parameters of the current fit; null before fit, after `dispose` and after a failed fit. */
  protected state: S | null = null;
  /** The rating scale of the last training set (rating units); predictions are clipped to it. */
  private scale: RatingScale = { min: -Infinity, max: Infinity };

  /** Keeps `config` after `check` has validated it (`check` throws naming the field, e.g. `SgdMfConfig.dim`). */
  protected constructor(readonly config: C, check: (c: C) => void) {
    check(config);
  }

  /** indexId of the ratings of the last fit (see index-identity.ts); predicting ratings of another index is refused. */
  fittedIndexId: string | undefined = undefined;

  /**
   * Trains on `train` (size > 0, else a RangeError naming the model) after dropping the previous parameters;
   * returns the history of `fitNonEmpty`.
   */
  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.fittedIndexId = train.indexId;
    this.dispose();
    if (train.size === 0) throw new RangeError(`${this.name}: the training set is empty`);
    this.scale = train.scale;
    return this.fitNonEmpty(train, options);
  }

  /** The model's training on a non-empty `train` (usually through `fitWithRefit`); it sets `state`. */
  protected abstract fitNonEmpty(train: Ratings, options: FitOptions): Promise<TrainingHistory>;

  /** The state as plain biased MF, r̂(u,i) = μ + b_u + b_i + p_u · q_i: what `predict` evaluates. */
  protected abstract predictor(state: S): BiasedFactors;

  /** The fitted state; throws `${name}: ${caller} called before fit` when there is none. */
  protected fitted(caller: string): S {
    if (this.state === null) throw new Error(`${this.name}: ${caller} called before fit`);
    return this.state;
  }

  /** Predicted ratings for pairs (users[k], items[k]), clipped to the training scale; shape [n]. */
  predict(users: Int32Array, items: Int32Array): Float32Array {
    return this.predictor(this.fitted("predict")).predict(users, items, this.scale);
  }

  /** Drops the fitted parameters; `predict` throws until the next fit. */
  dispose(): void {
    this.state = null;
  }
}
