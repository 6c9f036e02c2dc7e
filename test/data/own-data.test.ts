import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { loadDataset } from "../../src/data/dataset-registry";
import { parseDatasetDescriptor, readDatasetDescriptor } from "../../src/data/dataset-descriptor";
import { toImplicit } from "../../src/data/implicit-interactions";
import { inferScale } from "../../src/data/load-own-data";
import type { Ratings } from "../../src/data/ratings";
import { sniffDescriptor } from "../../src/data/sniff-delimited";
import { tempDirWith } from "./tmp-files";

/** "user item value" per row, in the Ratings' order. */
function triples(r: Ratings): string[] {
  return Array.from(r.users, (u, k) => `${r.userIds[u]} ${r.itemIds[r.items[k]]} ${r.values[k]}`);
}

const quiet = { log: () => {} };

test("wide layout: one row per user, 99 and empty cells are 'not rated', -10..10 scale from the descriptor", async () => {
  const dir = tempDirWith({
    "w.csv": "user,a,b,c\nu1,5,99,-10\nu2,99,,10\n\nu3,0,-2.5,99\n",
    "w.json": JSON.stringify({ path: "w.csv", layout: "wide", missing: 99, scale: { min: -10, max: 10 } }),
  });
  const r = await loadDataset(path.join(dir, "w.json"), quiet);
  assert.deepEqual(triples(r), ["u1 a 5", "u1 c -10", "u2 c 10", "u3 a 0", "u3 b -2.5"]);
  assert.deepEqual(r.scale, { min: -10, max: 10 });
  assert.equal(r.name, "w");
  assert.equal(r.timestamps, undefined);
  assert.equal(r.implicitCounts, undefined);
});

test("wide layout: without the sentinel declared, 99 is an error that says how to declare it", async () => {
  const dir = tempDirWith({ "w.csv": "user,a,b\nu1,5,99\n", "w.json": JSON.stringify({ path: "w.csv", layout: "wide", scale: { min: -10, max: 10 } }) });
  await assert.rejects(loadDataset(path.join(dir, "w.json"), quiet), /w\.csv line 2: rating 99 is outside the declared scale -10 to 10 \(column 2, item "b"\); if it means "not rated", declare it as "missing"/);
});

test("wide layout: a repeated user line is an error naming both lines", async () => {
  const dir = tempDirWith({ "w.csv": "user,a\nu1,5\nu1,4\n", "w.json": JSON.stringify({ path: "w.csv", layout: "wide", scale: { min: 1, max: 5 } }) });
  await assert.rejects(loadDataset(path.join(dir, "w.json"), quiet), /w\.csv line 3: user "u1" already has a line \(line 2\)/);
});

test("a bare play-count log is sniffed: tab, header, string ids, counts are implicit and summed as counts by default", async () => {
  const dir = tempDirWith({ "plays.tsv": "user_id\tartist\tplays\nann\tabba\t3\nann\tbach\t0\nbob\tabba\t2\nann\tabba\t4\n" });
  const lines: string[] = [];
  const r = await loadDataset(path.join(dir, "plays.tsv"), { log: (l) => lines.push(l) });
  assert.match(lines.join("\n"), /with delimiter '\\t' \(tab\), a header, columns user="user_id" item="artist" count="plays"/);
  assert.deepEqual(r.implicitCounts, {});
  assert.deepEqual(r.scale, { min: 0, max: 7 }); // the range of the counts after the repeated ann-abba lines are summed
  // ann-abba: 3 + 4 plays (summed as counts, not 2 rows); ann-bach: 0 plays, dropped. Binary confidence by default.
  const counts = toImplicit(r, { confidence: { scheme: "linear", alpha: 1 } });
  assert.deepEqual(triples(counts), ["ann abba 8", "bob abba 3"]);
  assert.equal(counts.implicitCounts, undefined, "confidences are not counts any more");
  assert.deepEqual(Array.from(toImplicit(r).values), [1, 1]);
});

test("a descriptor's confidence is the default of toImplicit, and a wide spread of weights prints one warning", async () => {
  const dir = tempDirWith({
    "p.csv": "u,i,n\na,x,1\na,y,5000\n",
    "p.json": JSON.stringify({ path: "p.csv", columns: { user: 0, item: "i", count: "n" }, confidence: { kind: "linear", alpha: 1 } }),
  });
  const r = await loadDataset(path.join(dir, "p.json"), quiet);
  const warnings: string[] = [];
  const x = toImplicit(r, { warn: (l) => warnings.push(l) });
  assert.deepEqual(Array.from(x.values), [2, 5001]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /toImplicit\(p\): warning: confidences span 2\.00 to 5\.00e\+3 \(3\.4 orders of magnitude\).*scheme: "log"/);
  const logged: string[] = [];
  toImplicit(r, { confidence: { scheme: "log", alpha: 1, epsilon: 1 }, warn: (l) => logged.push(l) });
  assert.deepEqual(logged, [], "1 + ln(1 + 5000) = 9.5 spans one order of magnitude");
});

