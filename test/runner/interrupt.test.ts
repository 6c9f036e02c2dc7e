/**
 * SIGINT / SIGTERM during a long cell: the CLI stops the kernel, writes the executed notebook and the HTML report
 * with the cells that ran and the interruption marked, removes its journal, leaves the results folder as it was
 * (the unfinished cell's recordResult is never written), and exits 130 / 143.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { CodeCell, createNotebook, MarkdownCell, readNotebook, sourceText, writeNotebook } from "../../src/runner";
import { plainText, ROOT, tempDir } from "./helpers";

/** A notebook whose third code cell records a result, signals that it started (a marker file) and sleeps. */
function longCellNotebook(marker: string): string {
  const dir = tempDir("runner-interrupt-nb-");
  fs.symlinkSync(path.join(ROOT, "src"), path.join(dir, "src"), "dir");
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const file = path.join(dir, "long.ipynb");
  const record = [
    'import { recordResult } from "./src/report/results-store";',
    "const entry = {",
    '  notebook: "long", title: "Long", dataset: { name: "planted", ratings: 1, users: 1, items: 1 }, protocol: "none",',
    '  seed: 1, parameters: {}, rows: [], environment: { backend: "cpu", tfjs: "x", node: "x", cpu: "x", os: "x", commit: null },',
    '  finishedAt: "2026-01-01T00:00:00.000Z", totalSeconds: 0,',
    "};",
    "recordResult(entry);",
    `require("fs").writeFileSync(${JSON.stringify(marker)}, "started");`,
    'console.log("long cell started");',
    "await new Promise((resolve) => setTimeout(resolve, 120_000));",
  ].join("\n");
  writeNotebook(
    file,
    createNotebook([
      { type: "code", source: "const PAUSE = 1;", tags: ["parameters"] },
      { type: "code", source: 'console.log("first cell ran");' },
      { type: "code", source: record },
      { type: "code", source: 'console.log("never");' },
    ]),
  );
  return file;
}

async function waitFor(file: string, child: { exitCode: number | null }, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (!fs.existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`the CLI exited (${child.exitCode}) before the long cell started`);
    if (Date.now() > until) throw new Error("the long cell did not start in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

async function interruptRun(signal: "SIGINT" | "SIGTERM") {
  const scratch = tempDir("runner-interrupt-");
  const marker = path.join(scratch, "started");
  const results = path.join(scratch, "results");
  const tmp = path.join(scratch, "tmp");
  const out = path.join(scratch, "out");
  fs.mkdirSync(results);
  fs.mkdirSync(tmp);
  fs.writeFileSync(path.join(results, "long.json"), '{ "notebook": "long", "entries": {} }\n');
  const before = snapshot(results);
  const nb = longCellNotebook(marker);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "runner", "cli.ts"), nb, "--out", out], {
    cwd: ROOT,
    env: { ...process.env, RECSYS_RESULTS_DIR: results, TMPDIR: tmp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await waitFor(marker, child, 120_000);
  child.kill(signal);
  const code = await closed;
  return { code, stderr, stdout, out, results, before, tmp };
}

describe("interrupting npm run experiments", { concurrency: true }, () => {
  for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    test(`${signal}: partial notebook and report with the interruption marked, no journal, results untouched, exit ${exitCode}`, { timeout: 240_000 }, async () => {
      const run = await interruptRun(signal);
      assert.equal(run.code, exitCode, run.stderr);
      assert.match(run.stderr, new RegExp(`${signal} received: stopping the kernel and writing the partial report`));
      assert.match(run.stderr, new RegExp(`long\\.ipynb: interrupted by ${signal} during cell 3 \\(execution count \\[3\\], file cell 3 of 4\\)`));
      assert.match(run.stdout, /^FAILED .*long\.ipynb .*interrupted by/m);

      const nb = readNotebook(path.join(run.out, "long.ipynb"));
      assert.equal(nb.cells.length, 5, "the four cells and the final marker");
      const code = nb.cells.slice(0, 4) as CodeCell[];
      assert.deepEqual(code.map((c) => c.execution_count), [1, 2, 3, null]);
      assert.equal(plainText(code[1].outputs[0]), "first cell ran\n");
      assert.equal(plainText(code[2].outputs[0]), "long cell started\n");
      const error = code[2].outputs[code[2].outputs.length - 1];
      assert.ok(error.output_type === "error");
      assert.equal(error.ename, "Interrupted");
      assert.equal(error.evalue, `interrupted by ${signal}: the run was stopped while this cell ran; the cells below did not run`);
      assert.deepEqual(code[3].outputs, []);
      const marker = nb.cells[4] as MarkdownCell;
      assert.equal(marker.cell_type, "markdown");
      assert.match(sourceText(marker.source), new RegExp(`^\\*\\*Run interrupted by ${signal}\\*\\* during cell \\[3\\] at `));
      assert.equal((nb.metadata.runner as { status: string }).status, "interrupted");

      const html = fs.readFileSync(path.join(run.out, "long.html"), "utf8");
      assert.match(html, /first cell ran/);
      assert.match(html, /long cell started/);
      assert.match(html, new RegExp(`Run interrupted by ${signal}`));
      assert.match(html, new RegExp(`Interrupted: interrupted by ${signal}`));

      assert.deepEqual(fs.readdirSync(run.tmp).filter((f) => f.startsWith("nbrun-")), [], "journal removed");
      assert.deepEqual(snapshot(run.results), run.before, "the unfinished cell recorded nothing");
    });
  }
});
