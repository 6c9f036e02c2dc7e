/**
 * Generic encoding of a FeatureTable (users' or items' side features) into per-entity typed arrays that a neural
 * model gathers per mini-batch: no per-data-set code, every column handled by its kind.
 *
 * - categorical: integer codes into a learned embedding table with one extra "missing" slot for code -1;
 * - numeric: standardised with the mean and standard deviation of the training rows, NaN -> 0 (the mean) plus,
 *   optionally, a 0/1 missing flag;
 * - multi-hot: either a learned embedding bag (the mean of the present labels' embeddings, as row weights 1/count)
 *   or the raw 0/1 vector appended to the dense block.
 *
 * This file is pure typed arrays (hand-checkable); `feature-embedder.ts` turns an encoding into TF.js tensors.
 */
import type { Feature, FeatureTable } from "../../data/features";

/** How multi-hot columns enter a model: "bag" = mean of learned label embeddings, "raw" = the 0/1 vector. */
export type MultiHotMode = "bag" | "raw";

/** Options of `encodeFeatureTable`. */
export interface FeatureEncodingOptions {
  /** Names of the columns to use, or "all" (every column of the table, in table order). */
  columns: readonly string[] | "all";
  /** How multi-hot columns are encoded. */
  multiHot: MultiHotMode;
  /** Append a 0/1 "value missing" flag after each numeric column. */
  numericMissingFlag: boolean;
}

/** Default: every column, multi-hot as embedding bags, numeric missing flags on. */
export const defaultFeatureEncodingOptions: FeatureEncodingOptions = { columns: "all", multiHot: "bag", numericMissingFlag: true };

/** A categorical column as embedding-table indices. */
export interface EncodedCategorical {
  /** Column name. */
  readonly name: string;
  /** Embedding-table row per entity, in [0, slots): the code, or `slots - 1` (the missing slot) for code -1. Shape [rows]. */
  readonly index: Int32Array;
  /** Rows of the embedding table: number of categories + 1 (the missing slot). */
  readonly slots: number;
}

/** A multi-hot column as embedding-bag weights: row r's bag vector is weights[r] @ E (E: [labels, dim]). */
export interface EncodedBag {
  /** Column name. */
  readonly name: string;
  /** Row-major weights, shape [rows, labels]: 1/count for each present label, 0 elsewhere (all 0 if none). */
  readonly weights: Float32Array;
  /** Number of labels (rows of the bag's embedding table). */
  readonly labels: number;
}

/** Mean and standard deviation used to standardise one numeric column. */
export interface NumericStats {
  /** Column name. */
  readonly name: string;
  /** Mean of the non-missing training rows (0 if there are none). */
  readonly mean: number;
  /** Population standard deviation of those rows (1 if there are none or it is 0). */
  readonly std: number;
}

/** A FeatureTable encoded for a neural model. */
export interface EncodedFeatures {
  /** Number of entities (rows of the table). */
  readonly rows: number;
  /** Categorical columns (learned embeddings). */
  readonly categorical: readonly EncodedCategorical[];
  /** Multi-hot columns encoded as embedding bags. */
  readonly bags: readonly EncodedBag[];
  /** Row-major dense block, shape [rows, denseWidth]: standardised numerics, missing flags, raw multi-hot vectors. */
  readonly dense: Float32Array;
  /** Columns of `dense`. */
  readonly denseWidth: number;
  /** Name of each dense column, e.g. "age", "age:missing", "genres=Comedy". Length denseWidth. */
  readonly denseNames: readonly string[];
  /** Standardisation of each numeric column, in table order. */
  readonly numericStats: readonly NumericStats[];
}

/** The columns of `table` named by `columns` ("all": every one); an unknown name is a RangeError naming `owner`. */
export function selectColumns(table: FeatureTable | undefined, columns: readonly string[] | "all", owner: string): Feature[] {
  if (typeof columns === "string") {
    if (columns !== "all") throw new RangeError(`${owner} must be "all" or a list of column names, got ${JSON.stringify(columns)}`);
    return table ? table.columns.slice() : [];
  }
  const out: Feature[] = [];
  for (const name of columns) {
    const found = table ? table.columns.find((c) => c.name === name) : undefined;
    if (!found) {
      const known = table ? table.columns.map((c) => c.name).join(", ") : "none: the data has no such feature table";
      throw new RangeError(`${owner}: unknown feature column ${JSON.stringify(name)} (known: ${known})`);
    }
    out.push(found);
  }
  return out;
}