test("a long ratings CSV without a descriptor: header names, timestamps, scale inferred and announced", async () => {
  const dir = tempDirWith({ "r.csv": "userId,movieId,rating,timestamp\n1,10,4.5,100\n2,10,3,200\n2,11,1,300\n" });
  const lines: string[] = [];
  const r = await loadDataset(path.join(dir, "r.csv"), { log: (l) => lines.push(l) });
  assert.deepEqual(triples(r), ["1 10 4.5", "2 10 3", "2 11 1"]);
  assert.deepEqual(Array.from(r.timestamps!), [100, 200, 300]);
  assert.deepEqual(r.scale, { min: 1, max: 4.5, step: 0.5 });
  assert.match(lines.join("\n"), /r: no rating scale declared; using the values' range 1 to 4\.5 \(step 0\.5\)/);
});

test("no header: 3 or 4 numeric columns are user, item, rating[, timestamp] with '::' or ';' too", () => {
  const dir = tempDirWith({ "a.dat": "1::10::5::978300760\n2::10::3::978300761\n", "b.csv": "7;x;2\n8;y;4\n" });
  const a = sniffDescriptor(path.join(dir, "a.dat"));
  assert.deepEqual([a.delimiter, a.header, a.columns], ["::", false, { user: 0, item: 1, rating: 2, timestamp: 3 }]);
  const b = sniffDescriptor(path.join(dir, "b.csv"));
  assert.deepEqual([b.delimiter, b.header, b.columns.rating, b.columns.timestamp], [";", false, 2, undefined]);
});

test("an unrecognisable file is an error listing what was found and showing the descriptor to write", () => {
  const dir = tempDirWith({ "x.csv": "who,what,how\nann,abba,3\n", "wide.csv": "user,a,b,c,d\nu1,1,2,3,4\n" });
  assert.throws(
    () => sniffDescriptor(path.join(dir, "x.csv")),
    /x\.csv: found delimiter ',', 3 columns, header \["who","what","how"\], but cannot tell which columns hold the user, the item and the rating or count .* pass its path as DATASET: \{"path":"x\.csv","delimiter":",","header":true,"columns":\{"user":"who","item":"what","rating":"how"\}\}/,
  );
  assert.throws(() => sniffDescriptor(path.join(dir, "wide.csv")), /looks like the wide layout .*"layout":"wide","columns":\{"user":"user"\},"missing":99/);
});

test("descriptor validation errors name the descriptor file and the field", () => {
  const d = "/data/own.json";
  const bad: [unknown, RegExp][] = [
    [[], /own\.json: data-set descriptor must be a JSON object/],
    [{ columns: { user: 0, item: 1, rating: 2 } }, /own\.json: field "path" is required/],
    [{ path: "p.csv", columns: { user: 0, item: 1 } }, /field "columns\.rating" is required \(or "count"/],
    [{ path: "p.csv", columns: { user: 0, item: 1, rating: 2, count: 3 } }, /field "columns\.count" and "rating" cannot both be given/],
    [{ path: "p.csv", columns: { user: -1, item: 1, rating: 2 } }, /field "columns\.user" must be a 0-based column position or a header name, got -1/],
    [{ path: "p.csv", delimeter: ";", columns: { user: 0, item: 1, rating: 2 } }, /field "delimeter" is not a descriptor field \(misspelt\?\)/],
    [{ path: "p.csv", layout: "tall", columns: { user: 0, item: 1, rating: 2 } }, /field "layout" must be one of "long", "wide", got "tall"/],
    [{ path: "p.csv", missing: 99, columns: { user: 0, item: 1, rating: 2 } }, /field "missing" applies to "layout": "wide" only/],
    [{ path: "p.csv", scale: { min: 5, max: 1 }, columns: { user: 0, item: 1, rating: 2 } }, /field "scale\.max" must be >= min \(5\), got 1/],
    [{ path: "p.csv", columns: { user: 0, item: 1, count: 2 }, confidence: { kind: "log" } }, /field "confidence\.alpha" must be a number > 0 for the "log" confidence/],
    [{ path: "p.csv", columns: { user: 0, item: 1, rating: 2 }, confidence: { kind: "linear", alpha: 1 } }, /field "confidence" applies to implicit feedback only/],
    [{ path: "p.csv", layout: "wide", columns: { user: 0, item: 1 } }, /field "columns\.item" does not apply to "layout": "wide"/],
    [{ path: "p.csv", encoding: "ascii", columns: { user: 0, item: 1, rating: 2 } }, /field "encoding" must be one of "utf8", "latin1", "utf16le"/],
    [{ path: "p.csv", columns: { user: 0, item: 1, rating: 2 }, itemFeatures: { path: "f.csv" } }, /field "itemFeatures\.id" is required/],
    [{ path: "p.csv", header: false, columns: { user: 0, item: "movie", rating: 2 } }, /field "columns\.item" is a header name \("movie"\) but "header" is false/],
  ];
  for (const [json, message] of bad) assert.throws(() => parseDatasetDescriptor(json, d), message, JSON.stringify(json));
  const ok = parseDatasetDescriptor({ path: "sub/p.csv", columns: { user: "u", item: "i", count: "n" }, confidence: { kind: "log", alpha: 2 }, duplicates: "sum" }, d);
  assert.equal(ok.path, path.resolve("/data/sub/p.csv"), "relative to the descriptor's folder");
  assert.deepEqual([ok.feedback, ok.confidence, ok.duplicates, ok.name, ok.header, ok.delimiter], ["implicit", { scheme: "log", alpha: 2, epsilon: 1 }, "sum", "p", true, ","]);
  assert.throws(() => readDatasetDescriptor(path.join(tempDirWith({ "j.json": "{ nope" }), "j.json")), /j\.json: data-set descriptor is not valid JSON/);
});

test("side features: categorical, numeric and multi-hot columns aligned to the ratings' ids, missing where absent", async () => {
  const dir = tempDirWith({
    "r.csv": "user,item,rating\nann,m1,4\nbob,m2,2\ncat,m1,5\n",
    "users.csv": "name,age,country\nbob,31,CH\nann,25,SE\n",
    "items.tsv": "id\tgenres\nm2\tComedy|Drama\nm1\tDrama\n",
    "own.json": JSON.stringify({
      path: "r.csv", scale: { min: 1, max: 5 }, columns: { user: "user", item: "item", rating: "rating" },
      userFeatures: { path: "users.csv", id: "name" },
      itemFeatures: { path: "items.tsv", delimiter: "\t", id: "id", columns: { genres: { kind: "multi-hot", separator: "|" } } },
    }),
  });
  const r = await loadDataset(path.join(dir, "own.json"), quiet);
  const [age, country] = r.userFeatures!.columns;
  assert.equal(age.kind, "numeric");
  assert.deepEqual(age.kind === "numeric" ? Array.from(age.values) : null, [25, 31, NaN]); // ann, bob, cat
  assert.deepEqual(country.kind === "categorical" ? [Array.from(country.codes), country.categories] : null, [[1, 0, -1], ["CH", "SE"]]);
  const genres = r.itemFeatures!.columns[0];
  assert.deepEqual(genres.kind === "multi-hot" ? [Array.from(genres.matrix), genres.labels] : null, [[0, 1, 1, 1], ["Comedy", "Drama"]]); // m1, m2
});

test("inferScale: range, with step 1 or 0.5 when the values allow", () => {
  assert.deepEqual(inferScale(Float32Array.from([3, -2, 7])), { min: -2, max: 7, step: 1 });
  assert.deepEqual(inferScale(Float32Array.from([0.5, 2])), { min: 0.5, max: 2, step: 0.5 });
  assert.deepEqual(inferScale(Float32Array.from([0.25, 2])), { min: 0.25, max: 2 });
});

test("counts asked for as explicit ratings are an error naming DATASET", async () => {
  const dir = tempDirWith({ "plays.tsv": "user\titem\tplays\na\tx\t3\n" });
  await assert.rejects(loadDataset(path.join(dir, "plays.tsv"), { ...quiet, feedback: "explicit" }), /plays\.tsv holds implicit counts .* set DATASET to a ratings file or descriptor/);
});

test("relative paths resolve against dir", async () => {
  const dir = tempDirWith({ "sub/r.csv": "user,item,rating\n1,2,3\n" });
  const r = await loadDataset("sub/r.csv", { ...quiet, dir });
  assert.equal(r.size, 1);
  await assert.rejects(loadDataset("sub/none.csv", { ...quiet, dir }), /"sub\/none\.csv" is neither a known data set .* nor a file \(looked in .*recsys-data-test-/);
});
