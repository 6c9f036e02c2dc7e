/**
 * End-to-end runs through the programmatic API. Each run starts a worker with a tslab kernel
 * (a few seconds), so all runs start together in `before` (at most three at a time) and the
 * tests inspect the results.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import {
  CodeCell,
  createNotebook,
  ErrorOutput,
  Output,
  PLOTLY_SRC_ENV,
  readNotebook,
  RunOptions,
  RunResult,
  runNotebook,
  sourceText,
  validateNotebook,
  writeNotebook,
} from "../../src/runner";
import { Rng } from "../../src/random/rng";
import { fixture, plainText, ROOT, tempDir } from "./helpers";

const shared = tempDir("runner-shared-out-");
const separate = tempDir("runner-out-");

/** A notebook in a temporary folder that imports from `./src` through a symlink, as notebooks/ does. */
function rngNotebook(): string {
  const dir = tempDir("runner-rng-");
  fs.symlinkSync(path.join(ROOT, "src"), path.join(dir, "src"), "dir");
  fs.symlinkSync(path.join(__dirname, "fixtures", "lib"), path.join(dir, "lib"), "dir");
  const file = path.join(dir, "rng.ipynb");
  writeNotebook(
    file,
    createNotebook([
      { type: "markdown", source: "# Seeded draw" },
      { type: "code", source: "const SEED = 7;", tags: ["parameters"] },
      { type: "code", source: 'import { Rng } from "./src/random/rng";\nconst rng = new Rng(SEED);\nrng.next()' },
      { type: "code", source: 'import { showBadge } from "./lib/show";\nshowBadge("from a module");' },
      { type: "code", source: 'console.log(`cwd=${process.cwd()}`);\nconsole.log(`mark=${process.env.RUNNER_TEST_MARK}`);\nconsole.log(`plotly=${process.env.RECSYS_RUNNER_PLOTLY_SRC}`);' },
    ]),
  );
  return file;
}

const jobs: Record<string, [string, RunOptions]> = {
  basic: [fixture("basic.ipynb"), { outDir: shared }],
  basicOverride: [fixture("basic.ipynb"), { outDir: separate, params: { N: 5, LABEL: "over", GRID: [10, 20] } }],
  rng: [rngNotebook(), { outDir: shared, env: { RUNNER_TEST_MARK: "from-caller" } }],
  compile: [fixture("compile-error.ipynb"), { outDir: separate }],
  timeout: [fixture("timeout.ipynb"), { outDir: separate, timeoutSeconds: 3 }],
  asyncTimeout: [fixture("async-timeout.ipynb"), { outDir: separate, timeoutSeconds: 2 }],
};
const results: Record<string, RunResult> = {};

before(async () => {
  const queue = Object.entries(jobs);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, [file, options]] = next;
      results[name] = await runNotebook(file, { quiet: true, ...options });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
});

const code = (r: RunResult, index: number): CodeCell => r.notebook.cells[index] as CodeCell;
const texts = (outputs: Output[]): string[] =>
  outputs.map((o) => (o.output_type === "stream" ? `${o.name}:${sourceText(o.text)}` : o.output_type === "error" ? `error:${o.ename}` : `${o.output_type}:${Object.keys(o.data).join(",")}`));

