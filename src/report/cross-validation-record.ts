/**
 * Builds the `ResultEntry` of a k-fold cross-validation (Surprise's benchmark protocol): mean RMSE and MAE over
 * the folds, the standard deviation of RMSE, mean fit time and kept epoch, with published anchors beside them.
 */
import type { CrossValidationResult } from "../train/cross-validate";
import { findAnchor, publishedAnchors, publishedOnlyModels, type Anchor } from "./anchors";
import { experimentEntry, type ExperimentInfo } from "./experiment-record";
import type { ResultEntry, ResultRow } from "./result-entry";

/** Result rows for cross-validated models on `dataset`. */
export function crossValidationRows(results: CrossValidationResult[], dataset: string): ResultRow[] {
  return results.map((r) => {
    const anchors: Record<string, Anchor> = {};
    for (const m of ["rmse", "mae"]) {
      const a = findAnchor(dataset, r.model, m);
      if (a) anchors[m] = a;
    }
    return {
      model: r.model,
      metrics: { rmse: r.mean.rmse, mae: r.mean.mae, "rmse sd": r.rmseStd },
      anchors: Object.keys(anchors).length ? anchors : undefined,
      epochs: r.mean.bestEpoch > 1 ? Math.round(r.mean.bestEpoch) : undefined,
      trainSeconds: r.mean.trainSeconds,
    };
  });
}

/**
 * Rows with only published numbers, for models the suite does not implement (e.g. Surprise's SVD++), limited to
 * those published for at least one of `metrics` (so a ranking table gets no RMSE-only rows).
 */
export function publishedOnlyRows(dataset: string, metrics: string[]): ResultRow[] {
  return publishedOnlyModels(dataset)
    .filter((model) => metrics.some((m) => publishedAnchors[dataset][model][m] !== undefined))
    .map((model) => ({ model, metrics: {}, anchors: publishedAnchors[dataset][model], trainSeconds: NaN }));
}

/**
 * The complete entry for `recordResult` from cross-validation results (fit time: mean per fold), followed by
 * the published-only reference rows of the data set.
 */
export function crossValidationEntry(info: ExperimentInfo, results: CrossValidationResult[]): ResultEntry {
  const entry = experimentEntry(info, []);
  return { ...entry, rows: [...crossValidationRows(results, info.dataset.name), ...publishedOnlyRows(info.dataset.name, ["rmse", "mae"])] };
}
