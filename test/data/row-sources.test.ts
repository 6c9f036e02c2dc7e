/** RowSources: the line of every row across headers, blank lines, rows without lines and a change of file. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { RowSources } from "../../src/data/row-sources";
import { RatingsBuilder } from "../../src/data/ratings-builder";
import { readDelimitedInto } from "../../src/data/load-delimited";
import { DataFormatError } from "../../src/data/data-format-error";
import { tempDirWith } from "./tmp-files";

test("RowSources maps rows back to their file and line", () => {
  const s = new RowSources();
  [2, 3, 4, 7, 8].forEach((line, row) => s.record(row, "a.csv", line)); // header on 1, blank lines 5-6
  s.record(5, "a.csv", undefined);
  s.record(6, "b.csv", 1);
  s.record(7, "b.csv", 2);
  const lines = Array.from({ length: 8 }, (_, r) => s.sourceOf(r));
  assert.deepEqual(lines, [
    { file: "a.csv", line: 2 }, { file: "a.csv", line: 3 }, { file: "a.csv", line: 4 }, { file: "a.csv", line: 7 },
    { file: "a.csv", line: 8 }, { file: "a.csv" }, { file: "b.csv", line: 1 }, { file: "b.csv", line: 2 },
  ]);
  assert.equal(s.describe(3, "a.csv"), "line 7");
  assert.equal(s.describe(3, "b.csv"), "a.csv line 7");
  assert.equal(s.describe(5, "a.csv"), "row 6");
});

test("a pair repeated across two files read into one builder names both files", async () => {
  const dir = tempDirWith({ "a.csv": "u,i,r\n1,1,4\n2,1,3\n", "b.csv": "u,i,r\n\n2,2,5\n1,1,2\n" });
  const b = new RatingsBuilder({ name: "ab", scale: { min: 1, max: 5 } });
  const options = { header: true, columns: { user: "u", item: "i", rating: "r" } };
  await readDelimitedInto(b, { ...options, file: path.join(dir, "a.csv") });
  await readDelimitedInto(b, { ...options, file: path.join(dir, "b.csv") });
  assert.throws(() => b.build(), (e: unknown) => {
    assert.ok(e instanceof DataFormatError);
    assert.equal(e.file, path.join(dir, "b.csv"));
    assert.equal(e.line, 4);
    assert.match(e.detail, new RegExp(`^user "1" and item "1" appear again \\(first on ${path.join(dir, "a.csv").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} line 2;`));
    return true;
  });
});
