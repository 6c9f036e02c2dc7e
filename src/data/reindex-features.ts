/**
 * Moves side features from one id space to another: e.g. ml-1m's users.dat demographics (loaded with
 * loadMovielens1m, dense ids of its ratings file) onto ml-1m-loo's users, whose ids are the same original UserIDs.
 */
import type { Feature, FeatureTable } from "./features";

/**
 * The rows of `table` (indexed like `fromIds`) reordered to `toIds`: row r of the result is the row of
 * `fromIds.indexOf(toIds[r])`. Ids missing from `fromIds` get missing values (code -1, NaN, no labels);
 * with `requireAll` they throw a RangeError naming the first such id and `owner`.
 */
export function reindexFeatureTable(table: FeatureTable, fromIds: readonly string[], toIds: readonly string[], owner: string, requireAll = true): FeatureTable {
  if (fromIds.length !== table.rows) throw new RangeError(`${owner}: the feature table has ${table.rows} rows but ${fromIds.length} ids`);
  const at = new Map<string, number>();
  fromIds.forEach((id, r) => at.set(id, r));
  const source = toIds.map((id) => {
    const r = at.get(id);
    if (r === undefined && requireAll) throw new RangeError(`${owner}: id ${id} has no row in the side features`);
    return r ?? -1;
  });
  const columns: Feature[] = table.columns.map((c): Feature => {
    if (c.kind === "categorical") return { ...c, codes: Int32Array.from(source, (r) => (r < 0 ? -1 : c.codes[r])) };
    if (c.kind === "numeric") return { ...c, values: Float32Array.from(source, (r) => (r < 0 ? NaN : c.values[r])) };
    const w = c.labels.length;
    const matrix = new Uint8Array(toIds.length * w);
    source.forEach((r, k) => {
      if (r >= 0) matrix.set(c.matrix.subarray(r * w, (r + 1) * w), k * w);
    });
    return { ...c, matrix };
  });
  return { rows: toIds.length, columns };
}
