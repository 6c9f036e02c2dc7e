import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { DataFormatError } from "../../src/data/data-format-error";
import { loadDelimited, type LoadDelimitedOptions } from "../../src/data/load-delimited";
import { loadMovielensLatestSmall } from "../../src/data/load-movielens-latest-small";
import { loadMovielens100k } from "../../src/data/load-movielens-100k";
import { loadMovielens1m } from "../../src/data/load-movielens-1m";
import { loadLibimseti } from "../../src/data/load-libimseti";
import { literally, tempDirWith } from "./tmp-files";

/** Asserts that `p` rejects with a DataFormatError whose message is exactly `file` + " line N: " + detail (or matches). */
async function rejectsWith(p: Promise<unknown>, file: string, line: number | undefined, detail: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DataFormatError, `expected a DataFormatError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    const prefix = line === undefined ? `${file}: ` : `${file} line ${line}: `;
    assert.ok(e.message.startsWith(prefix), `message ${JSON.stringify(e.message)} should start with ${JSON.stringify(prefix)}`);
    if (typeof detail === "string") assert.equal(e.detail, detail);
    else assert.match(e.detail, detail);
    return true;
  });
}

const csvOptions = (file: string): LoadDelimitedOptions => ({
  file,
  header: true,
  columns: { user: "userId", item: "movieId", rating: "rating", timestamp: "timestamp" },
  scale: { min: 0.5, max: 5, step: 0.5 },
});

function ratingsCsv(body: string): string {
  const dir = tempDirWith({ "ratings.csv": "userId,movieId,rating,timestamp\n" + body, "movies.csv": "movieId,title,genres\n1,A,Drama\n" });
  return path.join(dir, "ratings.csv");
}

test("missing folder and missing files name the path and the loader", async () => {
  const nowhere = path.join(tempDirWith(), "no-such-folder");
  await rejectsWith(loadMovielens100k(nowhere), nowhere, undefined, /directory not found \(loadMovielens100k expected the data set folder here, from option `dir`\)/);
  const dir = tempDirWith({ "u.user": "1|20|M|writer|1\n" });
  await rejectsWith(loadMovielens100k(dir), path.join(dir, "u.data"), undefined, "file not found (loadMovielens100k expects u.data in the folder given by option `dir`)");
  const lib = tempDirWith({ "gender.dat": "1,M\n" });
  await rejectsWith(loadLibimseti(lib), path.join(lib, "ratings.dat"), undefined, /loadLibimseti expects ratings\.dat/);
  const file = path.join(dir, "mine.csv");
  await rejectsWith(loadDelimited(csvOptions(file)), file, undefined, "file not found (loadDelimited option `file`)");
});

test("empty files and header-only files are errors, not empty data sets", async () => {
  const dir = tempDirWith({ "empty.csv": "", "blank.csv": "\n\n  \n", "ratings.dat": "" , "gender.dat": "1,M\n" });
  await rejectsWith(loadDelimited(csvOptions(path.join(dir, "empty.csv"))), path.join(dir, "empty.csv"), undefined, "file is empty (no ratings)");
  await rejectsWith(loadDelimited(csvOptions(path.join(dir, "blank.csv"))), path.join(dir, "blank.csv"), undefined, "file is empty (no ratings)");
  const header = ratingsCsv("");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(header)), header, undefined, "has a header but no ratings");
  await rejectsWith(loadLibimseti(dir), path.join(dir, "ratings.dat"), undefined, "file is empty (no ratings)");
  const m = tempDirWith({ "u.data": "1\t2\t3\t4\n", "u.user": "", "u.item": "", "u.genre": "a|0\n" });
  await rejectsWith(loadMovielens100k(m), path.join(m, "u.user"), undefined, "file is empty (no records)");
});

test("wrong delimiter: the message counts the fields and asks about the delimiter", async () => {
  const dir = tempDirWith({ "r.csv": "1;2;3;4\n", "h.csv": "userId;movieId;rating;timestamp\n1;2;3;4\n" });
  const file = path.join(dir, "r.csv");
  await rejectsWith(
    loadDelimited({ file, header: false, columns: { user: 0, item: 1, rating: 2, timestamp: 3 }, scale: { min: 1, max: 5 } }),
    file,
    1,
    "expected at least 4 fields separated by ',' but found 1; is the delimiter right?",
  );
  const semi = ratingsCsv("1;1;4.0;100\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(semi)), semi, 2, "expected 4 fields separated by ',' (as in the header) but found 1; is the delimiter right?");
  const h = path.join(dir, "h.csv");
  await rejectsWith(loadDelimited(csvOptions(h)), h, 1, /column "userId" \(user\) not found in the header; columns are "userId;movieId;rating;timestamp"/);
  const tabs = tempDirWith({ "u.data": "1 2 3 4\n", "u.user": "1|2|M|x|y\n", "u.item": "1|a|b|c|d|0\n", "u.genre": "g|0\n" });
  await rejectsWith(loadMovielens100k(tabs), path.join(tabs, "u.data"), 1, "expected 4 fields separated by '\\t' (tab) but found 1; is the delimiter right?");
  const lib = tempDirWith({ "ratings.dat": "1,2,3\n1;2;3\n" });
  await rejectsWith(loadLibimseti(lib, { features: false }), path.join(lib, "ratings.dat"), 2, "expected 3 fields separated by ',' but found 1; is the delimiter right?");
});

test("a malformed line in the middle names its line", async () => {
  const file = ratingsCsv("1,1,4.0,100\n1,2,4.0,101\n1,3,4.0\n1,4,4.0,103\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(file)), file, 4, "expected 4 fields separated by ',' (as in the header) but found 3");
  const dir = tempDirWith({ "ratings.dat": "1::1::5::978300760\n1::2::3\n", "users.dat": "1::F::1::10::1\n", "movies.dat": "1::A::Drama\n" });
  await rejectsWith(loadMovielens1m(dir), path.join(dir, "ratings.dat"), 2, "expected 4 fields separated by '::' (as on line 1) but found 3");
  const five = tempDirWith({ "ratings.dat": "1::1::5::978300760::x\n", "users.dat": "1::F::1::10::1\n", "movies.dat": "1::A::Drama\n" });
  await rejectsWith(loadMovielens1m(five), path.join(five, "ratings.dat"), 1, "expected 3 or 4 fields separated by '::' but found 5");
  const lib = tempDirWith({ "ratings.dat": "1,2,3\n1,2,3,4\n" });
  await rejectsWith(loadLibimseti(lib, { features: false }), path.join(lib, "ratings.dat"), 2, "expected 3 fields separated by ',' but found 4");
});

test("non-numeric ratings, timestamps and ids", async () => {
  const a = ratingsCsv("1,1,4.0,100\n1,2,abc,101\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(a)), a, 3, 'rating "abc" is not a number');
  const b = ratingsCsv("1,1,4.0,100\n1,2,,101\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(b)), b, 3, 'rating "" is not a number');
  const c = ratingsCsv("1,1,4.0,100\n1,2,4.0,yesterday\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(c)), c, 3, 'timestamp "yesterday" is not a number');
  const d = ratingsCsv("1,,4.0,100\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(d)), d, 2, "item id is empty");
  const lib = tempDirWith({ "ratings.dat": "1,2,3\n1,2,x\nx,2,3\n" });
  await rejectsWith(loadLibimseti(lib, { features: false }), path.join(lib, "ratings.dat"), 2, 'rating "x" is not a number');
  const lib2 = tempDirWith({ "ratings.dat": "1,2,3\nx,2,3\n" });
  await rejectsWith(loadLibimseti(lib2, { features: false }), path.join(lib2, "ratings.dat"), 2, 'UserID "x" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)');
});

test("ratings outside the declared scale", async () => {
  const a = ratingsCsv("1,1,4.0,100\n1,2,5.5,101\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(a)), a, 3, "rating 5.5 is outside the declared scale 0.5 to 5 in steps of 0.5");
  const b = ratingsCsv("1,1,4.25,100\n");
  await rejectsWith(loadMovielensLatestSmall(path.dirname(b)), b, 2, "rating 4.25 is not on the declared scale 0.5 to 5 in steps of 0.5");
  const lib = tempDirWith({ "ratings.dat": "1,2,3\n1,3,10\n1,4,11\n" });
  await rejectsWith(loadLibimseti(lib, { features: false }), path.join(lib, "ratings.dat"), 3, "rating 11 is outside the declared scale 1 to 10 in steps of 1");
  const lib0 = tempDirWith({ "ratings.dat": "1,2,0\n" });
  await rejectsWith(loadLibimseti(lib0, { features: false }), path.join(lib0, "ratings.dat"), 1, /rating 0 is outside/);
  const m = tempDirWith({ "u.data": "1\t2\t3\t4\n1\t3\t6\t5\n", "u.user": "1|2|M|x|y\n", "u.item": "1|a|b|c|d|0\n", "u.genre": "g|0\n" });
  await rejectsWith(loadMovielens100k(m), path.join(m, "u.data"), 2, "rating 6 is outside the declared scale 1 to 5 in steps of 1");
});

test("bad side files: wrong gender, genre flag, age code, duplicate ids", async () => {
  const base = { "u.data": "1\t2\t3\t4\n", "u.genre": "a|0\nb|1\n" };
  const g = tempDirWith({ ...base, "u.user": "1|20|X|w|z\n", "u.item": "2|t|d||u|0|1\n" });
  await rejectsWith(loadMovielens100k(g), path.join(g, "u.user"), 1, 'gender "X" is not one of "M", "F"');
  const f = tempDirWith({ ...base, "u.user": "1|20|M|w|z\n", "u.item": "2|t|d||u|0|1\n3|t|d||u|0|2\n" });
  await rejectsWith(loadMovielens100k(f), path.join(f, "u.item"), 2, 'genre flag 2 (b) is "2", expected 0 or 1');
  const n = tempDirWith({ ...base, "u.user": "1|20|M|w|z\n", "u.item": "2|t|d||u|0\n" });
  await rejectsWith(loadMovielens100k(n), path.join(n, "u.item"), 1, "expected 7 fields separated by '|' but found 6");
  const age = tempDirWith({ "ratings.dat": "1::1::5\n", "users.dat": "1::F::1::10::1\n2::M::19::3::2\n", "movies.dat": "1::A::Drama\n" });
  await rejectsWith(loadMovielens1m(age), path.join(age, "users.dat"), 2, /age code "19" is not one of "1", "18"/);
  const dup = tempDirWith({ "ratings.dat": "1::1::5\n", "users.dat": "1::F::1::10::1\n", "movies.dat": "1::A::Drama\n1::B::Comedy\n" });
  await rejectsWith(loadMovielens1m(dup), path.join(dup, "movies.dat"), 2, "movie id 1 appears twice");
  const lib = tempDirWith({ "ratings.dat": "1,2,3\n", "gender.dat": "1,M\n2,Q\n" });
  await rejectsWith(loadLibimseti(lib), path.join(lib, "gender.dat"), 2, 'gender "Q" is not one of "M", "F", "U"');
  const twice = tempDirWith({ "ratings.dat": "1,2,3\n", "gender.dat": "1,M\n\n1,F\n" });
  await rejectsWith(loadLibimseti(twice), path.join(twice, "gender.dat"), 3, "UserID 1 appears twice");
  const semi = tempDirWith({ "ratings.dat": "1,2,3\n", "gender.dat": "1;M\n" });
  await rejectsWith(loadLibimseti(semi), path.join(semi, "gender.dat"), 1, "expected 2 fields separated by ',' but found 1; is the delimiter right?");
  const csv = tempDirWith({ "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4,1\n", "movies.csv": 'movieId,title,genres\n1,"unclosed,Drama\n' });
  await assert.rejects(loadMovielensLatestSmall(csv), literally(path.join(csv, "movies.csv")));
});

test("blank trailing lines (and \\r\\n) are fine and do not count", async () => {
  const file = ratingsCsv("1,1,4.0,100\r\n2,1,3.0,101\r\n\r\n\r\n\n");
  const r = await loadMovielensLatestSmall(path.dirname(file));
  assert.equal(r.size, 2);
});
