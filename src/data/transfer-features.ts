/**
 * Side features of one load re-indexed onto another load of the same ids: e.g. ml-1m's demographics and genres
 * onto the NCF leave-one-out files of ml-1m (`ml-1m-loo`, keyed by the same UserID and MovieID), which come
 * without features. Rows are matched by id string; ids of the target absent from the source get missing values.
 */
import type { FeatureTable } from "./features";
import { featureTable } from "./feature-columns";
import { reindexFeatureTable } from "./reindex-features";

/** The rows of `table` (indexed by `fromIds`) re-indexed to `toIds`; missing: code -1, NaN, or an all-zero row. */
export function transferFeatures(table: FeatureTable, fromIds: readonly string[], toIds: readonly string[]): FeatureTable {
  return featureTable(toIds.length, reindexFeatureTable(table, fromIds, toIds, "transferFeatures", false).columns);
}
