/**
 * Builds the `ResultEntry` of a ranking experiment (HR@K, NDCG@K per model) with the published anchors of its
 * data set and the published-only reference rows (e.g. Rendle et al.'s iALS and SLIM on ml-1m).
 */
import type { ImplicitEvaluation } from "../train/evaluate-implicit-models";
import { publishedOnlyRows } from "./cross-validation-record";
import { experimentEntry, type ExperimentInfo } from "./experiment-record";
import type { ResultEntry } from "./result-entry";

/** The complete entry for `recordResult`, followed by the data set's published-only reference rows. */
export function rankingEntry(info: ExperimentInfo, evaluations: ImplicitEvaluation[]): ResultEntry {
  const entry = experimentEntry(info, evaluations);
  const metrics = [...new Set(entry.rows.flatMap((r) => Object.keys(r.metrics)))];
  return { ...entry, rows: [...entry.rows, ...publishedOnlyRows(info.dataset.name, metrics)] };
}
