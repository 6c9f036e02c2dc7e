/**
 * Synthetic side features for the benchmark's neural cases, drawn from a seeded generator (independent of the
 * ratings: they cost the models the same work as real ones but carry no signal). Two kinds:
 * - "movielens": MovieLens-1M-like user demographics (gender, one of 7 age groups, one of 21 occupations) and
 *   item genres (1-3 of 18, a multi-hot column);
 * - "libimseti": LibimSeTi's only metadata, the rater's gender (M, F or U), no item features.
 */
import type { Ratings } from "../data/ratings";
import type { FeatureTable } from "../data/features";
import { categoricalColumn, featureTable, multiHotColumn } from "../data/feature-columns";
import { Rng } from "../random/rng";

/** Which synthetic side features a bench case trains on. */
export type SyntheticFeatureKind = "movielens" | "libimseti";

const AGES = ["1", "18", "25", "35", "45", "50", "56"];
const GENRES = Array.from({ length: 18 }, (_, k) => `genre${k}`);

/** `k` distinct labels of `labels` drawn with `rng`. */
function pick(labels: readonly string[], k: number, rng: Rng): string[] {
  const chosen = new Set<string>();
  while (chosen.size < k) chosen.add(labels[rng.int(labels.length)]);
  return Array.from(chosen);
}

/** User and item feature tables of `kind` for `numUsers` users and `numItems` items (the same seed, the same tables). */
export function syntheticSideFeatures(kind: SyntheticFeatureKind, numUsers: number, numItems: number, seed: number): { userFeatures: FeatureTable; itemFeatures?: FeatureTable } {
  const rng = new Rng(seed);
  if (kind === "libimseti") {
    const genders = ["F", "M", "U"];
    const gender = Array.from({ length: numUsers }, () => genders[rng.next() < 0.05 ? 2 : rng.int(2)]);
    return { userFeatures: featureTable(numUsers, [categoricalColumn("gender", gender, genders)]) };
  }
  const gender = Array.from({ length: numUsers }, () => (rng.next() < 0.72 ? "M" : "F"));
  const age = Array.from({ length: numUsers }, () => AGES[rng.int(AGES.length)]);
  const occupation = Array.from({ length: numUsers }, () => String(rng.int(21)));
  const genres = Array.from({ length: numItems }, () => pick(GENRES, 1 + rng.int(3), rng));
  return {
    userFeatures: featureTable(numUsers, [categoricalColumn("gender", gender, ["F", "M"]), categoricalColumn("age", age, AGES), categoricalColumn("occupation", occupation)]),
    itemFeatures: featureTable(numItems, [multiHotColumn("genres", genres, GENRES)]),
  };
}

/** `ratings` with synthetic side features of `kind` over its whole index space (replacing any it has). */
export function withSyntheticFeatures(ratings: Ratings, kind: SyntheticFeatureKind, seed: number): Ratings {
  const { userFeatures, itemFeatures } = syntheticSideFeatures(kind, ratings.numUsers, ratings.numItems, seed);
  return { ...ratings, userFeatures, itemFeatures };
}
