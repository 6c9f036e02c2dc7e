import { test } from "node:test";
import assert from "node:assert/strict";
import { NOTEBOOK_PROGRESS_INTERVAL_MS, notebookProgress } from "../../src/train/progress";
import type { EpochRecord, TrainingHistory } from "../../src/train/training-history";

test("the notebook progress line is rewritten at most every NOTEBOOK_PROGRESS_INTERVAL_MS, and always at the end", () => {
  const shown: string[] = [];
  const sink = { html: () => {}, text: (s: string) => void shown.push(s) };
  let clock = 0;
  const p = notebookProgress({ display: sink, newDisplay: () => sink }, () => clock);
  const epoch = (n: number): EpochRecord => ({ epoch: n, trainLoss: 1 / n, seconds: 0.001, examplesPerSecond: 3e7 } as EpochRecord);
  p.start({ model: "SGD MF", epochs: 100 } as never);
  for (let n = 1; n <= 50; n++) { clock = n * 10; p.epoch(epoch(n)); } // 50 epochs in 500 ms
  p.end({ epochs: Array.from({ length: 50 }, (_, k) => epoch(k + 1)), bestEpoch: 50, stoppedEarly: false, trainSeconds: 0.5 } as unknown as TrainingHistory);
  assert.equal(shown[0], "SGD MF: starting 100 epochs");
  const epochLines = shown.slice(1, -1);
  assert.equal(epochLines.length, Math.floor(500 / NOTEBOOK_PROGRESS_INTERVAL_MS), `epoch lines: ${JSON.stringify(epochLines)}`);
  assert.match(shown[shown.length - 1], /^SGD MF: epoch 50\/100 .*\nSGD MF: kept epoch 50 of 50, 0\.5 s$/);
});
