import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import type { ResultEntry } from "../../src/report/result-entry";
import { buildLeaderboards, renderLeaderboard } from "../../src/report/site/leaderboard";
import { NOTEBOOKS_MARKER, SUITE_LINE_PREFIX, formatRuntime, readRuntimes, recordRuntimes, replaceNotebookTable, suiteLine } from "../../src/report/site/runtimes";
import { CodeCell, createNotebook, writeNotebook } from "../../src/runner";
import { lastCellText, notebookCard, notebookSummary } from "../../src/runner/notebook-cards";
import type { RunRecord } from "../../src/runner/run-record";
import { buildSite } from "../../src/runner/site-builder";

const env = { backend: "wasm", tfjs: "4.22.0", node: "v20", cpu: "2 x CPU", os: "Linux", commit: "abc" };

function entry(notebook: string, protocol: string, rows: ResultEntry["rows"], finishedAt = "2026-01-01T00:00:10Z", conclusion?: string): ResultEntry {
  return { notebook, title: "t", dataset: { name: "ml-100k", ratings: 100000, users: 943, items: 1682 }, protocol, seed: 1, parameters: {}, rows, environment: env, finishedAt, totalSeconds: 5, ...(conclusion ? { conclusion } : {}) } as ResultEntry;
}

const cvRows: ResultEntry["rows"] = [
  { model: "Bias baseline", metrics: { rmse: 0.944, mae: 0.75, "rmse sd": 0.002 }, anchors: { rmse: { value: 0.944, source: "Surprise" } }, trainSeconds: 0.1 },
  { model: "SGD MF", metrics: { rmse: 0.902, mae: 0.71, "rmse sd": 0.003 }, anchors: { rmse: { value: 0.934, source: "Surprise" } }, trainSeconds: 12.5 },
  { model: "SVD++ (published only)", metrics: {}, anchors: { rmse: { value: 0.919, source: "Surprise" } }, trainSeconds: 0 },
];

test("leaderboard: metric, fold SD, anchor and difference columns; best values marked; one table per data set and protocol", () => {
  const boards = buildLeaderboards(
    [
      { notebook: "matrix-factorization", entries: { a: entry("matrix-factorization", "5-fold", cvRows) } },
      { notebook: "bench", entries: { b: entry("bench", "speed", [{ model: "x", metrics: { rmse: 1 }, trainSeconds: 1 }]) } },
      { notebook: "ranking", entries: { c: entry("ranking", "loo", [{ model: "GMF", metrics: { "hr@10": 0.7 }, trainSeconds: 3 }, { model: "MLP", metrics: { "hr@10": 0.69 }, trainSeconds: 3 }]) } },
    ],
    (nb) => `${nb}.html`,
  );
  assert.deepEqual(boards.map((b) => b.protocol), ["5-fold", "loo"], "bench is not a leaderboard");
  const cv = boards[0];
  assert.deepEqual(cv.columns.map((c) => c.label), ["model", "notebook", "RMSE", "RMSE fold SD", "published RMSE", "\u0394 RMSE (ours \u2212 published)", "MAE", "fit (s)", "commit"]);
  const sgd = cv.rows[1].map((c) => c.text);
  assert.deepEqual(sgd, ["SGD MF", "matrix-factorization", "0.9020", "\u00b10.0030", "0.934", "\u22120.0320", "0.7100", "12.5", "abc"]);
  assert.deepEqual(cv.rows[0][5].text, "0.0000");
  assert.ok(cv.rows[1][2].best && !cv.rows[0][2].best, "lowest RMSE is best");
  assert.ok(cv.rows[1][6].best, "lowest MAE is best");
  assert.deepEqual(cv.rows[2].slice(2, 6).map((c) => c.text), ["", "", "0.919", ""], "published-only row: anchor, no difference");
  assert.ok(boards[1].rows[0][2].best && !boards[1].rows[1][2].best, "highest HR@10 is best");
  const html = renderLeaderboard(cv);
  assert.match(html, /<table class="sortable"><thead><tr><th data-col="0" data-type="text"/);
  assert.match(html, /<td data-sort="0.902" class="num best"><strong>0\.9020<\/strong>/);
  assert.match(html, /<td data-sort="" class="num"><\/td>/);
  assert.match(html, /<a href="matrix-factorization\.html">matrix-factorization<\/a>/);
});

test("leaderboard: a spread recorded without folds is labelled as over seeds, not folds", () => {
  const rows: ResultEntry["rows"] = [{ model: "Blend", metrics: { "hr@10": 0.73, "hr@10 sd": 0.001 }, trainSeconds: 9 }];
  const [board] = buildLeaderboards([{ notebook: "ranking", entries: { a: entry("ranking", "leave-one-out, 99 negatives, 3 seeds", rows) } }], (nb) => `${nb}.html`);
  assert.deepEqual(board.columns.map((c) => c.label).slice(2, 4), ["HR@10", "HR@10 SD over seeds"]);
});

