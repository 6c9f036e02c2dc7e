import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { loadDelimited } from "../../src/data/load-delimited";
import { loadMl1mLoo } from "../../src/data/load-ml-1m-loo";
import { splitFields } from "../../src/data/parse-fields";
import { forEachCsvRecord } from "../../src/data/read-csv-records";
import { tempDirWith } from "./tmp-files";

test("loadDelimited: columns by header name, in any order, extra columns ignored", async () => {
  const dir = tempDirWith({ "mine.csv": "when,item,who,stars,comment\n100,b,x,4,nice\n200,a,y,2,\"so, so\"\n300,b,y,5,\n" });
  const r = await loadDelimited({
    file: path.join(dir, "mine.csv"),
    header: true,
    columns: { user: "who", item: "item", rating: "stars", timestamp: "when" },
    scale: { min: 1, max: 5, step: 1 },
  });
  assert.equal(r.name, "mine");
  assert.deepEqual(r.userIds, ["x", "y"]);
  assert.deepEqual(r.itemIds, ["b", "a"]);
  assert.deepEqual(Array.from(r.users), [0, 1, 1]);
  assert.deepEqual(Array.from(r.items), [0, 1, 0]);
  assert.deepEqual(Array.from(r.values), [4, 2, 5]);
  assert.deepEqual(Array.from(r.timestamps!), [100, 200, 300]);
});

test("loadDelimited: columns by index, tab or multi-character delimiters, no header", async () => {
  const dir = tempDirWith({ "a.tsv": "5\t1\t0.25\n6\t1\t1\n", "b.dat": "u1::i1::3::17\nu2::i2::4::18\n" });
  const a = await loadDelimited({
    file: path.join(dir, "a.tsv"),
    delimiter: "\t",
    header: false,
    columns: { user: 0, item: 1, rating: 2 },
    scale: { min: 0, max: 1 },
    name: "probs",
  });
  assert.equal(a.name, "probs");
  assert.deepEqual(Array.from(a.values), [0.25, 1]);
  assert.equal(a.timestamps, undefined);
  const b = await loadDelimited({ file: path.join(dir, "b.dat"), delimiter: "::", header: false, columns: { user: 0, item: 1, rating: 2, timestamp: 3 }, scale: { min: 1, max: 5 } });
  assert.deepEqual(b.userIds, ["u1", "u2"]);
  assert.deepEqual(Array.from(b.timestamps!), [17, 18]);
});

test("loadDelimited: Latin-1 ids", async () => {
  const dir = tempDirWith({ "l.csv": Buffer.from("José,Café,3\n", "latin1") });
  const r = await loadDelimited({ file: path.join(dir, "l.csv"), header: false, columns: { user: 0, item: 1, rating: 2 }, scale: { min: 1, max: 5 }, encoding: "latin1" });
  assert.deepEqual(r.userIds, ["José"]);
  assert.deepEqual(r.itemIds, ["Café"]);
});

test("splitFields: CSV quotes", () => {
  assert.deepEqual(splitFields('a,"b, c","d ""e""",', ",", "f", 1), ["a", "b, c", 'd "e"', ""]);
  assert.deepEqual(splitFields('"",x', ",", "f", 1), ["", "x"]);
  assert.deepEqual(splitFields("a::b", "::", "f", 1), ["a", "b"]);
  assert.throws(() => splitFields('a,"b', ",", "f.csv", 4), /f\.csv line 4: unterminated quoted field/);
  assert.throws(() => splitFields('"a"b,c', ",", "f.csv", 5), /f\.csv line 5: unexpected text after the closing quote/);
});

test("loadMl1mLoo: train, test and negatives share one index space", async () => {
  const dir = tempDirWith({
    "train.dat": "1::10::5\n1::20::3\n2::20::4\n",
    "test.dat": "1::30::4::978824351\n2::10::2::978300174\n",
    "test.negative.dat": "1::20|40|50\n2::30|50|60\n",
  });
  const { train, test: held, negatives, negativesPerUser } = await loadMl1mLoo(dir);
  assert.equal(train.size, 3);
  assert.equal(held.size, 2);
  assert.equal(negativesPerUser, 3);
  assert.equal(train.timestamps, undefined);
  assert.deepEqual(Array.from(held.timestamps!), [978824351, 978300174]);
  assert.deepEqual(train.itemIds, ["10", "20", "30", "40", "50", "60"]);
  assert.deepEqual(held.itemIds, train.itemIds);
  assert.equal(train.numItems, 6);
  assert.equal(held.numUsers, 2);
  assert.deepEqual(Array.from(held.items), [2, 0]);
  assert.deepEqual(Array.from(negatives), [1, 3, 4, 2, 4, 5]);
});

test("loadMl1mLoo: negatives must match the test users and have a constant length", async () => {
  const base = { "train.dat": "1::10::5\n2::20::4\n3::10::1\n", "test.dat": "1::30::4::1\n2::10::2::2\n" };
  const short = tempDirWith({ ...base, "test.negative.dat": "1::20|40\n2::30\n" });
  await assert.rejects(loadMl1mLoo(short), /test\.negative\.dat line 2: expected 2 items separated by '\|' \(as on line 1\) but found 1/);
  const missing = tempDirWith({ ...base, "test.negative.dat": "1::20|40\n" });
  await assert.rejects(loadMl1mLoo(missing), /test\.negative\.dat: no negatives for UserID 2/);
  const extra = tempDirWith({ ...base, "test.negative.dat": "1::20\n2::10\n3::20\n" });
  await assert.rejects(loadMl1mLoo(extra), /test\.negative\.dat line 3: UserID 3 has no test rating/);
  const stranger = tempDirWith({ ...base, "test.negative.dat": "1::20\n9::10\n" });
  await assert.rejects(loadMl1mLoo(stranger), /test\.negative\.dat line 2: UserID 9 appears in neither/);
  const badTest = tempDirWith({ ...base, "test.dat": "1::30::4\n", "test.negative.dat": "1::20\n" });
  await assert.rejects(loadMl1mLoo(badTest), /test\.dat line 1: expected 4 fields separated by '::' but found 3/);
});

test("forEachCsvRecord: quoted fields spanning lines, line numbers, missing file", async () => {
  const dir = tempDirWith({ "m.csv": 'id,title\n1,"two\nlines"\n\n2,"a, b"\n' });
  const seen: string[] = [];
  const n = await forEachCsvRecord(path.join(dir, "m.csv"), (f, line) => seen.push(`${line}:${f.join("/")}`));
  assert.equal(n, 3);
  assert.deepEqual(seen, ["1:id/title", "3:1/two\nlines", "5:2/a, b"]);
  const missing = path.join(dir, "none.csv");
  await assert.rejects(forEachCsvRecord(missing, () => {}), new RegExp(`${missing.replace(/[.]/g, "\\.")}: file not found`));
  await assert.rejects(forEachCsvRecord(path.join(dir, "m.csv"), () => {
    throw new Error("stop");
  }), /stop/);
});
