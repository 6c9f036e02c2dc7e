/**
 * Turns the reports of one benchmark suite into a results entry (results/bench.json, and a table in
 * results/README.md): per case the median training speed over the epochs after the first, its ratio to the reference SGD loop timed in the same
 * process, the validation RMSE reached, the time to a target validation RMSE and the peak memory.
 */
import type { BackendInfo } from "../backend/select-backend";
import { repoRoot } from "../repo-root";
import type { ResultEntry, ResultRow } from "../report/result-entry";
import { describeEnvironment } from "../report/run-environment";
import { steadySpeed, type BenchCaseReport } from "./run-bench-case";

/** What the entry records besides the reports. */
export interface BenchSuiteInfo {
  /** Suite name, part of the protocol text (e.g. "ml-1m shape"). */
  suite: string;
  epochs: number;
  /** Target validation RMSE for "s to target". */
  target: number;
  seed: number;
  /** Command-line options in force. */
  parameters: Record<string, unknown>;
  startedAt: number;
}

/** Seconds of training until the first epoch whose validation RMSE is at or below `target`, or undefined. */
export function secondsToTarget(epochs: BenchCaseReport["epochs"], target: number): number | undefined {
  let seconds = 0;
  for (const e of epochs) {
    seconds += e.seconds;
    if (e.validationRmse <= target) return seconds;
  }
  return undefined;
}


/** One table row per report. */
export function benchRow(r: BenchCaseReport, target: number): ResultRow {
  const speed = steadySpeed(r.epochs);
  const metrics: Record<string, number> = {
    mratings_per_s: speed / 1e6,
    x_reference: speed / r.referenceRatingsPerSecond,
    peak_mb: r.peakMb,
  };
  const lastRmse = r.epochs[r.epochs.length - 1].validationRmse;
  if (Number.isFinite(lastRmse)) metrics.val_rmse = lastRmse;
  const toTarget = secondsToTarget(r.epochs, target);
  if (toTarget !== undefined) metrics.s_to_target = toTarget;
  return {
    model: r.label,
    metrics,
    epochs: r.epochs.length,
    trainSeconds: r.epochs.reduce((s, e) => s + e.seconds, 0),
    config: {
      case: r.caseId,
      backend: r.backend,
      referenceRatingsPerSecond: Math.round(r.referenceRatingsPerSecond),
      epochRatingsPerSecond: r.epochs.map((e) => Math.round(e.ratingsPerSecond)),
      epochValidationRmse: r.epochs.map((e) => Number(e.validationRmse.toFixed(4))),
    },
  };
}

/** The results entry of one suite. */
export function benchEntry(info: BenchSuiteInfo, reports: BenchCaseReport[]): ResultEntry {
  if (reports.length === 0) throw new RangeError("benchEntry: no reports");
  const tfReport = reports.find((r) => r.backend !== "none");
  const backend: BackendInfo = tfReport
    ? { name: tfReport.backend.split(" ")[0] as BackendInfo["name"], detail: tfReport.backend.replace(/^\S+\s*\(?|\)$/g, ""), tfjsVersion: tfReport.tfjs }
    : { name: "cpu", detail: "no TF.js case", tfjsVersion: "" };
  const d = reports[0].dataset;
  return {
    notebook: "bench",
    title: "Training speed",
    dataset: d,
    protocol: `${info.suite}: ${info.epochs} epoch(s) per model, 5% of the ratings for validation, target validation RMSE ${info.target}`,
    seed: info.seed,
    parameters: info.parameters,
    rows: reports.map((r) => benchRow(r, info.target)),
    environment: describeEnvironment(backend, repoRoot()),
    finishedAt: new Date().toISOString(),
    totalSeconds: (Date.now() - info.startedAt) / 1000,
  };
}
