/**
 * Published reference numbers ("anchors") printed beside our results, with their sources. Each anchor is a
 * number from a paper, a talk or a library's benchmark table; our own measurements are never anchors.
 */

/** A published number with its source and the protocol it was measured under. */
export interface Anchor {
  /** The published value, in the metric's units. */
  value: number;
  /** Who published it, e.g. "Surprise benchmark (5-fold CV)". */
  source: string;
}

/** Anchors by data set, then model label, then metric name (lower-case: "rmse", "mae", "hr@10", ...). */
export type AnchorTable = Record<string, Record<string, Record<string, Anchor>>>;

const surprise100k = "Surprise benchmark, ml-100k, 5-fold CV";
const surprise1m = "Surprise benchmark, ml-1m, 5-fold CV";
const talk = "Gindele 2018 talk, LibimSeTi, 5 held-out ratings per user";

/** The anchors this suite reports against. */
export const publishedAnchors: AnchorTable = {
  "ml-100k": {
    "Bias baseline": { rmse: { value: 0.944, source: `${surprise100k} (BaselineOnly)` } },
    "Biased MF": { rmse: { value: 0.934, source: `${surprise100k} (SVD)` }, mae: { value: 0.737, source: `${surprise100k} (SVD)` } },
  },
  "ml-1m": {
    "Bias baseline": { rmse: { value: 0.909, source: `${surprise1m} (BaselineOnly)` } },
    "Biased MF": { rmse: { value: 0.873, source: `${surprise1m} (SVD)` }, mae: { value: 0.686, source: `${surprise1m} (SVD)` } },
  },
  libimseti: {
    "Biased MF": { rmse: { value: 2.137, source: talk }, mae: { value: 1.552, source: talk } },
    MLP: { rmse: { value: 2.112, source: talk }, mae: { value: 1.541, source: talk } },
    "MF+MLP": { rmse: { value: 2.071, source: talk }, mae: { value: 1.432, source: talk } },
  },
};

/** The anchor for (data set, model, metric), if one is published. */
export function findAnchor(dataset: string, model: string, metric: string): Anchor | undefined {
  return publishedAnchors[dataset]?.[model]?.[metric.toLowerCase()];
}
