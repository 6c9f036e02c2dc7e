/**
 * The library cache seen from a notebook run (runNotebook, a kernel per run): cells are still type-checked
 * against the library, a type error in a cell fails it with the diagnostic, the cached code runs, a change to the
 * library reaches the next run, and a library with a type error is compiled by tslab and reported in the cell.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { CodeCell, createNotebook, ErrorOutput, runNotebook, RunResult, writeNotebook } from "../../src/runner";
import { plainText, tempDir } from "./helpers";
import { libraryFixture, writeDouble } from "./library-fixture";

/** Writes a notebook into the fixture's folder: the import cell, a typed use of `double`, and a print. */
function notebook(rootDir: string): string {
  const file = path.join(rootDir, "use-lib.ipynb");
  writeNotebook(
    file,
    createNotebook([
      { type: "code", source: "const X = 2;", tags: ["parameters"] },
      { type: "code", source: 'import { double, quad } from "./src/index";' },
      { type: "code", source: "const y: number = double(X);\nconsole.log(`y=${y} quad=${quad(3)}`);" },
    ]),
  );
  return file;
}

async function run(file: string): Promise<{ result: RunResult; lines: string[] }> {
  const lines: string[] = [];
  const result = await runNotebook(file, { outDir: tempDir("library-run-out-"), log: (l) => void lines.push(l) });
  return { result, lines };
}

const errorOf = (r: RunResult, index: number): ErrorOutput | undefined =>
  (r.notebook.cells[index] as CodeCell).outputs.find((o): o is ErrorOutput => o.output_type === "error");

describe("library cache in a notebook run", () => {
  test("type-checks cells against the cached declarations, runs the cached code, and follows library changes", async () => {
    const fx = libraryFixture("string");
    const file = notebook(fx.rootDir);

    const first = await run(file);
    assert.equal(first.result.ok, false);
    assert.ok(first.lines.some((l) => /library: built declarations and code/.test(l)), first.lines.join("\n"));
    const error = errorOf(first.result, 2);
    assert.equal(error?.ename, "CompileError");
    assert.match(error?.evalue ?? "", /1:7 - Type 'string' is not assignable to type 'number'\./);

    writeDouble(fx.libDir, "number");
    const second = await run(file);
    assert.equal(second.result.ok, true, second.result.failureLine ?? "");
    assert.ok(second.lines.some((l) => /library: built declarations and code/.test(l)), "the changed library is rebuilt");
    assert.equal(plainText((second.result.notebook.cells[2] as CodeCell).outputs[0]), "y=4 quad=12\n");

    const third = await run(file);
    assert.equal(third.result.ok, true, third.result.failureLine ?? "");
    assert.ok(third.lines.some((l) => /library: cached declarations and code/.test(l)), third.lines.join("\n"));
    assert.equal(plainText((third.result.notebook.cells[2] as CodeCell).outputs[0]), "y=4 quad=12\n");
    assert.equal(fs.readdirSync(path.join(fx.packageDir, "reports", ".cache", "tslab-library")).filter((n) => n.endsWith(".json")).length, 2);
  });

  test("a library with a type error is compiled by tslab, which reports the error in the importing cell", async () => {
    const fx = libraryFixture("number");
    fs.writeFileSync(path.join(fx.libDir, "math.ts"), 'export function double(x: number): number {\n  return "twice";\n}\n');
    const { result, lines } = await run(notebook(fx.rootDir));
    assert.equal(result.ok, false);
    assert.ok(lines.some((l) => /library has 1 type error\(s\) under tslab; tslab compiles src itself/.test(l)), lines.join("\n"));
    const error = errorOf(result, 1);
    assert.match(error?.evalue ?? "", /src\/math\.ts 2:3 - Type 'string' is not assignable to type 'number'\./);
  });
});
