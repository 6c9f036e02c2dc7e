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
const ncf = "He et al. 2017 (NCF), ml-1m leave-one-out, 99 negatives";
const rendle = "Rendle et al. 2020, ml-1m leave-one-out, 99 negatives";
const autoRec = "Sedhain et al. 2015 (AutoRec), ml-1m, random 90/10 split";
const asListed = "reference measurement (issue 4): published negatives ranked as listed, random tie-break";

/** The talk's LibimSeTi table (MF, MLP with gender, the hybrid). */
const libimsetiTalk: Record<string, Record<string, Anchor>> = {
  "Biased MF": { rmse: { value: 2.137, source: talk }, mae: { value: 1.552, source: talk } },
  "MLP + features": { rmse: { value: 2.112, source: talk }, mae: { value: 1.541, source: talk } },
  "MF + MLP + features": { rmse: { value: 2.071, source: talk }, mae: { value: 1.432, source: talk } },
  "MF + MLP + features (pretrained MF+MLP)": { rmse: { value: 2.071, source: talk }, mae: { value: 1.432, source: talk } },
};

/** The anchors this suite reports against. */
export const publishedAnchors: AnchorTable = {
  "ml-100k": {
    "Bias baseline": { rmse: { value: 0.944, source: `${surprise100k} (BaselineOnly)` } },
    "Biased MF": { rmse: { value: 0.934, source: `${surprise100k} (SVD)` }, mae: { value: 0.737, source: `${surprise100k} (SVD)` } },
    "SGD MF": { rmse: { value: 0.934, source: `${surprise100k} (SVD)` }, mae: { value: 0.737, source: `${surprise100k} (SVD)` } },
    "SVD++ (published only)": { rmse: { value: 0.919, source: `${surprise100k} (SVD++)` }, mae: { value: 0.721, source: `${surprise100k} (SVD++)` } },
    "KNNBasic (user-based, msd)": { rmse: { value: 0.98, source: `${surprise100k} (k-NN)` } },
    "KNNWithMeans (user-based, msd)": { rmse: { value: 0.951, source: `${surprise100k} (Centered k-NN)` } },
    "KNNBaseline (user-based, msd)": { rmse: { value: 0.931, source: `${surprise100k} (k-NN Baseline)` } },
    "SVD++": { rmse: { value: 0.919, source: `${surprise100k} (SVD++)` }, mae: { value: 0.721, source: `${surprise100k} (SVD++)` } },
  },
  "ml-1m": {
    "Bias baseline": { rmse: { value: 0.909, source: `${surprise1m} (BaselineOnly)` } },
    "Biased MF": { rmse: { value: 0.873, source: `${surprise1m} (SVD)` }, mae: { value: 0.686, source: `${surprise1m} (SVD)` } },
    "SGD MF": { rmse: { value: 0.873, source: `${surprise1m} (SVD)` }, mae: { value: 0.686, source: `${surprise1m} (SVD)` } },
    "SVD++ (published only)": { rmse: { value: 0.862, source: `${surprise1m} (SVD++)` }, mae: { value: 0.672, source: `${surprise1m} (SVD++)` } },
    "KNNBasic (user-based, msd)": { rmse: { value: 0.923, source: `${surprise1m} (k-NN)` } },
    "KNNWithMeans (user-based, msd)": { rmse: { value: 0.929, source: `${surprise1m} (Centered k-NN)` } },
    "KNNBaseline (user-based, msd)": { rmse: { value: 0.895, source: `${surprise1m} (k-NN Baseline)` } },
    "SVD++": { rmse: { value: 0.862, source: `${surprise1m} (SVD++)` }, mae: { value: 0.672, source: `${surprise1m} (SVD++)` } },
    "I-AutoRec": { rmse: { value: 0.831, source: autoRec } },
    "U-AutoRec": { rmse: { value: 0.874, source: autoRec } },
  },
  "ml-1m-loo": {
    Popularity: { "hr@10": { value: 0.4535, source: rendle }, "ndcg@10": { value: 0.2543, source: rendle } },
    "Popularity (negatives as listed)": { "hr@10": { value: 0.4529, source: asListed }, "ndcg@10": { value: 0.2536, source: asListed } },
    GMF: { "hr@10": { value: 0.708, source: ncf }, "ndcg@10": { value: 0.429, source: ncf } },
    MLP: { "hr@10": { value: 0.692, source: ncf }, "ndcg@10": { value: 0.425, source: ncf } },
    NeuMF: { "hr@10": { value: 0.701, source: `${ncf} (without pretraining)` }, "ndcg@10": { value: 0.425, source: `${ncf} (without pretraining)` } },
    "NeuMF (pretrained)": { "hr@10": { value: 0.726, source: ncf }, "ndcg@10": { value: 0.445, source: ncf } },
    "Sampled-logistic MF": { "hr@10": { value: 0.7294, source: `${rendle} (MF, d=192, mean of 8 runs)` }, "ndcg@10": { value: 0.4523, source: `${rendle} (MF, d=192, mean of 8 runs)` } },
    "iALS (published only)": { "hr@10": { value: 0.7111, source: rendle }, "ndcg@10": { value: 0.4383, source: rendle } },
    "SLIM (published only)": { "hr@10": { value: 0.7162, source: rendle }, "ndcg@10": { value: 0.4468, source: rendle } },
  },
  libimseti: libimsetiTalk,
  // synthetic LibimSeTi-format data shows the talk's numbers as the published reference for the real data
  "libimseti-synthetic": Object.fromEntries(Object.entries(libimsetiTalk).map(([model, metrics]) => [model, Object.fromEntries(Object.entries(metrics).map(([m, a]) => [m, { value: a.value, source: `${a.source} (the real data; this run is on synthetic data)` }]))])),
};

/** Reference rows for published models the suite does not implement (e.g. SVD++), for tables of `dataset`. */
export function publishedOnlyModels(dataset: string): string[] {
  return Object.keys(publishedAnchors[dataset] ?? {}).filter((m) => m.endsWith("(published only)"));
}

/** The anchor for (data set, model, metric), if one is published. */
export function findAnchor(dataset: string, model: string, metric: string): Anchor | undefined {
  return publishedAnchors[dataset]?.[model]?.[metric.toLowerCase()];
}
