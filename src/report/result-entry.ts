/**
 * The record written for every experiment run: numbers together with the data set, protocol, parameters,
 * seed, backend, machine and timings that produced them (the product's rule: no result without provenance).
 */
import type { Anchor } from "./anchors";

/** One model's scores in one run. */
export interface ResultRow {
  /** Model label, e.g. "Biased MF". */
  model: string;
  /** Metric name (lower-case, e.g. "rmse", "mae") to value, in the metric's units. */
  metrics: Record<string, number>;
  /** Published numbers for the same model and data set, by metric name. */
  anchors?: Record<string, Anchor>;
  /** Epochs trained (the kept epoch under early stopping), if iterative. */
  epochs?: number;
  /** Wall-clock seconds to fit. */
  trainSeconds: number;
  /** Model hyperparameters as used. */
  config?: unknown;
}

/** Where and how a run happened. */
export interface RunEnvironment {
  /** TF.js backend name and details, e.g. "wasm (SIMD, 1 thread)". */
  backend: string;
  /** tfjs-core version. */
  tfjs: string;
  /** Node.js version. */
  node: string;
  /** CPU model and count, e.g. "2 x Intel Xeon". */
  cpu: string;
  /** Operating system and architecture. */
  os: string;
  /** Git commit of the code that ran (with "+dirty" when the tree had changes), if known. */
  commit?: string;
  /** Peak resident memory of the process up to the moment the entry was made, in MB (absent in older entries). */
  peakMemoryMb?: number;
}

/** All results of one notebook run on one data set under one protocol. */
export interface ResultEntry {
  /** Notebook file stem, e.g. "matrix-factorization". */
  notebook: string;
  /** Human title of the table. */
  title: string;
  /** Data set name and size. */
  dataset: { name: string; ratings: number; users: number; items: number };
  /** Evaluation protocol, e.g. "random 80/20 split (10% of train for early stopping)". */
  protocol: string;
  /** Seed of the run's generator. */
  seed: number;
  /** Notebook parameters in force. */
  parameters: Record<string, unknown>;
  /** Scores per model. */
  rows: ResultRow[];
  /** Committed figures (paths relative to results/). */
  figures?: string[];
  /** Environment the run happened in. */
  environment: RunEnvironment;
  /** ISO time the run finished. */
  finishedAt: string;
  /** Wall-clock seconds of the whole experiment. */
  totalSeconds: number;
  /** The verdict sentence(s) the notebook printed, computed from this run's numbers (model-verdict.ts); optional. */
  conclusion?: string;
}

/** Key under which an entry is stored in its notebook's results file: one entry per data set and protocol. */
export function entryKey(e: Pick<ResultEntry, "dataset" | "protocol">): string {
  return `${e.dataset.name} | ${e.protocol}`;
}
