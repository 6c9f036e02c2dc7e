/**
 * Stub models that record every (user, item) pair they are shown, for the protocol-guard tests: what `fit` trained
 * on, what it was given for validation, what was scored during `fit` (early stopping, model selection) and what
 * was scored after `fit` (the test). Pairs are keys "user:item" of dense indices.
 */
import type { Ratings } from "../../src/data/ratings";
import type { ImplicitFitOptions, ImplicitModel } from "../../src/models/implicit-model";
import type { FitOptions, RatingModel } from "../../src/models/rating-model";
import { singleStepRankingHistory } from "../../src/models/popularity-model";
import { singleStepHistory, type TrainingHistory } from "../../src/train/training-history";

/** Key of the pair (u, i). */
export const pairKey = (u: number, i: number): string => `${u}:${i}`;

/** The pair keys of every rating of `r`. */
export function pairsOf(r: Ratings): Set<string> {
  const s = new Set<string>();
  for (let k = 0; k < r.size; k++) s.add(pairKey(r.users[k], r.items[k]));
  return s;
}

/** Keys present in both sets. */
export function common(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => b.has(x));
}

/** What one `fit` (and the scoring after it) showed the model. */
export interface FitRecord {
  train: Set<string>;
  validation: Set<string>;
  /** Pairs scored while `fit` ran (validation, early stopping). */
  selection: Set<string>;
  /** Pairs scored after `fit` returned (test scoring). */
  scored: Set<string>;
}

function newRecord(train: Ratings, validation?: Ratings): FitRecord {
  return { train: pairsOf(train), validation: validation ? pairsOf(validation) : new Set(), selection: new Set(), scored: new Set() };
}

/** A global-mean rating model that records what it sees; `log` collects one FitRecord per fit, across instances. */
export class RecordingRatingModel implements RatingModel {
  readonly name = "recorder";
  private mean = 0;
  private current: FitRecord | null = null;
  private fitting = false;

  constructor(private readonly log: FitRecord[]) {}

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    this.current = newRecord(train, options.validation);
    this.log.push(this.current);
    let s = 0;
    for (let k = 0; k < train.size; k++) s += train.values[k];
    this.mean = s / train.size;
    this.fitting = true;
    try {
      return singleStepHistory(this, train, options, performance.now()); // scores the validation ratings: an early-stopping call
    } finally {
      this.fitting = false;
    }
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    const into = this.fitting ? this.current!.selection : this.current!.scored;
    for (let k = 0; k < users.length; k++) into.add(pairKey(users[k], items[k]));
    return new Float32Array(users.length).fill(this.mean);
  }

  dispose(): void {}
}

/**
 * An implicit model that records its training pairs and scores 1 for the pairs of `planted` (the outer test set)
 * and 0 otherwise: if a test pair were a relevant item of the validation protocol, validation HR would be 1.
 */
export class RecordingImplicitModel implements ImplicitModel {
  readonly name = "implicit recorder";
  private current: FitRecord | null = null;
  private fitting = false;

  constructor(private readonly log: FitRecord[], private readonly planted: Set<string>) {}

  async fit(train: Ratings, options: ImplicitFitOptions): Promise<TrainingHistory> {
    this.current = newRecord(train);
    this.log.push(this.current);
    this.fitting = true;
    try {
      return singleStepRankingHistory(this.name, train, options.validator, performance.now());
    } finally {
      this.fitting = false;
    }
  }

  score(users: Int32Array, items: Int32Array): Float32Array {
    const into = this.fitting ? this.current!.selection : this.current!.scored;
    const out = new Float32Array(users.length);
    for (let k = 0; k < users.length; k++) {
      const key = pairKey(users[k], items[k]);
      into.add(key);
      out[k] = this.planted.has(key) ? 1 : 0;
    }
    return out;
  }

  dispose(): void {}
}