describe("runNotebook", () => {
  test("runs a notebook and records stream, display_data and execute_result outputs", () => {
    const r = results.basic;
    assert.equal(r.ok, true, r.failureLine ?? "");
    assert.equal(r.failure, null);
    assert.deepEqual(r.cells.map((c) => c.executionCount), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(texts(code(r, 2).outputs), ["stdout:label=base n=3\n", "stderr:a warning\n", "stdout:step 3/3\n", "display_data:text/html"]);
    assert.deepEqual(texts(code(r, 3).outputs), ["display_data:image/png", "display_data:text/markdown", "display_data:text/plain"]);
    assert.deepEqual(code(r, 3).outputs[2], { output_type: "display_data", data: { "text/plain": ["done"] }, metadata: {} });
    assert.deepEqual(code(r, 5).outputs, [{ output_type: "execute_result", execution_count: 5, data: { "text/plain": ["6"] }, metadata: {} }]);
    assert.equal(plainText(code(r, 6).outputs[0]), "{ n: 3, label: 'base' }");
    assert.ok(r.startupSeconds !== null && r.startupSeconds > 0);
  });

  test("writes a valid nbformat 4 notebook with outputs, and leaves the source untouched", () => {
    const r = results.basic;
    assert.equal(r.outputNotebookPath, path.join(shared, "basic.ipynb"));
    const json = JSON.parse(fs.readFileSync(r.outputNotebookPath, "utf8"));
    assert.deepEqual(validateNotebook(json), []);
    for (const key of ["nbformat", "nbformat_minor", "metadata", "cells"]) assert.ok(key in json, key);
    assert.equal(json.nbformat, 4);
    assert.equal(json.metadata.kernelspec.name, "tslab");
    assert.equal(json.metadata.runner.status, "ok");
    assert.equal(json.cells[2].execution_count, 2);
    assert.equal(typeof json.cells[2].metadata.runner.duration_seconds, "number");
    assert.deepEqual(readNotebook(fixture("basic.ipynb")).cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : [])), []);
  });

  test("parameter overrides change the results and are shown in the executed parameters cell", () => {
    const r = results.basicOverride;
    assert.equal(r.ok, true, r.failureLine ?? "");
    assert.deepEqual(r.overridden, ["N", "LABEL", "GRID"]);
    assert.deepEqual(r.parameters, { N: 5, LABEL: "over", GRID: [10, 20] });
    assert.equal(plainText(code(r, 2).outputs[0]), "label=over n=5\n");
    assert.deepEqual(code(r, 5).outputs[0], { output_type: "execute_result", execution_count: 5, data: { "text/plain": ["10"] }, metadata: {} });
    const params = sourceText(r.notebook.cells[1].source);
    assert.match(params, /^const N = 5; \/\/ overridden by the runner; notebook default: 3$/m);
    assert.match(params, /^const LABEL = "over"; \/\/ overridden by the runner; notebook default: "base"$/m);
    assert.match(params, /^\/\/ Parameters/);
    assert.match(fs.readFileSync(r.htmlPath, "utf8"), /sum=30/);
  });

  test("imports ./src through a symlink (tslab.display works from imported modules), runs in the notebook's folder and passes the caller's environment", () => {
    const r = results.rng;
    assert.equal(r.ok, true, r.failureLine ?? "");
    assert.equal(plainText(code(r, 2).outputs[0]), String(new Rng(7).next()));
    assert.deepEqual(code(r, 3).outputs, [
      { output_type: "display_data", data: { "text/html": ['<span class="badge">from a module</span>'] }, metadata: {} },
    ]);
    const lines = plainText(code(r, 4).outputs[0]);
    assert.equal(lines, `cwd=${path.dirname(r.notebookPath)}\nmark=from-caller\nplotly=assets/plotly.min.js\n`);
    assert.equal(process.env[PLOTLY_SRC_ENV], undefined, "the parent's environment is not modified");
  });

  test("HTML report: rendered markdown, escaped code, outputs, and one shared Plotly bundle", () => {
    const html = fs.readFileSync(results.basic.htmlPath, "utf8");
    assert.match(html, /<script src="assets\/plotly\.min\.js"><\/script>[\s\S]*<\/head>/);
    assert.match(html, /<h1>Basic fixture<\/h1>/);
    assert.match(html, /<em>emphasis<\/em>/);
    assert.ok(html.includes("const cmp = 1 &lt; 2 &amp;&amp; &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;;"));
    assert.ok(html.includes('<div class="fixture-html">sum=6</div>'));
    assert.ok(html.includes('<script>Plotly.newPlot("chart-1", [{ x: [1, 2], y: [3, 6] }]);</script>'));
    assert.ok(html.includes("data:image/png;base64,"));
    assert.ok(html.includes("<strong>bold</strong>"));
    assert.ok(html.length < 100_000, "the bundle is not inlined");
    const bundles = fs.readdirSync(shared, { recursive: true }).map(String).filter((f) => f.endsWith("plotly.min.js"));
    assert.deepEqual(bundles, [path.join("assets", "plotly.min.js")]);
    assert.ok(fs.existsSync(path.join(shared, "rng.html")));
    assert.ok(fs.readdirSync(shared).every((f) => !f.endsWith(".tmp")));
  });

  test("a TypeScript compile error fails the cell with the diagnostic text", () => {
    const r = results.compile;
    assert.equal(r.ok, false);
    assert.equal(r.failure?.kind, "compile");
    assert.equal(r.failure?.executionCount, 3);
    const label = path.relative(process.cwd(), fixture("compile-error.ipynb"));
    assert.equal(
      r.failureLine,
      `${label}: cell 3 (execution count [3], file cell 3 of 4) failed: CompileError: 1:7 - Type 'string' is not assignable to type 'number'.`,
    );
    const error = code(r, 2).outputs.at(-1) as ErrorOutput;
    assert.equal(error.ename, "CompileError");
    assert.match(error.evalue, /Type 'string' is not assignable to type 'number'/);
    assert.deepEqual(texts(code(r, 1).outputs), ["stdout:compiles\n"]);
    assert.equal(code(r, 3).execution_count, null);
    assert.deepEqual(validateNotebook(JSON.parse(fs.readFileSync(r.outputNotebookPath, "utf8"))), []);
  });

  test("a synchronous infinite loop is killed at the time limit and leaves a partial notebook", () => {
    const r = results.timeout;
    assert.equal(r.ok, false);
    assert.equal(r.failure?.kind, "timeout");
    assert.equal(r.failure?.executionCount, 2);
    assert.match(r.failureLine ?? "", /timeout\.ipynb: cell 2 \(execution count \[2\], file cell 2 of 3\) failed: TimeoutError: cell did not finish within 3 s/);
    assert.deepEqual(texts(code(r, 1).outputs), ["stdout:looping\n", "error:TimeoutError"]);
    assert.equal(code(r, 2).execution_count, null);
    assert.ok(r.seconds < 30, `took ${r.seconds} s`);
    const saved = readNotebook(r.outputNotebookPath);
    assert.deepEqual(texts((saved.cells[1] as CodeCell).outputs), ["stdout:looping\n", "error:TimeoutError"]);
    assert.match(fs.readFileSync(r.htmlPath, "utf8"), /TimeoutError/);
  });

  test("an asynchronous cell is interrupted at the time limit", () => {
    const r = results.asyncTimeout;
    assert.equal(r.failure?.kind, "timeout");
    assert.deepEqual(texts(code(r, 1).outputs), ["stdout:waiting\n", "error:TimeoutError"]);
    assert.match((code(r, 1).outputs[1] as ErrorOutput).evalue, /within 2 s; the pending promise was interrupted/);
  });

  test("setup errors throw before anything runs", async () => {
    await assert.rejects(runNotebook(fixture("basic.ipynb"), { quiet: true, outDir: separate, params: { NOPE: 1 } }), /unknown parameter NOPE; .* declares: N, LABEL, GRID/);
    await assert.rejects(runNotebook(fixture("basic.ipynb"), { quiet: true, outDir: separate, params: { N: "x" } }), /parameter N is a number in the notebook/);
    await assert.rejects(runNotebook(fixture("basic.ipynb"), { quiet: true, outDir: path.dirname(fixture("basic.ipynb")) }), /output folder is the notebook's own folder/);
  });
});
