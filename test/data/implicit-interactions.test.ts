import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { confidenceOf, confidenceValues } from "../../src/data/implicit-confidence";
import { IMPLICIT_COUNT_SCALE, interactionCounts, toImplicit } from "../../src/data/implicit-interactions";
import { loadDelimited } from "../../src/data/load-delimited";
import type { Ratings } from "../../src/data/ratings";
import { tempDirWith } from "./tmp-files";

/** Ratings from rows [user, item, value, timestamp]. */
function ratings(rows: [number, number, number, number][], numUsers: number, numItems: number): Ratings {
  return {
    indexId: "implicit-interactions", name: "t",
    users: Int32Array.from(rows, (r) => r[0]),
    items: Int32Array.from(rows, (r) => r[1]),
    values: Float32Array.from(rows, (r) => r[2]),
    timestamps: Float64Array.from(rows, (r) => r[3]),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers,
    numItems,
    size: rows.length,
    scale: { min: 1, max: 5, step: 1 },
  };
}

// u1 rated i2; u0 rated i1 twice (5 stars at t=10, 3 stars at t=20) and i0 once (2 stars at t=5).
const r = ratings([[1, 2, 4, 7], [0, 1, 5, 10], [0, 0, 2, 5], [0, 1, 3, 20]], 2, 3);

test("duplicated pairs are summed into one count and keep their latest timestamp; rows sorted by user, item", () => {
  const c = interactionCounts(r);
  assert.deepEqual(Array.from(c.users), [0, 0, 1]);
  assert.deepEqual(Array.from(c.items), [0, 1, 2]);
  assert.deepEqual(Array.from(c.values), [1, 2, 1]);
  assert.deepEqual(Array.from(c.timestamps!), [5, 20, 7]);
  assert.equal(c.size, 3);
  assert.deepEqual(c.scale, { min: 1, max: 2 });
  assert.equal(c.numItems, 3);
  assert.equal(c.userIds, r.userIds);
});

test("a threshold keeps only rows with value >= threshold, before summing", () => {
  const c = interactionCounts(r, { threshold: 4 });
  // kept: (u1, i2, 4) and (u0, i1, 5); the 3-star duplicate and the 2-star row go
  assert.deepEqual(Array.from(c.users), [0, 1]);
  assert.deepEqual(Array.from(c.items), [1, 2]);
  assert.deepEqual(Array.from(c.values), [1, 1]);
  assert.deepEqual(Array.from(c.timestamps!), [10, 7]);
});

test("confidences: binary 1, linear 1 + alpha * count, log 1 + alpha * ln(1 + count / epsilon)", () => {
  assert.deepEqual(Array.from(toImplicit(r).values), [1, 1, 1]);
  // counts 1, 2, 1 with alpha 2: 3, 5, 3
  const lin = toImplicit(r, { confidence: { scheme: "linear", alpha: 2 } });
  assert.deepEqual(Array.from(lin.values), [3, 5, 3]);
  assert.deepEqual(lin.scale, { min: 3, max: 5 });
  // alpha 2, epsilon 0.5: count 1 -> 1 + 2 ln 3 = 3.1972246; count 2 -> 1 + 2 ln 5 = 4.2188758
  const log = toImplicit(r, { confidence: { scheme: "log", alpha: 2, epsilon: 0.5 } });
  assert.ok(Math.abs(log.values[0] - 3.1972246) < 1e-6 && Math.abs(log.values[1] - 4.2188758) < 1e-6, `${log.values}`);
  assert.equal(confidenceOf(40, { scheme: "linear", alpha: 40 }), 1601);
});

test("bad confidence settings and thresholds are errors naming the parameter", () => {
  assert.throws(() => toImplicit(r, { confidence: { scheme: "linear" } }), /alpha must be a finite number > 0/);
  assert.throws(() => toImplicit(r, { confidence: { scheme: "log", alpha: 1 } }), /epsilon must be a finite number > 0/);
  assert.throws(() => toImplicit(r, { confidence: { scheme: "square" as "log" } }), /scheme must be/);
  assert.throws(() => interactionCounts(r, { threshold: NaN }), /threshold must be a finite number/);
  assert.throws(() => interactionCounts(r, { countFrom: "sum" as "rows" }), /countFrom must be/);
  assert.throws(() => confidenceValues([1, 0], { scheme: "binary" }), /counts\[1\] must be a positive/);
});

test("count data loads through loadDelimited and is summed per pair from its values", async () => {
  const dir = tempDirWith({
    "plays.csv": "user,artist,plays\nann,abba,3\nann,bach,0\nbob,abba,2\nann,abba,4\nbob,cage,1.5\n",
  });
  const plays = await loadDelimited({
    file: path.join(dir, "plays.csv"),
    header: true,
    columns: { user: "user", item: "artist", rating: "plays" },
    scale: IMPLICIT_COUNT_SCALE,
    values: "counts",
    duplicates: "sum", // the repeated ann-abba rows are an error by default
  });
  const x = toImplicit(plays, { countFrom: "values", confidence: { scheme: "linear", alpha: 0.5 } });
  const rows = Array.from(x.users, (u, k) => `${x.userIds[u]} ${x.itemIds[x.items[k]]} ${x.values[k]}`);
  // ann-abba: 3 + 4 = 7 -> 1 + 0.5 * 7 = 4.5; ann-bach: 0 plays, dropped; bob-abba: 2 -> 2; bob-cage: 1.5 -> 1.75
  assert.deepEqual(rows, ["ann abba 4.5", "bob abba 2", "bob cage 1.75"]);
  assert.equal(x.name, "plays");
  assert.deepEqual(Array.from(interactionCounts(plays, { countFrom: "values" }).values), [7, 2, 1.5]);
  // Read on IMPLICIT_COUNT_SCALE, the values are counts by default (issue 10: they were silently counted as rows).
  assert.deepEqual(Array.from(interactionCounts(plays).values), [7, 2, 1.5]);
  // The loader already summed the repeated ann-abba lines into one row, so counting rows gives one per pair.
  assert.deepEqual(Array.from(interactionCounts(plays, { countFrom: "rows" }).values), [1, 1, 1, 1]);
});

test("negative counts are errors", async () => {
  const dir = tempDirWith({ "neg.tsv": "a\tx\t2\nb\tx\t-2\n" });
  const counts = await loadDelimited({ file: path.join(dir, "neg.tsv"), delimiter: "\t", header: false, columns: { user: 0, item: 1, rating: 2 }, scale: IMPLICIT_COUNT_SCALE });
  assert.throws(() => interactionCounts(counts, { countFrom: "values" }), /item x\) has -2; weights need values >= 0 .*use countFrom "rows"/);
});
