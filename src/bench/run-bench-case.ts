/**
 * Runs one benchmark case in its own process (so that its peak memory is its own): builds the data, times the
 * reference SGD loop, then the case, and prints one `BENCH_RESULT <json>` line for the parent (bench-cli.ts).
 *
 * Usage (internal): tsx src/bench/run-bench-case.ts '<BenchCaseRequest as JSON>'
 */
import { initBackend } from "../backend/select-backend";
import { loadDataset } from "../data/dataset-registry";
import type { Ratings } from "../data/ratings";
import { randomSplit } from "../data/splits/random-split";
import { syntheticRatings, type SyntheticRatingsOptions } from "../data/synthetic-ratings";
import { Rng } from "../random/rng";
import { benchCase, type BenchEpoch } from "./bench-cases";
import { runReferenceSgd } from "./reference-sgd";

/** What the parent asks a child to run. */
export interface BenchCaseRequest {
  caseId: string;
  /** Synthetic shape, or the name of a loadable data set (e.g. "ml-1m"). */
  data: SyntheticRatingsOptions | string;
  epochs: number;
  /** Epochs of the reference loop timed beside the case. */
  referenceEpochs: number;
  seed: number;
}

/** What a child reports. */
export interface BenchCaseReport {
  caseId: string;
  label: string;
  dataset: { name: string; ratings: number; users: number; items: number };
  /** Seconds to build or load the data and split it. */
  dataSeconds: number;
  epochs: BenchEpoch[];
  /** Ratings/s of the reference loop in the same process (`steadySpeed` of its epochs, at least two). */
  referenceRatingsPerSecond: number;
  /** TF.js backend description, or "none". */
  backend: string;
  tfjs: string;
  /** Peak resident memory of the process (MB). */
  peakMb: number;
}

/** Median ratings/s over the epochs after the first (which includes JIT warm-up and first touches), or the only epoch. */
export function steadySpeed(epochs: { ratingsPerSecond: number }[]): number {
  const speeds = epochs.map((e) => e.ratingsPerSecond);
  return median(speeds.length > 1 ? speeds.slice(1) : speeds);
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function loadData(data: BenchCaseRequest["data"]): Promise<Ratings> {
  return typeof data === "string" ? loadDataset(data) : syntheticRatings(data);
}

/** Runs `request` in this process and returns its report. */
export async function runBenchCase(request: BenchCaseRequest): Promise<BenchCaseReport> {
  const c = benchCase(request.caseId);
  const backend = c.usesTf ? await initBackend() : null;
  const start = performance.now();
  const ratings = await loadData(request.data);
  const rng = new Rng(request.seed);
  const { train, test: validation } = randomSplit(ratings, rng.fork(), { testFraction: 0.05 });
  const dataSeconds = (performance.now() - start) / 1000;
  const reference = runReferenceSgd(train, validation, 32, request.referenceEpochs, rng.fork());
  const epochs = await c.run(train, validation, request.epochs, rng.fork());
  return {
    caseId: c.id,
    label: c.label,
    dataset: { name: ratings.name, ratings: ratings.size, users: ratings.numUsers, items: ratings.numItems },
    dataSeconds,
    epochs,
    referenceRatingsPerSecond: steadySpeed(reference),
    backend: backend ? (backend.detail ? `${backend.name} (${backend.detail})` : backend.name) : "none",
    tfjs: backend?.tfjsVersion ?? "",
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (require.main === module) {
  const request = JSON.parse(process.argv[2] ?? "{}") as BenchCaseRequest;
  runBenchCase(request).then(
    (report) => {
      process.stdout.write(`BENCH_RESULT ${JSON.stringify(report)}\n`);
    },
    (e: Error) => {
      process.stderr.write(`${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}
