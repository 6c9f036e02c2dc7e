/**
 * Training progress display: a live line in a notebook (tslab display, updated in place), a progress bar in a
 * terminal (cli-progress), or one plain line per epoch when output is piped (CI logs, the headless runner).
 */
import { SingleBar, Presets } from "cli-progress";
import { activeTslab, type TslabApi } from "../report/tslab-context";
import type { EpochRecord, TrainingHistory } from "./training-history";

/** Receives training progress. All methods are optional to implement beyond `epoch`. */
export interface ProgressReporter {
  /** Called once before the first epoch. */
  start(info: { model: string; epochs: number; batchesPerEpoch: number }): void;
  /** Called after every `batchEvery` batches within an epoch (done counts batches so far). */
  batch(done: number, total: number): void;
  /** Called after each epoch (training and validation done). */
  epoch(record: EpochRecord): void;
  /** Called once when training ends. */
  end(history: TrainingHistory): void;
}

/** One-line text summary of an epoch, e.g. `epoch 3/40 loss 0.8123 val RMSE 0.9012 (1.2 s, 81k ex/s)`. */
export function formatEpoch(r: EpochRecord, epochs: number): string {
  const val = r.validation ? Object.entries(r.validation).map(([k, v]) => ` val ${k} ${v.toFixed(4)}`).join("") : "";
  const speed = r.examplesPerSecond >= 1e6
    ? `${(r.examplesPerSecond / 1e6).toFixed(2)}M`
    : `${Math.round(r.examplesPerSecond / 1000)}k`;
  return `epoch ${r.epoch}/${epochs} loss ${r.trainLoss.toFixed(4)}${val} (${r.seconds.toFixed(1)} s, ${speed} ex/s)`;
}

/** Prints nothing; for tests and nested fits. */
export const silentProgress: ProgressReporter = { start() {}, batch() {}, epoch() {}, end() {} };

/** One line per epoch on stdout, for logs. */
export function lineProgress(write: (line: string) => void = (l) => console.log(l)): ProgressReporter {
  let name = "";
  let total = 0;
  return {
    start(info) { name = info.model; total = info.epochs; },
    batch() {},
    epoch(r) { write(`${name}: ${formatEpoch(r, total)}`); },
    end(h) { write(`${name}: kept epoch ${h.bestEpoch}, ${h.trainSeconds.toFixed(1)} s${h.stoppedEarly ? " (stopped early)" : ""}`); },
  };
}

/** A cli-progress bar over all batches of all epochs, for interactive terminals. */
export function terminalBarProgress(): ProgressReporter {
  const bar = new SingleBar({ format: "{model} [{bar}] {percentage}% | {status}", hideCursor: true }, Presets.shades_classic);
  let perEpoch = 0;
  let total = 0;
  let epochsDone = 0;
  let model = "";
  return {
    start(info) {
      model = info.model;
      perEpoch = info.batchesPerEpoch;
      total = info.epochs;
      bar.start(info.epochs * perEpoch, 0, { model, status: "starting" });
    },
    batch(done) { bar.update(epochsDone * perEpoch + done); },
    epoch(r) {
      epochsDone = r.epoch;
      bar.update(epochsDone * perEpoch, { status: formatEpoch(r, total) });
    },
    end(h) {
      bar.update(epochsDone * perEpoch, { status: `kept epoch ${h.bestEpoch}, ${h.trainSeconds.toFixed(1)} s` });
      bar.stop();
    },
  };
}

/** Least time between two rewrites of a notebook's progress line, in ms (fast models finish dozens of epochs a second). */
export const NOTEBOOK_PROGRESS_INTERVAL_MS = 250;

/**
 * A single notebook output line, rewritten in place after an epoch at most every NOTEBOOK_PROGRESS_INTERVAL_MS
 * (a kernel flooded with display updates, as by SGD MF at 30M ratings/s, failed a Jupyter cell), and at the end.
 */
export function notebookProgress(tslab: TslabApi, now: () => number = () => Date.now()): ProgressReporter {
  const display = tslab.newDisplay();
  let name = "";
  let total = 0;
  let shownAt = -Infinity;
  const lines: string[] = [];
  return {
    start(info) { name = info.model; total = info.epochs; display.text(`${name}: starting ${total} epochs`); shownAt = now(); },
    batch() {},
    epoch(r) {
      lines[0] = `${name}: ${formatEpoch(r, total)}`;
      if (now() - shownAt < NOTEBOOK_PROGRESS_INTERVAL_MS) return;
      display.text(lines[0]);
      shownAt = now();
    },
    end(h) {
      display.text(`${lines[0] ?? name}\n${name}: kept epoch ${h.bestEpoch} of ${h.epochs.length}, ${h.trainSeconds.toFixed(1)} s${h.stoppedEarly ? " (stopped early)" : ""}`);
    },
  };
}

/** The reporter for the current context: notebook display, terminal bar, or plain lines. */
export function defaultProgress(): ProgressReporter {
  const tslab = activeTslab();
  if (tslab) return notebookProgress(tslab);
  if (process.stdout.isTTY) return terminalBarProgress();
  return lineProgress();
}
