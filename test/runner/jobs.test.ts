/**
 * `--jobs N`: two small seeded notebooks give the same outputs with --jobs 1 and --jobs 2; with --jobs 2 they run
 * at the same time, and each notebook's progress lines come out as one block (not interleaved).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { CodeCell, createNotebook, readNotebook, writeNotebook } from "../../src/runner";
import { ROOT, runCli, tempDir } from "./helpers";

function seededNotebook(dir: string, name: string, seed: number): string {
  const file = path.join(dir, `${name}.ipynb`);
  writeNotebook(
    file,
    createNotebook([
      { type: "code", source: `const SEED = ${seed};`, tags: ["parameters"] },
      { type: "code", source: 'import { Rng } from "./src/random/rng";\nconst rng = new Rng(SEED);\nconsole.log([1, 2, 3, 4].map(() => rng.next().toFixed(6)).join(" "));' },
      { type: "code", source: "await new Promise((resolve) => setTimeout(resolve, 2000));\nconsole.log(rng.int(1000));" },
      { type: "code", source: "rng.next()" },
    ]),
  );
  return file;
}

const outputsOf = (file: string) => readNotebook(file).cells.filter((c): c is CodeCell => c.cell_type === "code").map((c) => c.outputs);
const interval = (file: string) => {
  const meta = readNotebook(file).metadata.runner as { started: string; duration_seconds: number };
  const start = Date.parse(meta.started);
  return [start, start + meta.duration_seconds * 1000];
};

test("--jobs 1 and --jobs 2 give the same outputs; --jobs 2 overlaps the runs and keeps each notebook's lines together", { timeout: 240_000 }, async () => {
  const dir = tempDir("runner-jobs-");
  fs.symlinkSync(path.join(ROOT, "src"), path.join(dir, "src"), "dir");
  const notebooks = [seededNotebook(dir, "alpha", 11), seededNotebook(dir, "beta", 12)];
  const serial = await runCli([...notebooks, "--out", path.join(dir, "serial"), "--jobs", "1"]);
  assert.equal(serial.code, 0, serial.stderr);
  const parallel = await runCli([...notebooks, "--out", path.join(dir, "parallel"), "--jobs", "2"]);
  assert.equal(parallel.code, 0, parallel.stderr);
  for (const name of ["alpha", "beta"]) {
    const a = outputsOf(path.join(dir, "serial", `${name}.ipynb`));
    assert.deepEqual(outputsOf(path.join(dir, "parallel", `${name}.ipynb`)), a, name);
    assert.match(JSON.stringify(a[1]), /\d\.\d{6} \d\.\d{6}/, "the seeded draws were printed");
  }
  assert.notDeepEqual(outputsOf(path.join(dir, "serial", "alpha.ipynb"))[1], outputsOf(path.join(dir, "serial", "beta.ipynb"))[1], "different seeds, different draws");
  const [a0, a1] = interval(path.join(dir, "parallel", "alpha.ipynb"));
  const [b0, b1] = interval(path.join(dir, "parallel", "beta.ipynb"));
  assert.ok(a0 < b1 && b0 < a1, "with --jobs 2 the two notebooks ran at the same time");
  const owners = parallel.stderr.split("\n").filter((l) => /(alpha|beta)\.ipynb: /.test(l)).map((l) => (l.includes("alpha.ipynb: ") ? "alpha" : "beta"));
  const blocks = owners.filter((o, i) => i === 0 || o !== owners[i - 1]);
  assert.equal(blocks.length, 2, `one block per notebook, got ${owners.join(",")}`);
  assert.match(parallel.stdout, /^2 ok, 0 failed$/m);
  assert.match(parallel.stdout, /^ok {6}.*alpha\.ipynb[^\n]*\nok {6}.*beta\.ipynb/m, "summary in the notebooks' order");
});