test("README notebook table: run-time column regenerated from the runtimes file, descriptions kept", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runtimes-"));
  assert.deepEqual(readRuntimes(dir), { notebooks: {} });
  recordRuntimes(dir, { mlp: { seconds: 65.4, status: "ok", finished: "f", machine: "2 x CPU, Linux" } });
  const runtimes = recordRuntimes(dir, { hybrid: { seconds: 7, status: "failed", finished: "f", machine: "2 x CPU, Linux" } });
  assert.deepEqual(Object.keys(runtimes.notebooks), ["hybrid", "mlp"], "merged, sorted");
  assert.equal(formatRuntime(65.4), "1 min 05 s");
  const readme = `intro\n${NOTEBOOKS_MARKER}\n| notebook | what it shows |\n| --- | --- |\n| [mlp](notebooks/mlp.ipynb) | The MLP. |\n| [hybrid](notebooks/hybrid.ipynb) | Both. |\n| [ranking](notebooks/ranking.ipynb) | Ranking. |\n\nafter\n`;
  const once = replaceNotebookTable(readme, runtimes, "README.md");
  const heading = "last run (default parameters; 2 x CPU, Linux)";
  assert.equal(once, `intro\n${NOTEBOOKS_MARKER}\n| notebook | what it shows | ${heading} |\n| --- | --- | --- |\n| [mlp](notebooks/mlp.ipynb) | The MLP. | 1 min 05 s |\n| [hybrid](notebooks/hybrid.ipynb) | Both. | 7 s (failed) |\n| [ranking](notebooks/ranking.ipynb) | Ranking. | not recorded |\n\nafter\n`);
  assert.equal(replaceNotebookTable(once, runtimes, "README.md"), once, "idempotent");
  assert.match(replaceNotebookTable(once, { notebooks: {} }, "README.md"), /\| what it shows \| last run \|\n[\s\S]*\| The MLP\. \| not recorded \|/);
  assert.throws(() => replaceNotebookTable("no marker", runtimes, "README.md"), /README\.md: the marker line/);
  assert.throws(() => replaceNotebookTable(`${NOTEBOOKS_MARKER}\n\n| a |`, runtimes, "README.md"), /no table right after/);
  assert.throws(() => replaceNotebookTable(readme.replace("[mlp](notebooks/mlp.ipynb)", "mlp"), runtimes, "README.md"), /README\.md:5: notebook table row names no notebooks\/<name>\.ipynb/);
});

test("README notebook table: the last full run's wall time as one line under the table, replaced on regeneration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runtimes-suite-"));
  const machine = "2 x CPU, Linux";
  const suite = { seconds: 505.1, jobs: 2, notebooks: 2, notebookSeconds: 988.4, finished: "2026-12-07T20:23:48.822Z", commit: "a0d03763c085", machine };
  recordRuntimes(dir, { mlp: { seconds: 30, status: "ok", finished: "f", machine } }, suite);
  const later = recordRuntimes(dir, { hybrid: { seconds: 31, status: "ok", finished: "g", machine } });
  assert.deepEqual(later.suite, suite, "a partial run keeps the last full run's suite time");
  assert.equal(suiteLine(suite), `${SUITE_LINE_PREFIX} (all 2 notebooks, --jobs 2): **8 min 25 s** of wall time, 16 min 28 s of notebook time in all (2 x CPU, Linux, commit a0d0376, 2026-12-07).`);
  const readme = `${NOTEBOOKS_MARKER}\n| notebook | what it shows |\n| --- | --- |\n| [mlp](notebooks/mlp.ipynb) | The MLP. |\n\nafter\n`;
  const once = replaceNotebookTable(readme, later, "README.md");
  assert.ok(once.endsWith(`| 30 s |\n\n${suiteLine(suite)}\n\nafter\n`), once);
  assert.equal(replaceNotebookTable(once, later, "README.md"), once, "idempotent");
  const faster = replaceNotebookTable(once, { ...later, suite: { ...suite, seconds: 290 } }, "README.md");
  assert.equal(faster.split(SUITE_LINE_PREFIX).length, 2, "one suite line");
  assert.match(faster, /\*\*4 min 50 s\*\* of wall time/);
});

