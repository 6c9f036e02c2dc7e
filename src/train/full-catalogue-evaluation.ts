/**
 * Full-catalogue evaluation through exact top-K retrieval: every evaluated user of a full-catalogue
 * RankingProtocol (fullCatalogueProtocol, fullCatalogueFromLoo) gets its top max(K) items over all items it has
 * no training interaction with (retrieveTopK), and HR@K, NDCG@K, Recall@K, Precision@K and MAP@K are averaged over
 * users (topKListMetrics). Much faster than evaluateRanking's pair scoring on large catalogues, and it yields the
 * lists a second stage re-ranks. Ties are broken by item index here (evaluateRanking draws them at random), which
 * only matters for models with many equal scores, such as popularity.
 */
import { checkCutoffs } from "../metrics/ranking-summary";
import { topKListMetrics } from "../metrics/top-k-list-metrics";
import type { ImplicitModel } from "../models/implicit-model";
import { catalogueScorerOf, retrieveTopK, type TopKLists } from "./full-catalogue-retrieval";
import type { RankingProtocol } from "./ranking-protocol";

/** The cutoffs issues 15 and 16 report: 10, 20, 50, 100, 200. */
export const FULL_CATALOGUE_CUTOFFS: readonly number[] = [10, 20, 50, 100, 200];

/** Options of evaluateFullCatalogue. */
export interface FullCatalogueEvaluationOptions {
  /** Cutoffs K (default FULL_CATALOGUE_CUTOFFS); the lists are max(K) long. */
  k?: number | readonly number[];
  /** Users scored per block; default as retrieveTopK. */
  batchUsers?: number;
}

/** Metrics and the retrieved lists of evaluateFullCatalogue. */
export interface FullCatalogueEvaluation {
  /** "hr@K", "ndcg@K", "recall@K", "precision@K", "map@K" for every K, averaged over the evaluated users. */
  metrics: Record<string, number>;
  /** The top max(K) items of every evaluated user (rows in `protocol.users` order). */
  lists: TopKLists;
  /** Seconds of scoring and selection for all evaluated users. */
  retrievalSeconds: number;
}

/**
 * Retrieves the top max(K) items of every evaluated user of `protocol` (a full-catalogue protocol: it must have
 * `excluded`) from `model` (fitted on `protocol.train`) and averages the top-K metrics over those users.
 */
export function evaluateFullCatalogue(model: ImplicitModel, protocol: RankingProtocol, options: FullCatalogueEvaluationOptions = {}): FullCatalogueEvaluation {
  const ks = checkCutoffs(options.k ?? FULL_CATALOGUE_CUTOFFS, "evaluateFullCatalogue");
  if (!protocol.excluded) throw new RangeError(`evaluateFullCatalogue: ${protocol.name} is not a full-catalogue protocol (it has no excluded items)`);
  const scorer = catalogueScorerOf(model, protocol.train.numItems);
  if (scorer.catalogueSize() !== protocol.train.numItems) {
    throw new RangeError(`evaluateFullCatalogue: ${model.name} scores ${scorer.catalogueSize()} items but ${protocol.name} has ${protocol.train.numItems}`);
  }
  const lists = retrieveTopK(scorer, protocol.users, { k: Math.max(...ks), exclude: protocol.excluded, batchUsers: options.batchUsers });
  const metrics = topKListMetrics({ items: lists.items, listLength: lists.k }, protocol.relevantOffsets, protocol.relevantItems, ks);
  return { metrics, lists, retrievalSeconds: lists.seconds };
}
