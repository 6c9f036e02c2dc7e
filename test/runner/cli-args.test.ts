import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { listNotebooks, parseCliArgs, UsageError } from "../../src/runner";
import { defaultJobs } from "../../src/runner/cli-args";
import { tempDir } from "./helpers";

describe("command line", () => {
  test("defaults", () => {
    assert.deepEqual(parseCliArgs([]), { notebooks: [], params: {}, outDir: "reports", timeoutSeconds: 3600, quiet: false, jobs: defaultJobs(), record: true, recordForced: false, help: false });
    assert.ok(defaultJobs() >= 1);
  });

  test("notebooks, repeated params, out, timeout, both option forms", () => {
    const args = parseCliArgs(["a.ipynb", "--param", "N=5", "--param=NAME=mf", "b.ipynb", "--out=out", "--timeout-seconds", "2.5", "--quiet"]);
    assert.deepEqual(args.notebooks, ["a.ipynb", "b.ipynb"]);
    assert.deepEqual(args.params, { N: 5, NAME: "mf" });
    assert.equal(args.outDir, "out");
    assert.equal(args.timeoutSeconds, 2.5);
    assert.equal(args.quiet, true);
    assert.equal(args.record, true, "recording into results/ is the default of npm run experiments");
    assert.equal(parseCliArgs(["--no-record"]).record, false);
    assert.equal(parseCliArgs(["--record"]).recordForced, true);
    assert.equal(parseCliArgs(["--jobs", "3"]).jobs, 3);
    assert.equal(parseCliArgs(["--jobs=1"]).jobs, 1);
  });

  const bad: [string[], RegExp][] = [
    [["--nope"], /unknown option --nope/],
    [["--out"], /--out needs a value/],
    [["--timeout-seconds", "0"], /positive number/],
    [["--timeout-seconds", "x"], /positive number/],
    [["--param", "N"], /NAME=VALUE/],
    [["--jobs", "0"], /--jobs expects an integer >= 1, got "0"/],
    [["--jobs", "1.5"], /--jobs expects an integer >= 1/],
    [["--param", "N=1", "--param", "N=2"], /--param N is given more than once/],
  ];
  for (const [argv, message] of bad) {
    test(`rejects ${argv.join(" ")}`, () => {
      assert.throws(() => parseCliArgs(argv), (e: Error) => e instanceof UsageError && message.test(e.message));
    });
  }

  test("lists notebooks in name order", () => {
    const dir = tempDir();
    for (const name of ["b.ipynb", "a.ipynb", "10-x.ipynb", "2-y.ipynb", "notes.md", ".hidden.ipynb"]) fs.writeFileSync(path.join(dir, name), "{}");
    assert.deepEqual(listNotebooks(dir).map((p) => path.basename(p)), ["10-x.ipynb", "2-y.ipynb", "a.ipynb", "b.ipynb"]);
    assert.throws(() => listNotebooks(path.join(dir, "missing")), UsageError);
  });
});
