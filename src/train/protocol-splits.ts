/**
 * The evaluation protocols of the explicit-rating notebooks as train / validation / test splits: the talk's
 * per-user holdout (5 ratings of every user held out) and a random ratio split, each with a validation share
 * carved from the training side for early stopping (the test ratings are never seen during training).
 */
import { perUserHoldout } from "../data/splits/per-user-holdout";
import { randomSplit } from "../data/splits/random-split";
import type { Ratings } from "../data/ratings";
import type { Rng } from "../random/rng";

/** A protocol's three parts and its description for result tables. */
export interface ProtocolSplit {
  train: Ratings;
  validation: Ratings;
  test: Ratings;
  /** e.g. "5 held-out ratings per user, 10% of train for early stopping". */
  protocol: string;
}

function carveValidation(outer: { train: Ratings; test: Ratings }, rng: Rng, validationFraction: number, protocol: string): ProtocolSplit {
  const inner = randomSplit(outer.train, rng, { testFraction: validationFraction });
  return { train: inner.train, validation: inner.test, test: outer.test, protocol: `${protocol}, ${Math.round(validationFraction * 100)}% of train for early stopping` };
}

/**
 * Gindele's talk protocol: `testPerUser` ratings of every user (who has more) held out for testing, then
 * `validationFraction` of the rest for early stopping.
 */
export function talkProtocolSplit(r: Ratings, rng: Rng, testPerUser = 5, validationFraction = 0.1): ProtocolSplit {
  return carveValidation(perUserHoldout(r, rng, { testPerUser }), rng, validationFraction, `${testPerUser} held-out ratings per user`);
}

/** A random `testFraction` split (e.g. 80/20), then `validationFraction` of the training side for early stopping. */
export function randomProtocolSplit(r: Ratings, rng: Rng, testFraction = 0.2, validationFraction = 0.1): ProtocolSplit {
  const pct = (x: number) => Math.round(x * 100);
  return carveValidation(randomSplit(r, rng, { testFraction }), rng, validationFraction, `random ${pct(1 - testFraction)}/${pct(testFraction)} split`);
}
