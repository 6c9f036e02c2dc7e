import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findMetricClaims } from "../../src/report/markdown-claims";
import { readNotebook } from "../../src/runner/nbformat";

const repo = path.resolve(__dirname, "..", "..");
const notebooks = fs.readdirSync(path.join(repo, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

test("no notebook's markdown holds a metric value of ours (results are printed by code)", () => {
  assert.ok(notebooks.length >= 8);
  for (const nb of notebooks) {
    const claims = findMetricClaims(readNotebook(path.join(repo, "notebooks", nb)));
    assert.deepEqual(claims, [], `${nb}: markdown states numbers; print them from the run instead:\n${claims.map((c) => `  cell ${c.cell} line ${c.line}: ${c.text}`).join("\n")}`);
  }
});

test("the check fails on a fixture that types its results, and lets cited published numbers pass", () => {
  const claims = findMetricClaims(readNotebook(path.join(__dirname, "fixtures", "typed-claims.ipynb")));
  assert.deepEqual(claims.map((c) => [c.cell, c.line]), [[0, 4], [2, 1]]);
  assert.match(claims[0].text, /^ALS MF \(0\.9183\)/);
});

test("every notebook ends with a computed conclusion: a last code cell that prints it", () => {
  for (const nb of notebooks) {
    const cells = readNotebook(path.join(repo, "notebooks", nb)).cells;
    const last = cells[cells.length - 1];
    assert.equal(last.cell_type, "code", `${nb}: the last cell must be the code that prints the conclusion`);
    const heading = cells[cells.length - 2];
    assert.match(Array.isArray(heading.source) ? heading.source.join("") : heading.source, /## Conclusion/, `${nb}: a "## Conclusion" heading before the last cell`);
  }
});