/**
 * Encodes the selected columns of `table` (undefined: no features, an empty encoding of `rows` rows). `trainRows`
 * (0/1 per entity, shape [rows]) marks the entities whose numeric values enter the standardisation statistics:
 * pass the users or items that have training ratings, so that held-out entities do not leak into them. `owner`
 * names the column setting in error messages (e.g. "MlpRatingConfig.features.userColumns").
 */
export function encodeFeatureTable(
  table: FeatureTable | undefined,
  rows: number,
  trainRows: Uint8Array,
  options: FeatureEncodingOptions,
  owner = "features",
): EncodedFeatures {
  if (table && table.rows !== rows) throw new RangeError(`${owner}: the feature table has ${table.rows} rows, expected ${rows}`);
  if (trainRows.length !== rows) throw new RangeError(`${owner}: trainRows has ${trainRows.length} entries, expected ${rows}`);
  if (options.multiHot !== "bag" && options.multiHot !== "raw") {
    throw new RangeError(`${owner}: multiHot must be "bag" or "raw", got ${JSON.stringify(options.multiHot)}`);
  }
  const columns = selectColumns(table, options.columns, owner);
  const categorical: EncodedCategorical[] = [];
  const bags: EncodedBag[] = [];
  const numericStats: NumericStats[] = [];
  const denseParts: { name: string; values: Float32Array }[] = [];
  for (const c of columns) {
    if (c.kind === "categorical") {
      const slots = c.categories.length + 1;
      const index = new Int32Array(rows);
      for (let r = 0; r < rows; r++) index[r] = c.codes[r] < 0 ? slots - 1 : c.codes[r];
      categorical.push({ name: c.name, index, slots });
    } else if (c.kind === "numeric") {
      const stats = numericStatistics(c.name, c.values, trainRows);
      numericStats.push(stats);
      const values = new Float32Array(rows);
      const missing = new Float32Array(rows);
      for (let r = 0; r < rows; r++) {
        const v = c.values[r];
        if (Number.isNaN(v)) missing[r] = 1;
        else values[r] = (v - stats.mean) / stats.std;
      }
      denseParts.push({ name: c.name, values });
      if (options.numericMissingFlag) denseParts.push({ name: `${c.name}:missing`, values: missing });
    } else {
      const width = c.labels.length;
      if (options.multiHot === "bag") {
        bags.push({ name: c.name, weights: bagWeights(c.matrix, rows, width), labels: width });
      } else {
        for (let l = 0; l < width; l++) {
          const values = new Float32Array(rows);
          for (let r = 0; r < rows; r++) values[r] = c.matrix[r * width + l];
          denseParts.push({ name: `${c.name}=${c.labels[l]}`, values });
        }
      }
    }
  }
  const denseWidth = denseParts.length;
  const dense = new Float32Array(rows * denseWidth);
  denseParts.forEach((part, j) => {
    for (let r = 0; r < rows; r++) dense[r * denseWidth + j] = part.values[r];
  });
  return { rows, categorical, bags, dense, denseWidth, denseNames: denseParts.map((p) => p.name), numericStats };
}

/** Width of an encoded entity's feature vector when categorical and bag embeddings have `embeddingDim` entries. */
export function encodedWidth(e: EncodedFeatures, embeddingDim: number): number {
  return (e.categorical.length + e.bags.length) * embeddingDim + e.denseWidth;
}

/** Mean and population standard deviation of the non-NaN values of the rows flagged in `trainRows`. */
function numericStatistics(name: string, values: Float32Array, trainRows: Uint8Array): NumericStats {
  let n = 0;
  let sum = 0;
  for (let r = 0; r < trainRows.length; r++) {
    if (trainRows[r] && !Number.isNaN(values[r])) {
      n++;
      sum += values[r];
    }
  }
  if (n === 0) return { name, mean: 0, std: 1 };
  const mean = sum / n;
  let squares = 0;
  for (let r = 0; r < trainRows.length; r++) {
    if (trainRows[r] && !Number.isNaN(values[r])) squares += (values[r] - mean) ** 2;
  }
  const std = Math.sqrt(squares / n);
  return { name, mean, std: std > 0 ? std : 1 };
}

/** Row-normalised copy of a 0/1 matrix [rows, width]: each present label gets 1/count of its row. */
function bagWeights(matrix: Uint8Array, rows: number, width: number): Float32Array {
  const weights = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let count = 0;
    for (let l = 0; l < width; l++) count += matrix[r * width + l] ? 1 : 0;
    if (count === 0) continue;
    for (let l = 0; l < width; l++) if (matrix[r * width + l]) weights[r * width + l] = 1 / count;
  }
  return weights;
}
