import { test } from "node:test";
import assert from "node:assert/strict";
import { DataFormatError, formatLocation, quoteField } from "../../src/data/data-format-error";

test("DataFormatError names file and line in its message", () => {
  const e = new DataFormatError("ratings.csv", 17, 'rating "abc" is not a number');
  assert.equal(e.message, 'ratings.csv line 17: rating "abc" is not a number');
  assert.equal(e.file, "ratings.csv");
  assert.equal(e.line, 17);
  assert.equal(e.detail, 'rating "abc" is not a number');
  assert.equal(e.name, "DataFormatError");
  assert.ok(e instanceof DataFormatError);
  assert.ok(e instanceof Error);
});

test("DataFormatError without a line names the file only", () => {
  const e = new DataFormatError("/x/u.data", undefined, "file is empty");
  assert.equal(e.message, "/x/u.data: file is empty");
  assert.equal(e.line, undefined);
});

test("formatLocation and quoteField", () => {
  assert.equal(formatLocation("a.dat", 3), "a.dat line 3");
  assert.equal(formatLocation("a.dat"), "a.dat");
  assert.equal(quoteField("abc"), '"abc"');
  assert.equal(quoteField("x".repeat(100), 5), '"xxxxx..."');
});
