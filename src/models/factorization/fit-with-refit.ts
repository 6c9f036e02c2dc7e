/**
 * Training of the typed-array factorization models through the shared epoch loop, with an optional refit:
 * early stopping on the validation ratings picks the number of epochs, then the model is trained again from a
 * fresh initialisation on training + validation ratings for that many epochs (the usual "early stopping, then
 * retrain on all training data" practice; the validation ratings come from the training side, never the test set).
 */
import { assertSameIndex } from "../../data/index-identity";
import type { Ratings } from "../../data/ratings";
import { checkEpochLoopConfig, ratingValidator, runEpochLoop, type EpochLoopConfig, type EpochTrainer } from "../../train/epoch-loop";
import type { TrainingHistory } from "../../train/training-history";
import type { FitOptions, RatingModel } from "../rating-model";

/** Epoch-loop settings plus the refit switch. */
export interface RefitConfig extends EpochLoopConfig {
  /**
   * After early stopping on `FitOptions.validation`, train again on training + validation ratings for the best
   * epoch count. Ignored without validation ratings. Roughly doubles the fit time.
   */
  refitOnValidation: boolean;
}

/** Validates the epoch-loop settings and `refitOnValidation` of `c`; errors name the field as `${owner}.field`. */
export function checkRefitConfig(c: RefitConfig, owner: string): void {
  checkEpochLoopConfig(c, owner);
  if (typeof c.refitOnValidation !== "boolean") throw new TypeError(`${owner}.refitOnValidation must be a boolean, got ${c.refitOnValidation}`);
}

/**
 * Runs `start(train)` (which initialises the model's parameters for `train`, drawing from `options.rng`, and
 * returns its epoch trainer) through `runEpochLoop`, validated on `options.validation` when given; with
 * `config.refitOnValidation`, then runs `start(train + validation)` for the best epoch count without validation.
 * Returns the history of the first run (its learning curve and best epoch) with `trainSeconds` covering both.
 * If training fails (divergence, a singular system), `model.dispose()` is called before the error propagates, so
 * no half-trained parameters remain.
 */
export async function fitWithRefit<S>(
  model: RatingModel,
  train: Ratings,
  options: FitOptions,
  config: RefitConfig,
  start: (data: Ratings) => EpochTrainer<S>,
): Promise<TrainingHistory> {
  try {
    const validation = options.validation && options.validation.size > 0 ? options.validation : undefined;
    const validator = validation ? ratingValidator(model, validation) : undefined;
    const loop = { rng: options.rng, progress: options.progress, validator };
    const history = await runEpochLoop(model.name, start(train), train.size, loop, config);
    if (!config.refitOnValidation || !validation) return history;
    const all = concatRatings(train, validation);
    const again = { epochs: history.bestEpoch, patience: 0, minDelta: 0 };
    const refit = await runEpochLoop(`${model.name} (refit on train + validation)`, start(all), all.size, { rng: options.rng, progress: options.progress }, again);
    return { ...history, trainSeconds: history.trainSeconds + refit.trainSeconds };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** `a` followed by `b` (same index space, e.g. a split's two sides): a new Ratings of size a.size + b.size. */
export function concatRatings(a: Ratings, b: Ratings): Ratings {
  assertSameIndex("concatRatings", { first: a, second: b });
  const cat = <T extends Int32Array | Float32Array | Float64Array>(x: T, y: T, out: T): T => {
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  const size = a.size + b.size;
  const timestamps = a.timestamps && b.timestamps ? cat(a.timestamps, b.timestamps, new Float64Array(size)) : undefined;
  return {
    ...a,
    users: cat(a.users, b.users, new Int32Array(size)),
    items: cat(a.items, b.items, new Int32Array(size)),
    values: cat(a.values, b.values, new Float32Array(size)),
    timestamps,
    size,
  };
}
