import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, sourceText } from "../../src/runner/nbformat";

const repo = path.resolve(__dirname, "..", "..");
const notebooks = fs.readdirSync(path.join(repo, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
/** Contract C1: a bracketed spec opens the trailing comment of every parameter. */
const SPEC = /^const [A-Z][A-Z0-9_]* = .*; *\/\/ \[(integer|number|string|boolean)(\[\])?( [^\]]*(\[[^\]]*[\])][^\]]*)?)?\] /;

test("every parameter of every notebook carries its allowed values (contract C1)", () => {
  for (const nb of notebooks) {
    const cell = readNotebook(path.join(repo, "notebooks", nb)).cells.find((c) => c.metadata?.tags?.includes("parameters"));
    assert.ok(cell, `${nb}: no parameters cell`);
    const lines = sourceText(cell.source).split("\n").filter((l) => l.startsWith("const "));
    assert.ok(lines.length > 0, `${nb}: no parameters`);
    for (const line of lines) assert.match(line, SPEC, `${nb}: add a [spec] to: ${line}`);
  }
});

test("the spec pattern rejects a parameter without one", () => {
  assert.doesNotMatch("const DIM = 64; // latent factors", SPEC);
  assert.match("const F = 0.1; // [number in [0, 1)] share", SPEC);
  assert.match('const P = "a"; // [string one of "a", "b"] preset', SPEC);
});
