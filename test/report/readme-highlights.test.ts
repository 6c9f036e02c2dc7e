import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { bestRow, HIGHLIGHTS_END, HIGHLIGHTS_START, renderHighlights, replaceHighlights } from "../../src/report/readme-highlights";
import { readAllResults } from "../../src/report/results-store";
import { sampleEntry } from "./sample-entry";

const repo = path.resolve(__dirname, "..", "..");

function entryWith(rows: { model: string; metrics: Record<string, number>; anchors?: Record<string, { value: number; source: string }> }[]) {
  const e = sampleEntry("ml-1m", 0.9);
  return { ...e, protocol: "5-fold cross-validation, 10% of each training fold", rows: rows.map((r) => ({ ...r, trainSeconds: 1 })) };
}

test("bestRow picks the lowest RMSE and the highest HR@10, ignoring published-only rows", () => {
  const e = entryWith([
    { model: "A", metrics: { rmse: 0.9, "hr@10": 0.6 } },
    { model: "B", metrics: { rmse: 0.85, "hr@10": 0.5 } },
    { model: "published only", metrics: {}, anchors: { rmse: { value: 0.8, source: "paper" } } },
  ]);
  assert.equal(bestRow(e, "rmse")?.model, "B");
  assert.equal(bestRow(e, "hr@10")?.model, "A");
  assert.equal(bestRow(e, "ndcg@10"), undefined);
});

test("renderHighlights shows the best model with its fold SD, the best anchor and the reproduce command", () => {
  const e = entryWith([
    { model: "A", metrics: { rmse: 0.91234, "rmse sd": 0.00456 }, anchors: { rmse: { value: 0.93, source: "Surprise (SVD)" } } },
    { model: "B", metrics: { rmse: 0.85, "rmse sd": 0.002 } },
    { model: "C (published only)", metrics: {}, anchors: { rmse: { value: 0.862, source: "Surprise (SVD++)" } } },
  ]);
  const table = renderHighlights([{ notebook: "matrix-factorization", entries: { k: e } }], [
    { notebook: "matrix-factorization", dataset: "ml-1m", protocol: "5-fold", metric: "rmse" },
    { notebook: "matrix-factorization", dataset: "ml-100k", protocol: "5-fold", metric: "rmse" },
  ]);
  const rows = table.split("\n");
  assert.equal(rows.length, 3, "header, separator and the one entry that exists");
  assert.match(rows[2], /\| ml-1m \| 5-fold cross-validation, 10% of each training fold \| B \| rmse \| 0\.8500 ± 0\.0020 \(fold SD\) \| 0\.862 \(Surprise \(SVD\+\+\)\) \|/);
  assert.match(rows[2], /`npm run experiments -- notebooks\/matrix-factorization\.ipynb --param DIM=8`/);
});

test("renderHighlights names an SD over seeds when the protocol has no folds", () => {
  const e = { ...entryWith([{ model: "Blend", metrics: { "hr@10": 0.73, "hr@10 sd": 0.0013 } }]), protocol: "Blend weights chosen on a validation holdout; NCF leave-one-out" };
  const rows = renderHighlights([{ notebook: "ranking", entries: { k: e } }], [{ notebook: "ranking", dataset: "ml-1m", protocol: "Blend", metric: "hr@10" }]).split("\n");
  assert.match(rows[2], /\| Blend \| hr@10 \| 0\.7300 ± 0\.0013 \(SD over seeds\) \| none \|/);
});

test("replaceHighlights rewrites only the block between the markers, and names the file when they are missing", () => {
  const readme = `# T\n\n${HIGHLIGHTS_START}\nold\n${HIGHLIGHTS_END}\n\nafter\n`;
  assert.equal(replaceHighlights(readme, "new", "R.md"), `# T\n\n${HIGHLIGHTS_START}\nnew\n${HIGHLIGHTS_END}\n\nafter\n`);
  assert.throws(() => replaceHighlights("# T\n", "new", "R.md"), /R\.md: the highlight markers are missing/);
});

test("README.md's headline table is the one generated from results/ (no hand-typed or stale numbers)", () => {
  const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
  const expected = replaceHighlights(readme, renderHighlights(readAllResults(path.join(repo, "results"))), "README.md");
  assert.equal(readme, expected, "run `npm run report` to regenerate README.md's headline table");
});
