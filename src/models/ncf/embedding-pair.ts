/**
 * The user and item embedding tables of an NCF branch (He et al. 2017, section 3.1): N(0, initStd²) rows drawn
 * from the injected Rng (std 0.01 in the authors' code), zero rows for users and items without training
 * interactions, which therefore score through the zero-embedding fallback.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Ratings } from "../../data/ratings";
import type { Rng } from "../../random/rng";
import { randomNormalTensor, variableFrom } from "../random-init";
import { seenIndices } from "../seen-indices";

/** User table [numUsers, dim] and item table [numItems, dim]. */
export interface EmbeddingPair {
  /** User embeddings, shape [numUsers, dim]. */
  readonly users: tf.Variable;
  /** Item embeddings, shape [numItems, dim]. */
  readonly items: tf.Variable;
}

/** Draws the user table, then the item table, for `train`'s index space; unseen rows are zero. */
export function createEmbeddingPair(train: Ratings, dim: number, initStd: number, rng: Rng): EmbeddingPair {
  const seen = seenIndices(train);
  return {
    users: variableFrom(randomNormalTensor([train.numUsers, dim], initStd, rng, seen.users)),
    items: variableFrom(randomNormalTensor([train.numItems, dim], initStd, rng, seen.items)),
  };
}

/** New variables holding copies of `pair`'s tables. */
export function cloneEmbeddingPair(pair: EmbeddingPair): EmbeddingPair {
  return { users: tf.variable(pair.users), items: tf.variable(pair.items) };
}

/** Embedding rows of a batch: user rows [b, dim] and item rows [b, dim]. */
export function lookupPair(pair: EmbeddingPair, users: tf.Tensor1D, items: tf.Tensor1D): [tf.Tensor2D, tf.Tensor2D] {
  return [tf.gather(pair.users, users) as tf.Tensor2D, tf.gather(pair.items, items) as tf.Tensor2D];
}

/** Throws unless `pair` has `numUsers` and `numItems` rows (a model trained on another index space). */
export function checkPairSpace(pair: EmbeddingPair, space: { numUsers: number; numItems: number }, owner: string): void {
  if (pair.users.shape[0] !== space.numUsers || pair.items.shape[0] !== space.numItems) {
    throw new RangeError(
      `${owner}: embeddings cover ${pair.users.shape[0]} users and ${pair.items.shape[0]} items, the data has ${space.numUsers} users and ${space.numItems} items`,
    );
  }
}

/** Disposes both tables. */
export function disposeEmbeddingPair(pair: EmbeddingPair | null): void {
  pair?.users.dispose();
  pair?.items.dispose();
}
