/**
 * The command line, run as the lead will run it: `node --import tsx src/runner/cli.ts ...`.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { CodeCell, createNotebook, readNotebook, writeNotebook } from "../../src/runner";
import { fixture, plainText, runCli, tempDir } from "./helpers";

const failLabel = path.join("test", "runner", "fixtures", "fail.ipynb");

describe("cli", { concurrency: true }, () => {
  test("a failing cell: non-zero exit, cell number and message, partial notebook and HTML; later notebooks still run", async () => {
    const out = tempDir();
    const tiny = path.join(tempDir(), "tiny.ipynb");
    writeNotebook(tiny, createNotebook([{ type: "code", source: "const N = 1;", tags: ["parameters"] }, { type: "code", source: "N + 1" }]));
    const run = await runCli([failLabel, tiny, "--out", out, "--quiet"]);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(
      run.stderr.includes(`${failLabel}: cell 3 (execution count [3], file cell 4 of 5) failed: Error: boom\n`),
      run.stderr,
    );
    assert.match(run.stdout, new RegExp(`^FAILED  ${failLabel.replace(/\./g, "\\.")} .*failed: Error: boom$`, "m"));
    assert.match(run.stdout, /^ok {6}.*tiny\.ipynb .*tiny\.html$/m);
    assert.match(run.stdout, /^1 ok, 1 failed$/m);
    const nb = readNotebook(path.join(out, "fail.ipynb"));
    const cells = nb.cells.filter((c): c is CodeCell => c.cell_type === "code");
    assert.deepEqual(cells.map((c) => c.execution_count), [1, 2, 3, null]);
    assert.deepEqual(cells[1].outputs, [{ output_type: "stream", name: "stdout", text: ["before the failure\n"] }]);
    const error = cells[2].outputs[0];
    assert.ok(error.output_type === "error");
    assert.equal(error.ename, "Error");
    assert.equal(error.evalue, "boom");
    assert.match(error.traceback[0], /^Error: boom$/);
    assert.deepEqual(cells[3].outputs, []);
    const html = fs.readFileSync(path.join(out, "fail.html"), "utf8");
    assert.match(html, /before the failure/);
    assert.match(html, /Error: boom/);
    assert.ok(fs.existsSync(path.join(out, "tiny.ipynb")));
  });

  test("all notebooks succeed: exit code 0", async () => {
    const dir = tempDir();
    const nbPath = path.join(dir, "ok.ipynb");
    writeNotebook(nbPath, createNotebook([{ type: "code", source: 'const WHO = "x";', tags: ["parameters"] }, { type: "code", source: "WHO.length" }]));
    const run = await runCli([nbPath, "--out", path.join(dir, "out"), "--param", "WHO=abc", "--timeout-seconds", "60"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /ok\.ipynb: cell \[2\] \(2\/2\) ok/, "per-cell progress lines");
    assert.match(run.stdout, /^1 ok, 0 failed$/m);
    const cell = readNotebook(path.join(dir, "out", "ok.ipynb")).cells[1] as CodeCell;
    assert.equal(plainText(cell.outputs[0]), "3");
  });

  test("a DATASET of one's own is not recorded into results/ unless --record is given", async () => {
    const dir = tempDir();
    const nbPath = path.join(dir, "own.ipynb");
    const cells = [
      { type: "code" as const, source: 'const DATASET = "ml-latest-small"; // [string]', tags: ["parameters"] },
      { type: "code" as const, source: 'console.log(`record=${process.env.RECSYS_RECORD_RESULTS ?? "unset"}`)' },
    ];
    writeNotebook(nbPath, createNotebook(cells));
    const recordLine = (out: string): string => {
      const cell = readNotebook(path.join(out, "own.ipynb")).cells[1] as CodeCell;
      return plainText(cell.outputs[0]).trim();
    };
    const own = await runCli([nbPath, "--out", path.join(dir, "a"), "--quiet", "--param", "DATASET=my-data/plays.tsv"]);
    assert.equal(own.code, 0, own.stderr);
    assert.match(own.stderr, /DATASET=my-data\/plays\.tsv is data of your own: results go to .*scratch-results, not results\/ \(--record records them there\)/);
    assert.notEqual(recordLine(path.join(dir, "a")), "record=1");
    const forced = await runCli([nbPath, "--out", path.join(dir, "b"), "--quiet", "--record", "--param", "DATASET=my-data/plays.tsv"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(recordLine(path.join(dir, "b")), "record=1");
    const registered = await runCli([nbPath, "--out", path.join(dir, "c"), "--quiet", "--param", "DATASET=ml-100k"]);
    assert.equal(registered.code, 0, registered.stderr);
    assert.equal(recordLine(path.join(dir, "c")), "record=1");
  });

  test("an unknown parameter is a usage error listing the known names: exit 2, nothing runs", async () => {
    const out = tempDir();
    const run = await runCli([fixture("basic.ipynb"), "--out", out, "--param", "NOPE=3"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: .*basic\.ipynb: unknown parameter NOPE; the parameters cell \(cell 2\) declares: N, LABEL, GRID\n$/);
    assert.equal(run.stdout, "");
    assert.deepEqual(fs.readdirSync(out), [], "no kernel started, nothing written");
  });

  test("a type change is a usage error", async () => {
    const run = await runCli([fixture("basic.ipynb"), "--out", tempDir(), "--param", "N=abc"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: .*basic\.ipynb: parameter N is a number in the notebook \(line 2: 3\) but the override is a string \("abc"\)/);
  });

  test("a value outside the declared range is refused before the kernel starts: exit 2 naming notebook, parameter, value, range", async () => {
    const dir = tempDir();
    const nbPath = path.join(dir, "ranged.ipynb");
    writeNotebook(nbPath, createNotebook([{ type: "code", source: "const DIM = 64; // [integer >= 1] factors", tags: ["parameters"] }, { type: "code", source: "DIM" }]));
    const started = Date.now();
    const run = await runCli([nbPath, "--out", path.join(dir, "out"), "--param", "DIM=-5"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: .*ranged\.ipynb: parameter DIM=-5 is not allowed \(out of range\); allowed: \[integer >= 1\] \(parameters cell, line 1\)\n$/);
    assert.equal(fs.existsSync(path.join(dir, "out")), false);
    assert.ok(Date.now() - started < 15_000);
  });

  const usage: [string, string[], RegExp][] = [
    ["a bad option", ["--bogus"], /^error: unknown option --bogus \(see --help\)\n$/],
    ["an unknown notebook path", ["notebooks/no-such.ipynb"], /^error: notebook notebooks\/no-such\.ipynb does not exist \(paths are relative to .*\)\n$/],
    ["a folder given as notebook", ["notebooks"], /^error: notebook notebooks is not a file\n$/],
    ["a file that is not a notebook", ["package.json"], /^error: notebook package\.json is not an \.ipynb file\n$/],
    ["a bad timeout", ["--timeout-seconds", "-1"], /^error: --timeout-seconds expects a positive number, got "-1"\n$/],
  ];
  for (const [what, argv, message] of usage) {
    test(`usage error, ${what}: exit 2, one line, no stack trace`, async () => {
      const run = await runCli(argv);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }
});