function executedNotebook(): ReturnType<typeof createNotebook> {
  const nb = createNotebook([
    { type: "markdown", source: "# Matrix *factorization*\n\nCollaborative filtering predicts ratings. It uses [embeddings](x).\n\nNext: [mlp](mlp.ipynb)." },
    { type: "code", source: "const EPOCHS = 2;", tags: ["parameters"] },
    { type: "code", source: "console.log('verdict')" },
  ]);
  const last = nb.cells[2] as CodeCell;
  last.execution_count = 2;
  last.outputs = [{ output_type: "stream", name: "stdout", text: ["epoch 1\n", "SGD MF beats the bias baseline by 0.04 RMSE.\n", "recorded in /tmp/x.json\n"] }];
  nb.metadata.runner = { started: "2026-01-01T00:00:00Z", duration_seconds: 12.5, kernel_startup_seconds: 1, status: "ok", failure: null, parameters: { EPOCHS: 2 }, overridden: [] };
  return nb;
}

test("cards: summary from the first paragraph, conclusion from the run's result entry, else the last cell's output", () => {
  const nb = executedNotebook();
  assert.equal(notebookSummary(nb), "Collaborative filtering predicts ratings.");
  assert.equal(lastCellText(nb), "epoch 1\nSGD MF beats the bias baseline by 0.04 RMSE.");
  const record = { started: "2026-01-01T00:00:00Z", finished: "2026-01-01T00:00:12Z", seconds: 12.5, status: "ok", overridden: [] } as unknown as RunRecord;
  const within = entry("matrix-factorization", "p", cvRows, "2026-01-01T00:00:11Z", "SGD MF wins by 0.042 \u00b1 0.003.");
  const older = entry("matrix-factorization", "q", cvRows, "2025-01-01T00:00:00Z", "stale");
  const card = notebookCard("matrix-factorization", nb, record, [{ notebook: "matrix-factorization", entries: { a: older, b: within } }], "matrix-factorization.html");
  assert.deepEqual([card.title, card.conclusion, card.conclusionSource, card.seconds, card.status], ["Matrix factorization", "SGD MF wins by 0.042 \u00b1 0.003.", "result", 12.5, "ok"]);
  const fallback = notebookCard("matrix-factorization", nb, record, [{ notebook: "matrix-factorization", entries: { a: older } }], undefined);
  assert.deepEqual([fallback.conclusion, fallback.conclusionSource], ["epoch 1\nSGD MF beats the bias baseline by 0.04 RMSE.", "last cell"]);
  assert.equal(notebookCard("x", nb, undefined, [], undefined).status, "missing");
  const noReport = notebookCard("matrix-factorization", nb, undefined, [{ notebook: "matrix-factorization", entries: { a: older, b: within } }], undefined);
  assert.equal(noReport.conclusion, "SGD MF wins by 0.042 \u00b1 0.003.", "without a run, the latest recorded conclusion");
});

test("buildSite: index with cards, leaderboards, environment and results link; pages re-rendered; --out is self-contained", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-"));
  const reports = path.join(dir, "reports");
  const results = path.join(dir, "results");
  fs.mkdirSync(reports);
  fs.mkdirSync(results);
  writeNotebook(path.join(reports, "matrix-factorization.ipynb"), executedNotebook());
  fs.writeFileSync(path.join(results, "matrix-factorization.json"), JSON.stringify({ notebook: "matrix-factorization", entries: { a: entry("matrix-factorization", "5-fold", cvRows) } }));
  fs.writeFileSync(path.join(results, "README.md"), "# Results\n");
  const built = buildSite({ reportsDir: reports, resultsDir: results });
  assert.equal(built.indexPath, path.join(reports, "index.html"));
  const index = fs.readFileSync(built.indexPath, "utf8");
  assert.match(index, /<h3><a href="matrix-factorization\.html">Matrix factorization<\/a><\/h3>/);
  assert.match(index, /run time 12\.5 s/);
  assert.match(index, /<a href="\.\.\/results\/README\.md">results\/README\.md<\/a>/);
  assert.match(index, /<table class="sortable">/);
  const page = fs.readFileSync(path.join(reports, "matrix-factorization.html"), "utf8");
  assert.match(page, /<h1>Matrix factorization<\/h1>/);
  assert.match(page, /<a href="mlp\.ipynb">mlp<\/a>/, "no mlp report and no source folder: the link is left alone");
  assert.ok(fs.existsSync(path.join(reports, "assets", "plotly.min.js")));
  const out = path.join(dir, "copy");
  buildSite({ reportsDir: reports, resultsDir: results, outDir: out });
  for (const f of ["index.html", "matrix-factorization.html", "matrix-factorization.ipynb", "assets/plotly.min.js", "results/README.md"]) assert.ok(fs.existsSync(path.join(out, f)), f);
  assert.match(fs.readFileSync(path.join(out, "index.html"), "utf8"), /<a href="results\/README\.md">/);
});
