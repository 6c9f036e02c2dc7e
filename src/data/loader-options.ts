/**
 * Input options shared by every data-set loader (contract C3): text encoding, the duplicate policy, and what to
 * do with side-feature rows that do not line up with the rated users or items.
 */
import type { DuplicatePolicy } from "./duplicate-rows";
import type { TextEncoding } from "./text-decoding";

/** Whether a mismatch between side-feature rows and rated ids is an error or allowed (and counted in the load report). */
export type SideRowsPolicy = "error" | "allow";

/** Options every data-set loader accepts. */
export interface LoaderInputOptions {
  /** Encoding of the ratings file: "utf8" (default, strict), "latin1" or "utf16le"; side files keep their published encodings. */
  encoding?: TextEncoding;
  /** Repeated (user, item) pairs: "error" (default, naming both lines), "first", "last" or "mean" ("sum" is for counts only). */
  duplicates?: DuplicatePolicy;
  /** Rated users/items without a side-feature row: "error" (default) or "allow" (features -1 / NaN / all zero, counted). */
  missingFeatures?: SideRowsPolicy;
  /**
   * Side-feature rows whose id matches no rated user/item: "allow" (default, counted in the load report: the
   * published catalogs list unrated movies and non-rating users) or "error".
   */
  unmatchedFeatureRows?: SideRowsPolicy;
}
