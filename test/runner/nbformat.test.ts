import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  CodeCell,
  createNotebook,
  findCellsWithOutputs,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  sourceText,
  stripOutputs,
  toLines,
  validateNotebook,
  writeFileAtomic,
  writeNotebook,
} from "../../src/runner";
import { FIXTURES } from "./fixtures/generate-fixtures";
import { fixture, tempDir } from "./helpers";

describe("nbformat helpers", () => {
  test("toLines and sourceText round-trip", () => {
    assert.deepEqual(toLines("a\nb\n"), ["a\n", "b\n"]);
    assert.deepEqual(toLines("a\nb"), ["a\n", "b"]);
    assert.deepEqual(toLines(""), []);
    assert.equal(sourceText(["a\n", "b"]), "a\nb");
    assert.equal(sourceText("x"), "x");
  });

  test("createNotebook builds a valid tslab notebook with unique ids and tags", () => {
    const nb = createNotebook([
      { type: "markdown", source: "# Title\n" },
      { type: "code", source: "const A = 1;", tags: ["parameters"] },
      { type: "code", source: "A" },
      { type: "code", source: "A" },
    ]);
    assert.deepEqual(validateNotebook(JSON.parse(serializeNotebook(nb))), []);
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformat_minor, 5);
    assert.deepEqual(nb.metadata.kernelspec, { display_name: "TypeScript", language: "typescript", name: "tslab" });
    assert.equal(new Set(nb.cells.map((c) => c.id)).size, 4);
    assert.deepEqual(nb.cells[1].metadata, { tags: ["parameters"] });
    assert.deepEqual(nb.cells[0].source, ["# Title"]);
    assert.deepEqual(createNotebook([{ type: "code", source: "A" }]).cells[0].id, createNotebook([{ type: "code", source: "A" }]).cells[0].id);
  });

  test("committed fixtures are what the generator writes, clean and valid", () => {
    for (const [name, nb] of Object.entries(FIXTURES)) {
      assert.equal(fs.readFileSync(fixture(name), "utf8"), serializeNotebook(nb), `${name} is stale: run generate-fixtures.ts`);
      assert.deepEqual(findCellsWithOutputs(readNotebook(fixture(name))), [], name);
      assert.deepEqual(validateNotebook(JSON.parse(fs.readFileSync(fixture(name), "utf8"))), [], name);
    }
  });

  test("stripOutputs clears outputs, counts and runner metadata without touching the input", () => {
    const nb = createNotebook([{ type: "code", source: "1" }, { type: "markdown", source: "m" }]);
    const cell = nb.cells[0] as CodeCell;
    cell.outputs.push({ output_type: "stream", name: "stdout", text: ["x\n"] });
    cell.execution_count = 7;
    cell.metadata.runner = { duration_seconds: 1 };
    nb.metadata.runner = { status: "ok" };
    assert.deepEqual(findCellsWithOutputs(nb), [{ index: 0, outputs: 1, executionCount: 7 }]);
    const clean = stripOutputs(nb);
    assert.deepEqual(findCellsWithOutputs(clean), []);
    assert.equal(clean.metadata.runner, undefined);
    assert.deepEqual(clean.cells[0].metadata, {});
    assert.equal(cell.outputs.length, 1, "input untouched");
  });

  test("serialization is Jupyter-style: sorted keys, indent 1, trailing newline", () => {
    const text = serializeNotebook(createNotebook([{ type: "code", source: "1" }]));
    assert.ok(text.endsWith("}\n"));
    assert.match(text, /^\{\n "cells": \[/);
    assert.ok(text.indexOf('"metadata"') < text.indexOf('"nbformat"'));
  });

  test("parseNotebook gives clear errors", () => {
    assert.throws(() => parseNotebook("{", "x.ipynb"), /x\.ipynb: not valid JSON/);
    assert.throws(() => parseNotebook('{"nbformat": 3, "cells": []}', "x.ipynb"), /x\.ipynb: only nbformat 4 is supported \(found 3\)/);
    assert.throws(() => parseNotebook('{"nbformat": 4, "cells": [{"cell_type": "heading"}]}', "x.ipynb"), /cell 1 has unknown cell_type "heading"/);
    const nb = parseNotebook('{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": "1"}]}', "x");
    assert.deepEqual(nb.cells[0], { cell_type: "code", source: "1", metadata: {}, outputs: [], execution_count: null });
  });

  test("validateNotebook reports missing and unknown keys, bad outputs and ids", () => {
    const problems = validateNotebook({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: "code", id: "a", source: "", metadata: {}, outputs: [{ output_type: "stream", text: "x" }] },
        { cell_type: "markdown", id: "a", source: 3, metadata: {}, outputs: [] },
        { cell_type: "code", id: "b", source: "", metadata: {}, execution_count: 1, outputs: [{ output_type: "error", ename: "E", evalue: "v" }] },
        { cell_type: "code", id: "c", source: [], metadata: {}, execution_count: -1, outputs: [{ output_type: "display_data", data: { "text/plain": 1 }, metadata: {} }] },
      ],
    });
    assert.deepEqual(problems, [
      'cell 1: missing required key "execution_count"',
      'cell 1, output 1: missing required key "name"',
      'cell 2: key "outputs" is not allowed',
      'cell 2: duplicate id "a"',
      'cell 2: "source" must be a string or list of strings',
      'cell 3, output 1: missing required key "traceback"',
      "cell 4: execution_count must be a non-negative integer or null",
      'cell 4, output 1: data["text/plain"] must be a string or list of strings',
    ]);
  });

  test("writes are atomic and leave no temporary files", () => {
    const dir = tempDir();
    const dest = path.join(dir, "sub", "nb.ipynb");
    writeNotebook(dest, createNotebook([{ type: "code", source: "1" }]));
    writeFileAtomic(dest, serializeNotebook(createNotebook([{ type: "code", source: "2" }])));
    assert.deepEqual(fs.readdirSync(path.dirname(dest)), ["nb.ipynb"]);
    assert.equal(sourceText(readNotebook(dest).cells[0].source), "2");
  });
});
