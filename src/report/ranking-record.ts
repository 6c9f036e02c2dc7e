/**
 * Builds the `ResultEntry` of a ranking experiment (HR@K, NDCG@K per model) with the published anchors of its
 * data set and the published-only reference rows (e.g. Rendle et al.'s iALS and SLIM on ml-1m).
 */
import type { ImplicitEvaluation } from "../train/evaluate-implicit-models";
import { findAnchor, type Anchor } from "./anchors";
import { publishedOnlyRows } from "./cross-validation-record";
import { experimentEntry, type ExperimentInfo } from "./experiment-record";
import type { ResultEntry, ResultRow } from "./result-entry";

/** Result rows for ranking evaluations on `dataset`. */
export function rankingRows(evaluations: ImplicitEvaluation[], dataset: string): ResultRow[] {
  return evaluations.map((e) => {
    const anchors: Record<string, Anchor> = {};
    for (const m of Object.keys(e.metrics)) {
      const a = findAnchor(dataset, e.model.name, m);
      if (a) anchors[m] = a;
    }
    const iterative = e.history.epochs.length > 1;
    return {
      model: e.model.name,
      metrics: { ...e.metrics },
      anchors: Object.keys(anchors).length ? anchors : undefined,
      epochs: iterative ? e.history.bestEpoch : undefined,
      trainSeconds: e.trainSeconds,
      config: (e.model as { config?: unknown }).config,
    };
  });
}

/** The complete entry for `recordResult`, followed by the data set's published-only reference rows. */
export function rankingEntry(info: ExperimentInfo, evaluations: ImplicitEvaluation[]): ResultEntry {
  const entry = experimentEntry(info, []);
  return { ...entry, rows: [...rankingRows(evaluations, info.dataset.name), ...publishedOnlyRows(info.dataset.name)] };
}
