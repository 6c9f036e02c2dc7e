/**
 * Builds the `ResultEntry` of a rating-prediction experiment from its evaluations, attaching published anchors,
 * the run environment and timings, and saves its learning-curve figure.
 */
import * as path from "node:path";
import type { Ratings } from "../data/ratings";
import type { TrainingHistory } from "../train/training-history";
import { findAnchor, type Anchor } from "./anchors";
import { writeFileAtomic } from "./atomic-write";
import type { LineChart } from "./line-chart";
import { describeEnvironment } from "./run-environment";
import type { ResultEntry, ResultRow } from "./result-entry";
import { repoRoot } from "../repo-root";
import { writeWhenCellEnds } from "./deferred-writes";
import { announceResultsWrite } from "./results-dir";
import { resultsDir } from "./results-store";
import { renderLineChartSvg } from "./svg-line-chart";

/** What the notebook knows about its run. */
export interface ExperimentInfo {
  notebook: string;
  title: string;
  dataset: Ratings;
  protocol: string;
  seed: number;
  parameters: Record<string, unknown>;
  backend: { name: string; detail?: string; tfjsVersion: string };
  /** `Date.now()` when the experiment started (ms since the epoch; wall clock, the same in every context). */
  startedAt: number;
  /** Figure files already saved (relative to the results folder). */
  figures?: string[];
}

/** Protocol text of a random split with a validation share carved from the training side, e.g. "random 80/20 split, 10% of train for early stopping". */
export function randomSplitProtocol(testFraction: number, validationFraction: number): string {
  const pct = (x: number) => Math.round(x * 100);
  return `random ${pct(1 - testFraction)}/${pct(testFraction)} split, ${pct(validationFraction)}% of train for early stopping`;
}

/** What a result row is built from: a fitted model's scores, history and fit time (rating or ranking models). */
export interface ScoredFit {
  model: { name: string };
  metrics: Record<string, number>;
  history: TrainingHistory;
  trainSeconds: number;
}

/** Result rows for `evaluations`, with the anchors published for `dataset`. */
export function resultRows(evaluations: ScoredFit[], dataset: string): ResultRow[] {
  return evaluations.map((e) => {
    const anchors: Record<string, Anchor> = {};
    for (const m of Object.keys(e.metrics)) {
      const a = findAnchor(dataset, e.model.name, m);
      if (a) anchors[m] = a;
    }
    const iterative = e.history.epochs.length > 1 || e.history.stoppedEarly;
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

/** The complete entry for `recordResult`. */
export function experimentEntry(info: ExperimentInfo, evaluations: ScoredFit[]): ResultEntry {
  const d = info.dataset;
  return {
    notebook: info.notebook,
    title: info.title,
    dataset: { name: d.name, ratings: d.size, users: d.numUsers, items: d.numItems },
    protocol: info.protocol,
    seed: info.seed,
    parameters: info.parameters,
    rows: resultRows(evaluations, d.name),
    figures: info.figures,
    environment: describeEnvironment(info.backend, repoRoot()),
    finishedAt: new Date().toISOString(),
    totalSeconds: (Date.now() - info.startedAt) / 1000,
  };
}

/**
 * Saves `chart` as `<results>/figures/<name>.svg` (atomically; under the runner when the cell has finished);
 * returns its path relative to the results folder.
 */
export function saveFigure(chart: LineChart, name: string, dir: string = resultsDir()): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new RangeError(`saveFigure: name ${JSON.stringify(name)} must be kebab-case`);
  const rel = `figures/${name}.svg`;
  announceResultsWrite(dir);
  const svg = renderLineChartSvg(chart);
  writeWhenCellEnds(() => writeFileAtomic(path.join(dir, rel), svg));
  return rel;
}
