/**
 * Side features of one load re-indexed onto another load of the same ids: e.g. ml-1m's demographics and genres
 * onto the NCF leave-one-out files of ml-1m (`ml-1m-loo`, keyed by the same UserID and MovieID), which come
 * without features. Rows are matched by id string; ids of the target absent from the source get missing values.
 */
import type { Feature, FeatureTable } from "./features";
import { featureTable } from "./feature-columns";

/** The rows of `table` (indexed by `fromIds`) re-indexed to `toIds`; missing: code -1, NaN, or an all-zero row. */
export function transferFeatures(table: FeatureTable, fromIds: readonly string[], toIds: readonly string[]): FeatureTable {
  if (fromIds.length !== table.rows) throw new RangeError(`transferFeatures: ${fromIds.length} ids for a table of ${table.rows} rows`);
  const rowOf = new Map<string, number>();
  fromIds.forEach((id, r) => rowOf.set(id, r));
  const source = toIds.map((id) => rowOf.get(id) ?? -1);
  const columns: Feature[] = table.columns.map((c) => {
    if (c.kind === "categorical") return { ...c, codes: Int32Array.from(source, (r) => (r < 0 ? -1 : c.codes[r])) };
    if (c.kind === "numeric") return { ...c, values: Float32Array.from(source, (r) => (r < 0 ? NaN : c.values[r])) };
    const w = c.labels.length;
    const matrix = new Uint8Array(toIds.length * w);
    source.forEach((r, t) => { if (r >= 0) matrix.set(c.matrix.subarray(r * w, (r + 1) * w), t * w); });
    return { ...c, matrix };
  });
  return featureTable(toIds.length, columns);
}
