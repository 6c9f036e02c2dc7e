import { test } from "node:test";
import assert from "node:assert/strict";
import { RatingsBuilder, checkScale, describeScale } from "../../src/data/ratings-builder";
import { IdIndex, canonicalUint } from "../../src/data/id-index";
import { DataFormatError } from "../../src/data/data-format-error";
import { meanRating } from "../../src/data/ratings";

test("dense indices follow first appearance; id maps and counts are right", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5, step: 1 }, file: "r.dat" });
  b.add("u9", "i3", 4, 100, 1);
  b.add("u2", "i3", 5, 101, 2);
  b.add("u9", "i1", 1, 102, 3);
  const r = b.build();
  assert.equal(r.name, "t");
  assert.deepEqual(Array.from(r.users), [0, 1, 0]);
  assert.deepEqual(Array.from(r.items), [0, 0, 1]);
  assert.deepEqual(Array.from(r.values), [4, 5, 1]);
  assert.deepEqual(Array.from(r.timestamps!), [100, 101, 102]);
  assert.deepEqual(r.userIds, ["u9", "u2"]);
  assert.deepEqual(r.itemIds, ["i3", "i1"]);
  assert.equal(r.numUsers, 2);
  assert.equal(r.numItems, 2);
  assert.equal(r.size, 3);
  assert.deepEqual(r.scale, { min: 1, max: 5, step: 1 });
  assert.ok(r.users instanceof Int32Array && r.values instanceof Float32Array && r.timestamps instanceof Float64Array);
  assert.equal(meanRating(r), 10 / 3);
});

test("pre-registered ids keep their indices, even without ratings", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 } });
  assert.equal(b.registerUser("3"), 0);
  assert.equal(b.registerUser("1"), 1);
  assert.equal(b.registerUser("2"), 2);
  b.add("2", "a", 3);
  b.add("3", "a", 3);
  const r = b.build();
  assert.deepEqual(r.userIds, ["3", "1", "2"]);
  assert.deepEqual(Array.from(r.users), [2, 0]);
  assert.equal(r.numUsers, 3);
  assert.equal(r.timestamps, undefined);
  assert.ok(!("timestamps" in r));
});

test("the arrays grow past the initial capacity and are trimmed to size", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 0, max: 1000 }, initialCapacity: 16 });
  for (let k = 0; k < 1000; k++) b.addIndexed(b.users.internInt(k % 7), b.items.internInt(k), k, k * 10); // all pairs distinct
  const r = b.build();
  assert.equal(r.size, 1000);
  assert.equal(r.users.length, 1000);
  assert.equal(r.users.buffer.byteLength, 4000);
  assert.equal(r.values[999], 999);
  assert.equal(r.timestamps![999], 9990);
  assert.equal(r.numUsers, 7);
  assert.equal(r.numItems, 1000);
  assert.throws(() => b.build(), /already built/);
});

test("ratings off the declared scale are DataFormatErrors naming file and line", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 0.5, max: 5, step: 0.5 }, file: "ratings.csv" });
  b.add("1", "1", 0.5, undefined, 2);
  b.add("1", "2", 5, undefined, 3);
  assert.throws(() => b.add("1", "3", 5.5, undefined, 4), (e: unknown) => e instanceof DataFormatError && e.message === "ratings.csv line 4: rating 5.5 is outside the declared scale 0.5 to 5 in steps of 0.5" && e.line === 4);
  assert.throws(() => b.add("1", "3", 0, undefined, 5), /ratings\.csv line 5: rating 0 is outside/);
  assert.throws(() => b.add("1", "3", 3.3, undefined, 6), /ratings\.csv line 6: rating 3\.3 is not on the declared scale 0\.5 to 5 in steps of 0\.5/);
  assert.throws(() => b.add("1", "3", NaN, undefined, 7), /ratings\.csv line 7: rating is not a number/);
  assert.equal(b.size, 2);
});

test("timestamps must be present on all rows or none", () => {
  const b = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 }, file: "x.dat" });
  b.add("1", "1", 3, 10, 1);
  assert.throws(() => b.add("1", "2", 3, undefined, 2), /x\.dat line 2: timestamp missing/);
  const c = new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 }, file: "y.dat" });
  c.add("1", "1", 3, undefined, 1);
  assert.throws(() => c.add("1", "2", 3, 5, 2), /y\.dat line 2: row has a timestamp, but earlier rows have none/);
  assert.throws(() => new RatingsBuilder({ name: "t", scale: { min: 1, max: 5 }, timestamps: true }).add("1", "1", 3, NaN, 9), /line 9: timestamp NaN is not a number/);
});

test("scale checks", () => {
  assert.throws(() => checkScale({ min: 5, max: 1 }), RangeError);
  assert.throws(() => checkScale({ min: 1, max: 5, step: 0 }), RangeError);
  assert.equal(describeScale({ min: 1, max: 10 }), "1 to 10");
});

test("builders sharing an IdIndex share one index space", () => {
  const users = new IdIndex();
  const items = new IdIndex();
  const a = new RatingsBuilder({ name: "a", scale: { min: 1, max: 5 }, users, items });
  const b = new RatingsBuilder({ name: "b", scale: { min: 1, max: 5 }, users, items });
  a.add("1", "x", 1);
  b.add("2", "y", 2);
  b.add("1", "x", 3);
  const ra = a.build();
  const rb = b.build();
  assert.equal(ra.numUsers, 2);
  assert.equal(rb.numItems, 2);
  assert.deepEqual(ra.userIds, rb.userIds);
  assert.deepEqual(Array.from(rb.users), [1, 0]);
});

test("IdIndex: canonical integers and strings map consistently", () => {
  const ix = new IdIndex();
  assert.equal(ix.intern("7"), 0);
  assert.equal(ix.internInt(7), 0);
  assert.equal(ix.intern("07"), 1); // not canonical: a different raw id
  assert.equal(ix.intern("abc"), 2);
  assert.equal(ix.internInt(123456789012), 3); // beyond the table: Map path
  assert.equal(ix.intern("123456789012"), 3);
  assert.equal(ix.internInt(40000000), 4);
  assert.equal(ix.intern("40000000"), 4);
  assert.equal(ix.lookup("7"), 0);
  assert.equal(ix.lookup("8"), -1);
  assert.equal(ix.lookupInt(123456789012), 3);
  assert.equal(ix.lookupInt(99), -1);
  assert.deepEqual(ix.ids, ["7", "07", "abc", "123456789012", "40000000"]);
  assert.throws(() => ix.internInt(-1), RangeError);
  assert.throws(() => ix.internInt(1.5), RangeError);
  assert.equal(canonicalUint("0"), 0);
  assert.equal(canonicalUint("00"), -1);
  assert.equal(canonicalUint("12a"), -1);
  assert.equal(canonicalUint(""), -1);
  assert.equal(canonicalUint("2147483648"), -1);
});
