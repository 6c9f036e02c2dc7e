/**
 * Contract C2: where results are recorded. RECSYS_RESULTS_DIR wins; RECSYS_RECORD_RESULTS=1 means the tracked
 * results/; anything else (Jupyter, nbconvert) the git-ignored reports/scratch-results/, announced once.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { announceResultsWrite, resultsDir } from "../../src/report/results-dir";
import { recordResult } from "../../src/report/results-store";
import { sampleEntry } from "./sample-entry";

const ROOT = path.resolve(__dirname, "..", "..");

test("resultsDir: explicit folder, then results/ only when recording is asked for, else the scratch folder", () => {
  assert.equal(resultsDir({ RECSYS_RESULTS_DIR: "/x/y", RECSYS_RECORD_RESULTS: "1" }), "/x/y");
  assert.equal(resultsDir({ RECSYS_RECORD_RESULTS: "1" }), path.join(ROOT, "results"));
  assert.equal(resultsDir({}), path.join(ROOT, "reports", "scratch-results"));
  assert.equal(resultsDir({ RECSYS_RECORD_RESULTS: "0" }), path.join(ROOT, "reports", "scratch-results"));
  assert.equal(resultsDir({ RECSYS_RECORD_RESULTS: "true" }), path.join(ROOT, "reports", "scratch-results"), "only 1 asks");
});

test("the scratch folder is git-ignored", () => {
  const rel = path.relative(ROOT, resultsDir({}));
  const out = execFileSync("git", ["check-ignore", "--no-index", `${rel}/matrix-factorization.json`], { cwd: ROOT, encoding: "utf8" });
  assert.equal(out.trim(), `${rel}/matrix-factorization.json`);
});

test("the first write into the scratch folder prints one line naming it; other folders print nothing", () => {
  const lines: string[] = [];
  const saved = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    recordResult(sampleEntry("ml-100k", 0.9), fs.mkdtempSync(path.join(os.tmpdir(), "results-")));
    assert.deepEqual(lines, []);
    announceResultsWrite(resultsDir({}));
    announceResultsWrite(resultsDir({}));
  } finally {
    console.log = saved;
  }
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^results go to the scratch folder .*reports\/scratch-results \(git-ignored\); npm run experiments records into results\/$/);
});
