import { test } from "node:test";
import assert from "node:assert/strict";
import { renderEntry, reproduceCommand } from "../../src/report/results-readme";
import type { ResultEntry } from "../../src/report/result-entry";
import { describeEnvironment } from "../../src/report/run-environment";

test("the reproduce command carries every recorded parameter, quoted where the shell needs it", () => {
  const cmd = reproduceCommand({ notebook: "ranking", parameters: { DATASET: "ml-1m-loo", PRESET: "rendle-ml1m", DATA_DIR: "", SWEEP: [8, 32], FLAG: false } });
  assert.equal(cmd, "npm run experiments -- notebooks/ranking.ipynb --param DATASET=ml-1m-loo --param PRESET=rendle-ml1m --param DATA_DIR= --param 'SWEEP=[8,32]' --param FLAG=false");
  assert.equal(reproduceCommand({ notebook: "x", parameters: { NAME: "it's" } }), `npm run experiments -- notebooks/x.ipynb --param 'NAME=it'\\''s'`);
  assert.equal(reproduceCommand({ notebook: "bench", parameters: { suite: "all" } }), "npm run bench");
});

test("an entry's section shows its computed conclusion and its reproduce line", () => {
  const entry: ResultEntry = {
    notebook: "mlp", title: "T", dataset: { name: "d", ratings: 10, users: 2, items: 3 }, protocol: "p", seed: 1,
    parameters: { DATASET: "d" }, rows: [{ model: "A", metrics: { rmse: 0.9 }, trainSeconds: 1 }],
    environment: { backend: "wasm", tfjs: "4", node: "20", cpu: "c", os: "o" }, finishedAt: "now", totalSeconds: 2,
    conclusion: "Best RMSE: A.",
  };
  const md = renderEntry(entry);
  assert.match(md, /\n- Conclusion \(computed by the notebook from these numbers\): Best RMSE: A\.\n/);
  assert.match(md, /\n- Reproduce: `npm run experiments -- notebooks\/mlp\.ipynb --param DATASET=d`\n/);
  assert.doesNotMatch(renderEntry({ ...entry, conclusion: undefined }), /Conclusion/);
});

test("an entry's 'Ran on' line shows the run's peak memory when it was recorded, and older entries render as before", () => {
  const entry: ResultEntry = {
    notebook: "hybrid", title: "T", dataset: { name: "d", ratings: 10, users: 2, items: 3 }, protocol: "p", seed: 1,
    parameters: {}, rows: [{ model: "A", metrics: { rmse: 0.9 }, trainSeconds: 1 }],
    environment: { backend: "wasm", tfjs: "4", node: "20", cpu: "c", os: "o", commit: "abc", peakMemoryMb: 5321 },
    finishedAt: "now", totalSeconds: 1234.5,
  };
  assert.match(renderEntry(entry), /finished now, 1234\.5 s in all, peak memory 5,321 MB\n/);
  const { peakMemoryMb: _unused, ...older } = entry.environment;
  assert.match(renderEntry({ ...entry, environment: older }), /finished now, 1234\.5 s in all\n/);
});

test("the run environment records this process's peak resident memory in MB", () => {
  const before = describeEnvironment({ name: "wasm", tfjsVersion: "4" }, process.cwd()).peakMemoryMb!;
  const block = Buffer.alloc(64 * 1024 * 1024, 1); // touched: 64 MB resident
  const after = describeEnvironment({ name: "wasm", tfjsVersion: "4" }, process.cwd()).peakMemoryMb!;
  assert.ok(block[block.length - 1] === 1);
  assert.ok(before > 10, `peak ${before} MB is not a process's resident size`);
  assert.ok(after >= before + 32, `peak went from ${before} to ${after} MB after touching 64 MB`);
});
