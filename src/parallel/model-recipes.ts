/**
 * A rating model as data, {factory, config}, so that another process can build the same model: the factories a
 * recipe may name, and `buildRatingModel`. Only configurations cross (plain objects, structured-cloned); a
 * model built from fitted parts (the hybrid's `pretrained`) is not a recipe and is fitted where its parts are.
 */
import { createAlsMf } from "../models/als-mf";
import { createAutoRec } from "../models/autorec";
import { createBiasBaseline } from "../models/bias-baseline";
import { createBiasedMf } from "../models/biased-mf";
import { createHybridMfMlp } from "../models/hybrid-mf-mlp";
import { createKnnBaseline } from "../models/knn/knn-model";
import { createMlpRating } from "../models/mlp-rating";
import type { RatingModel } from "../models/rating-model";
import { createSgdMf } from "../models/sgd-mf";
import { createSvdpp } from "../models/svdpp";

/** The factories a recipe may name (each called with the recipe's config alone). */
export const ratingModelFactories = {
  createBiasBaseline,
  createBiasedMf,
  createSgdMf,
  createSvdpp,
  createAlsMf,
  createKnnBaseline,
  createAutoRec,
  createMlpRating,
  createHybridMfMlp: (config: Parameters<typeof createHybridMfMlp>[0]) => createHybridMfMlp(config),
} as const;

/** A factory's name. */
export type RatingModelFactory = keyof typeof ratingModelFactories;

/** A model as data: the factory and the configuration (overrides) it is called with. */
export type RatingModelRecipe = {
  [F in RatingModelFactory]: { readonly factory: F; readonly config: NonNullable<Parameters<(typeof ratingModelFactories)[F]>[0]> };
}[RatingModelFactory];

/** The recipe of `factory(config)`, type-checked against that factory's configuration. */
export function ratingModelRecipe<F extends RatingModelFactory>(factory: F, config: NonNullable<Parameters<(typeof ratingModelFactories)[F]>[0]>): RatingModelRecipe {
  return { factory, config } as RatingModelRecipe;
}

/** Builds a fresh model from `recipe`; throws naming the factory when it is not one of `ratingModelFactories`. */
export function buildRatingModel(recipe: RatingModelRecipe): RatingModel {
  const make = (ratingModelFactories as Record<string, ((config: unknown) => RatingModel) | undefined>)[recipe.factory];
  if (make === undefined || !Object.prototype.hasOwnProperty.call(ratingModelFactories, recipe.factory)) {
    throw new RangeError(`buildRatingModel: unknown factory ${JSON.stringify(recipe.factory)}; known: ${Object.keys(ratingModelFactories).join(", ")}`);
  }
  return make(recipe.config);
}
