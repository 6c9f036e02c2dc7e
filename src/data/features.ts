/**
 * Side features of users or items (demographics, genres), column-wise over typed arrays, encoded generically
 * so that models need no per-data-set code (MLP with metadata, issue 3).
 */

/** A categorical column: one code per row in [0, categories.length); code -1 means missing. */
export interface CategoricalFeature {
  readonly kind: "categorical";
  readonly name: string;
  /** Code per row (dense user or item index). Shape [rows]. */
  readonly codes: Int32Array;
  /** Label of each code. */
  readonly categories: readonly string[];
}

/** A numeric column (e.g. age in years); NaN means missing. */
export interface NumericFeature {
  readonly kind: "numeric";
  readonly name: string;
  /** Value per row. Shape [rows]. */
  readonly values: Float32Array;
}

/** A multi-label column (e.g. genres): a row-major 0/1 matrix. */
export interface MultiHotFeature {
  readonly kind: "multi-hot";
  readonly name: string;
  /** Row-major membership matrix, shape [rows, labels.length], entries 0 or 1. */
  readonly matrix: Uint8Array;
  /** Label of each column. */
  readonly labels: readonly string[];
}

/** One side-feature column. */
export type Feature = CategoricalFeature | NumericFeature | MultiHotFeature;

/** Side features for `rows` entities (users or items), one entry per column. */
export interface FeatureTable {
  /** Number of rows: numUsers or numItems of the ratings they belong to. */
  readonly rows: number;
  /** The columns. */
  readonly columns: readonly Feature[];
}
