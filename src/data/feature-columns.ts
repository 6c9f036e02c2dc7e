/**
 * Builders for FeatureTable columns from per-row values (categorical labels, numbers, label lists), plus the
 * alignment of side-file records (keyed by raw id) to a dense index.
 */
import { DataFormatError } from "./data-format-error";
import type { CategoricalFeature, Feature, FeatureTable, MultiHotFeature, NumericFeature } from "./features";
import type { SideRowsReport } from "./load-report";

/**
 * Orders labels: two decimal numbers by value, otherwise by UTF-16 code units (locale-independent, so the
 * category order and hence the codes are the same on every machine).
 */
export function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A categorical column from one label per row; `undefined` is missing (code -1). With `categories`, codes are
 * positions in that list and an unknown label is a RangeError; without, the distinct labels sorted by compareLabels.
 */
export function categoricalColumn(
  name: string,
  labels: ArrayLike<string | undefined>,
  categories?: readonly string[],
): CategoricalFeature {
  let cats: string[];
  if (categories) {
    cats = categories.slice();
  } else {
    const seen = new Set<string>();
    for (let r = 0; r < labels.length; r++) {
      const label = labels[r];
      if (label !== undefined) seen.add(label);
    }
    cats = Array.from(seen).sort(compareLabels);
  }
  const codeOf = new Map<string, number>();
  cats.forEach((c, k) => codeOf.set(c, k));
  const codes = new Int32Array(labels.length);
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r];
    if (label === undefined) {
      codes[r] = -1;
      continue;
    }
    const code = codeOf.get(label);
    if (code === undefined) throw new RangeError(`categoricalColumn(${name}): unknown label ${JSON.stringify(label)}`);
    codes[r] = code;
  }
  return { kind: "categorical", name, codes, categories: cats };
}

/** A numeric column from one value per row (NaN is missing). */
export function numericColumn(name: string, values: ArrayLike<number>): NumericFeature {
  return { kind: "numeric", name, values: Float32Array.from(values as ArrayLike<number>) };
}

/**
 * A multi-hot column from a label list per row (`undefined` or [] is an all-zero row). With `labels` the
 * matrix columns follow that list (unknown labels are a RangeError); without, the distinct labels sorted.
 */
export function multiHotColumn(
  name: string,
  rowLabels: ArrayLike<readonly string[] | undefined>,
  labels?: readonly string[],
): MultiHotFeature {
  let cols: string[];
  if (labels) {
    cols = labels.slice();
  } else {
    const seen = new Set<string>();
    for (let r = 0; r < rowLabels.length; r++) for (const l of rowLabels[r] ?? []) seen.add(l);
    cols = Array.from(seen).sort(compareLabels);
  }
  const colOf = new Map<string, number>();
  cols.forEach((c, k) => colOf.set(c, k));
  const width = cols.length;
  const matrix = new Uint8Array(rowLabels.length * width);
  for (let r = 0; r < rowLabels.length; r++) {
    for (const l of rowLabels[r] ?? []) {
      const c = colOf.get(l);
      if (c === undefined) throw new RangeError(`multiHotColumn(${name}): unknown label ${JSON.stringify(l)}`);
      matrix[r * width + c] = 1;
    }
  }
  return { kind: "multi-hot", name, matrix, labels: cols };
}

/** A FeatureTable of `rows` rows; throws a RangeError if a column's length disagrees. */
export function featureTable(rows: number, columns: readonly Feature[]): FeatureTable {
  for (const c of columns) {
    const length =
      c.kind === "categorical" ? c.codes.length : c.kind === "numeric" ? c.values.length : c.matrix.length / Math.max(1, c.labels.length);
    if (length !== rows && !(c.kind === "multi-hot" && c.labels.length === 0)) {
      throw new RangeError(`featureTable: column ${c.name} has ${length} rows, expected ${rows}`);
    }
  }
  return { rows, columns };
}

/** The record of each dense index (`ids[i]` looked up in `byId`), undefined where the side file has none. */
export function alignToIds<T>(ids: readonly string[], byId: ReadonlyMap<string, T>): (T | undefined)[] {
  const out = new Array<T | undefined>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = byId.get(ids[i]);
  return out;
}

/** Age groups of MovieLens 1M's users.dat, also used to bin ml-100k's ages: [label, lowest age]. */
export const AGE_GROUPS: readonly (readonly [string, number])[] = [
  ["Under 18", 0],
  ["18-24", 18],
  ["25-34", 25],
  ["35-44", 35],
  ["45-49", 45],
  ["50-55", 50],
  ["56+", 56],
];

/** The AGE_GROUPS label for an age in years. */
export function ageGroupOf(age: number): string {
  let label = AGE_GROUPS[0][0];
  for (const [l, low] of AGE_GROUPS) if (age >= low) label = l;
  return label;
}

/** Options of alignSideRows. */
export interface AlignSideRowsOptions {
  /** The side-feature file (for messages and the report). */
  file: string;
  /** "user" or "item", for messages. */
  what: string;
  /** Rated ids without a row: "error" (default) or "allow". */
  missing?: "error" | "allow";
  /** Rows matching no rated id: "allow" (default) or "error". */
  unmatched?: "error" | "allow";
  /** The 1-based line of each side-file id, to name it in the "unmatched" error. */
  lines?: ReadonlyMap<string, number>;
}

/**
 * Aligns side-file records to the rated ids like alignToIds, counting rated ids without a row (`missing`) and
 * rows whose id matches no rated id (`unmatched`); either is a DataFormatError naming the file when its
 * option is "error" (missing: by default), so features never silently become -1 / NaN.
 */
export function alignSideRows<T>(
  ids: readonly string[],
  byId: ReadonlyMap<string, T>,
  options: AlignSideRowsOptions,
): { rows: (T | undefined)[]; report: SideRowsReport } {
  const rows = alignToIds(ids, byId);
  let missing = 0;
  let firstMissing = "";
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] !== undefined) continue;
    if (missing === 0) firstMissing = ids[i];
    missing++;
  }
  const known = new Set(ids);
  let unmatched = 0;
  let firstUnmatched = "";
  byId.forEach((_, id) => {
    if (known.has(id)) return;
    if (unmatched === 0) firstUnmatched = id;
    unmatched++;
  });
  const { file, what } = options;
  if (missing > 0 && (options.missing ?? "error") === "error") {
    throw new DataFormatError(file, undefined, `${missing} rated ${what}${missing === 1 ? " has" : "s have"} no row here (first: ${what} ${JSON.stringify(firstMissing)}); add the rows, or pass missingFeatures: "allow" to load them with missing features`);
  }
  if (unmatched > 0 && options.unmatched === "error") {
    throw new DataFormatError(file, options.lines?.get(firstUnmatched), `${unmatched} row${unmatched === 1 ? "" : "s"} match no rated ${what} (first: id ${JSON.stringify(firstUnmatched)}); remove them, or pass unmatchedFeatureRows: "allow"`);
  }
  return { rows, report: { file, missing, unmatched } };
}
