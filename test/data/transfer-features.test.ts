import { test } from "node:test";
import assert from "node:assert/strict";
import { categoricalColumn, featureTable, multiHotColumn, numericColumn } from "../../src/data/feature-columns";
import { transferFeatures } from "../../src/data/transfer-features";

test("transferFeatures re-indexes every kind of column by id; unknown ids are missing", () => {
  const table = featureTable(3, [
    categoricalColumn("g", ["M", "F", "M"], ["M", "F"]),
    numericColumn("age", [20, 30, 40]),
    multiHotColumn("genres", [["x"], ["y"], ["x", "y"]], ["x", "y"]),
  ]);
  const out = transferFeatures(table, ["a", "b", "c"], ["c", "z", "a"]);
  assert.equal(out.rows, 3);
  const [g, age, genres] = out.columns;
  assert.ok(g.kind === "categorical" && age.kind === "numeric" && genres.kind === "multi-hot");
  if (g.kind === "categorical") assert.deepEqual(Array.from(g.codes), [0, -1, 0]);
  if (age.kind === "numeric") assert.deepEqual(Array.from(age.values), [40, NaN, 20]);
  if (genres.kind === "multi-hot") assert.deepEqual(Array.from(genres.matrix), [1, 1, 0, 0, 1, 0]);
  assert.throws(() => transferFeatures(table, ["a"], ["a"]), /transferFeatures: the feature table has 3 rows but 1 ids/);
});
