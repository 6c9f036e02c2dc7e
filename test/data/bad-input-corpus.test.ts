/**
 * The bad-input corpus (issue 11): one row per malformed or unusual input, each with the exact error it must
 * produce (file, line, message) or the exact data it must load. The input files are written by this test into a
 * temporary folder (see test/fixtures/bad-inputs/README.md); none of them is licensed data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import * as zlib from "zlib";
import { DataFormatError } from "../../src/data/data-format-error";
import { loadDelimited, type LoadDelimitedOptions } from "../../src/data/load-delimited";
import { loadLibimseti } from "../../src/data/load-libimseti";
import { loadMl1mLoo } from "../../src/data/load-ml-1m-loo";
import { loadMovielens100k } from "../../src/data/load-movielens-100k";
import { loadMovielens1m } from "../../src/data/load-movielens-1m";
import { loadMovielensLatestSmall } from "../../src/data/load-movielens-latest-small";
import { loadReport } from "../../src/data/load-report";
import type { Ratings } from "../../src/data/ratings";
import { tempDirWith } from "./tmp-files";

/** What a case must produce: a DataFormatError at `file` (relative to the case folder) and `line`, or a RangeError, or data. */
type Expect =
  | { error: { file: string; line?: number; detail: string | RegExp } }
  | { rangeError: RegExp }
  | { loads: (r: Ratings) => void };

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  load: (dir: string) => Promise<Ratings>;
  expect: Expect;
}

const HEADER = "user,item,rating\n";
const SCALE = { min: 1, max: 5, step: 0.5 };
/** loadDelimited on `name` in the case folder: header user,item,rating, scale 1-5 in half steps. */
const generic = (name: string, extra: Partial<LoadDelimitedOptions> = {}) => (dir: string) =>
  loadDelimited({ file: path.join(dir, name), header: true, columns: { user: "user", item: "item", rating: "rating" }, scale: SCALE, ...extra });
const utf16 = (text: string, bom = true): Buffer => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
const gz = (text: string): Buffer => zlib.gzipSync(Buffer.from(text));
/** The loaded triples as "user item value" strings, in file order. */
const triples = (r: Ratings): string[] => Array.from({ length: r.size }, (_, k) => `${r.userIds[r.users[k]]} ${r.itemIds[r.items[k]]} ${r.values[k]}`);
const loadsTriples = (expected: string[]): Expect => ({ loads: (r) => assert.deepEqual(triples(r), expected) });
const err = (file: string, line: number | undefined, detail: string | RegExp): Expect => ({ error: { file, line, detail } });
const CAFE = Buffer.concat([Buffer.from(HEADER), Buffer.from("caf\u00e9,1,4\ncaf\u00e8,1,3\n", "latin1")]);
const bigFile = (lines: number, bad: string): string => {
  const parts = [HEADER];
  for (let k = 1; k < lines; k++) parts.push(`${k},${k % 97},${1 + (k % 5)}\n`);
  parts.push(bad);
  return parts.join("");
};

// MovieLens 100K, 1M, latest-small and LibimSeTi in miniature.
const ML100K = { "u.genre": "unknown|0\nAction|1\n", "u.item": "1|A|01-Jan-1995||u|0|1\n2|B|01-Jan-1995||u|1|0\n", "u.user": "1|24|M|technician|85711\n2|53|F|other|94043\n" };
const ml100k = (data: string, extra: Record<string, string> = {}) => ({ ...ML100K, "u.data": data, ...extra });
const ML1M = { "users.dat": "1::F::1::10::48067\n2::M::56::16::70072\n", "movies.dat": "1::A (1995)::Animation\n2::B (1995)::Drama\n" };
const ml1m = (ratings: string, extra: Record<string, string | Buffer> = {}) => ({ ...ML1M, "ratings.dat": ratings, ...extra });
const latest = (ratings: string) => ({ "ratings.csv": "userId,movieId,rating,timestamp\n" + ratings, "movies.csv": "movieId,title,genres\n1,A,Drama\n2,B,Comedy\n" });
const lib = (ratings: string, genders = "1,M\n2,F\n3,U\n") => ({ "ratings.dat": ratings, "gender.dat": genders });
const LOO = { "test.dat": "1::2::4::978300760\n", "test.negative.dat": "(1,2)::3|4\n" };

const CASES: Case[] = [
  // Decoding (issue problem 1).
  { name: "Latin-1 bytes read as UTF-8 are an error naming line and byte offset", files: { "r.csv": CAFE }, load: generic("r.csv"),
    expect: err("r.csv", 2, 'invalid UTF-8 at byte offset 20 (bytes e9 2c 31 2c); if the file is Latin-1 (ISO-8859-1), pass encoding: "latin1"') },
  { name: "the same file with encoding latin1 keeps café and cafè apart", files: { "r.csv": CAFE }, load: generic("r.csv", { encoding: "latin1" }),
    expect: loadsTriples(["caf\u00e9 1 4", "caf\u00e8 1 3"]) },
  { name: "valid UTF-8 ids with accents load exactly", files: { "r.csv": HEADER + "caf\u00e9,1,4\ncaf\u00e8,1,3\n" }, load: generic("r.csv"),
    expect: loadsTriples(["caf\u00e9 1 4", "caf\u00e8 1 3"]) },
  { name: "an invalid byte far into a large file names its line", files: { "r.csv": Buffer.concat([Buffer.from(bigFile(30000, "")), Buffer.from([0x78, 0xff, 0x2c, 0x31, 0x2c, 0x33, 0x0a])]) }, load: generic("r.csv"),
    expect: err("r.csv", 30001, /^invalid UTF-8 at byte offset \d+ \(bytes ff 2c 31 2c\)/) },
  { name: "a truncated multi-byte character at the end of the file", files: { "r.csv": Buffer.concat([Buffer.from(HEADER + "a,1,4\nb"), Buffer.from([0xc3])]) }, load: generic("r.csv"),
    expect: err("r.csv", 3, "invalid UTF-8 at byte offset 24 (bytes c3); if the file is Latin-1 (ISO-8859-1), pass encoding: \"latin1\"") },
  { name: "a UTF-8 byte-order mark is skipped", files: { "r.csv": "\ufeff" + HEADER + "1,1,4\n" }, load: generic("r.csv"), expect: loadsTriples(["1 1 4"]) },
  { name: "UTF-16LE with a byte-order mark, not asked for", files: { "r.csv": utf16(HEADER + "1,1,4\n") }, load: generic("r.csv"),
    expect: err("r.csv", undefined, 'is UTF-16 little-endian text (byte-order mark ff fe); pass encoding: "utf16le"') },
  { name: "UTF-16LE with encoding utf16le loads", files: { "r.csv": utf16(HEADER + "caf\u00e9,1,4\r\n2,\u65e5,3\r\n") }, load: generic("r.csv", { encoding: "utf16le" }),
    expect: loadsTriples(["caf\u00e9 1 4", "2 \u65e5 3"]) },
  { name: "UTF-16LE without a byte-order mark: NUL bytes suggest utf16le", files: { "r.csv": utf16(HEADER + "1,1,4\n", false) }, load: generic("r.csv"),
    expect: err("r.csv", 1, 'NUL byte at byte offset 1; it looks like UTF-16 text: pass encoding: "utf16le"') },
  { name: "UTF-16 big-endian is named and refused", files: { "r.csv": Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("\u0000u")]) }, load: generic("r.csv"),
    expect: err("r.csv", undefined, "is UTF-16 big-endian text (byte-order mark fe ff), which is not supported; convert it to UTF-8") },
  { name: "encoding utf16le on a UTF-8 file", files: { "r.csv": HEADER + "1,1,4\n" }, load: generic("r.csv", { encoding: "utf16le" }),
    expect: err("r.csv", undefined, /^was read with encoding: "utf16le" but has no UTF-16 byte-order mark and no NUL bytes/) },
  { name: "a NUL byte in a text file", files: { "r.csv": HEADER + "1,1,4\n2,\u0000,3\n" }, load: generic("r.csv"),
    expect: err("r.csv", 3, "NUL byte at byte offset 25; is it a binary file?") },
  { name: "an unknown encoding is a RangeError naming the option", files: { "r.csv": HEADER + "1,1,4\n" }, load: generic("r.csv", { encoding: "ascii" as "utf8" }),
    expect: { rangeError: /option `encoding` must be one of "utf8", "latin1", "utf16le", got "ascii"/ } },
  // Compression.
  { name: "a .gz file is read transparently", files: { "r.csv.gz": gz(HEADER + "1,1,4\n2,1,3.5\n") }, load: generic("r.csv.gz"), expect: loadsTriples(["1 1 4", "2 1 3.5"]) },
  { name: "gzip content under a .csv name", files: { "r.csv": gz(HEADER + "1,1,4\n") }, load: generic("r.csv"),
    expect: err("r.csv", undefined, "is gzip-compressed (starts with bytes 1f 8b) but its name does not end in .gz; rename it to end in .gz (read transparently) or decompress it") },
  { name: "a .gz name on plain text", files: { "r.csv.gz": HEADER + "1,1,4\n" }, load: generic("r.csv.gz"),
    expect: err("r.csv.gz", undefined, "is named .gz but is not gzip-compressed (it does not start with bytes 1f 8b)") },
  { name: "a truncated .gz file", files: { "r.csv.gz": gz(bigFile(2000, "")).subarray(0, 200) }, load: generic("r.csv.gz"),
    expect: err("r.csv.gz", undefined, /^cannot be decompressed \(.*\); is the \.gz file complete\?$/) },
  { name: "a zip archive given as the data file", files: { "r.csv": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) }, load: generic("r.csv"),
    expect: err("r.csv", undefined, "is a zip archive (starts with bytes 50 4b 03 04), not a text file; unpack it and load the file inside") },
  { name: "ml-1m ratings.dat.gz named explicitly", files: ml1m("", { "r.dat.gz": gz("1::1::5::978300760\n2::2::3::978300761\n") }), load: (d) => loadMovielens1m(d, { ratingsFile: "r.dat.gz" }),
    expect: loadsTriples(["1 1 5", "2 2 3"]) },
  { name: "a data-set folder with u.data.gz instead of u.data", files: { ...ML100K, "u.data.gz": gz("1\t1\t5\t874965758\n2\t2\t3\t874965759\n") }, load: (d) => loadMovielens100k(d),
    expect: loadsTriples(["1 1 5", "2 2 3"]) },
  { name: "ml-1m falls back to ratings.dat.gz", files: { ...ML1M, "ratings.dat.gz": gz("2::1::4::978300760\n") }, load: (d) => loadMovielens1m(d, { missingFeatures: "allow" }),
    expect: loadsTriples(["2 1 4"]) },
  // Line endings.
  { name: "CRLF line endings", files: { "r.csv": "user,item,rating\r\n1,1,4\r\n2,1,3\r\n" }, load: generic("r.csv"), expect: loadsTriples(["1 1 4", "2 1 3"]) },
  { name: "CR-only line endings are read as lines", files: { "r.csv": "user,item,rating\r1,1,4\r2,1,3\r" }, load: generic("r.csv"), expect: loadsTriples(["1 1 4", "2 1 3"]) },
  { name: "CR-only line endings in the LibimSeTi byte reader", files: lib("1,1,4\r2,1,3\r3,2,5"), load: (d) => loadLibimseti(d), expect: loadsTriples(["1 1 4", "2 1 3", "3 2 5"]) },
  { name: "blank lines and no final newline", files: { "r.csv": HEADER + "\n1,1,4\n\n  \n2,1,3" }, load: generic("r.csv"), expect: loadsTriples(["1 1 4", "2 1 3"]) },
  // Files and folders.
  { name: "a directory given as the data file", files: { "r.csv/x": "" }, load: generic("r.csv"), expect: err("r.csv", undefined, "is a directory, not a file (loadDelimited option `file`)") },
  { name: "a directory given as a loader's ratings file", files: ml100k("", { "sub/x": "" }), load: (d) => loadMovielens100k(d, { ratingsFile: "sub" }),
    expect: err("sub", undefined, "is a directory, not a file (loadMovielens100k expects sub there, from loadMovielens100k's option `ratingsFile`)") },
  { name: "a file given as the data set folder", files: { "f": "x" }, load: (d) => loadMovielensLatestSmall(path.join(d, "f")),
    expect: err("f", undefined, "is a file, not a directory (loadMovielensLatestSmall expects the data set folder here, from option `dir`)") },
  { name: "a missing file", files: {}, load: generic("r.csv"), expect: err("r.csv", undefined, "file not found (loadDelimited option `file`)") },
  { name: "an empty file", files: { "r.csv": "" }, load: generic("r.csv"), expect: err("r.csv", undefined, "file is empty (no ratings)") },
  { name: "a header and no ratings", files: { "r.csv": HEADER }, load: generic("r.csv"), expect: err("r.csv", undefined, "has a header but no ratings") },
  // Structure.
  { name: "a header read with the wrong delimiter gets the delimiter hint", files: { "r.csv": "user;item;rating\n1;1;4\n" }, load: generic("r.csv"),
    expect: err("r.csv", 1, `column "user" (user) not found in the header; columns are "user;item;rating"; the header did not split on ',': is the delimiter right?`) },
  { name: "a movies.csv header with the wrong delimiter gets the hint", files: { ...latest("1,1,4,100\n"), "movies.csv": "movieId;title;genres\n1;A;Drama\n" }, load: (d) => loadMovielensLatestSmall(d),
    expect: err("movies.csv", 1, `expected a header with columns "movieId" and "genres", got "movieId;title;genres"; the header did not split on ',': is the delimiter right?`) },
  { name: "a data line with the wrong delimiter gets the hint", files: { "r.csv": HEADER + "1,1,4\n2;1;3\n" }, load: generic("r.csv"),
    expect: err("r.csv", 3, "expected 3 fields separated by ',' (as in the header) but found 1; is the delimiter right?") },
  { name: "a truncated record", files: { "r.csv": HEADER + "1,1,4\n2,1\n" }, load: generic("r.csv"), expect: err("r.csv", 3, "expected 3 fields separated by ',' (as in the header) but found 2") },
  { name: "quoted fields with the delimiter inside", files: { "r.csv": HEADER + '"a,b",1,4\n"say ""hi""",1,3\n' }, load: generic("r.csv"), expect: loadsTriples(["a,b 1 4", 'say "hi" 1 3']) },
  { name: "an unterminated quote", files: { "r.csv": HEADER + '"a,1,4\n' }, load: generic("r.csv"), expect: err("r.csv", 2, "unterminated quoted field (fields spanning several lines are not supported)") },
  { name: "a 2 MB field is an error with a short excerpt", files: { "r.csv": HEADER + "1,1," + "x".repeat(2_000_000) + "\n" }, load: generic("r.csv"),
    expect: err("r.csv", 2, `rating "${"x".repeat(60)}..." is not a number`) },
  { name: "a bad line after 200,000 good ones", files: { "r.csv": bigFile(200_000, "7,7,seven\n") }, load: generic("r.csv"), expect: err("r.csv", 200_001, 'rating "seven" is not a number') },
  // Numbers.
  { name: "a rating that is not a number", files: { "r.csv": HEADER + "1,1,abc\n" }, load: generic("r.csv"), expect: err("r.csv", 2, 'rating "abc" is not a number') },
  { name: "an empty rating", files: { "r.csv": HEADER + "1,1,\n" }, load: generic("r.csv"), expect: err("r.csv", 2, 'rating "" is not a number') },
  ...["0x4", "4e0", "Infinity", "0b11", "4_0"].map((bad): Case => ({
    name: `rating ${bad} is not a plain decimal number`, files: { "r.csv": HEADER + `1,1,${bad}\n` }, load: generic("r.csv"),
    expect: err("r.csv", 2, bad === "4_0" ? 'rating "4_0" is not a number' : `rating "${bad}" is not a plain decimal number (digits with an optional sign and decimal point; no hexadecimal, exponent or Infinity)`),
  })),
  { name: "plain decimals with spaces, a sign and a bare point load", files: { "r.csv": HEADER + "1,1, 4.\n2,1,+3.50\n3,1,.5\n" }, load: generic("r.csv", { scale: { min: 0, max: 5 } }),
    expect: loadsTriples(["1 1 4", "2 1 3.5", "3 1 0.5"]) },
  { name: "a rating outside the scale", files: { "r.csv": HEADER + "1,1,5.5\n" }, load: generic("r.csv"), expect: err("r.csv", 2, "rating 5.5 is outside the declared scale 1 to 5 in steps of 0.5") },
  { name: "a rating off the scale's steps", files: { "r.csv": HEADER + "1,1,4.25\n" }, load: generic("r.csv"), expect: err("r.csv", 2, "rating 4.25 is not on the declared scale 1 to 5 in steps of 0.5") },
  { name: "a timestamp with an exponent", files: latest("1,1,4,1e9\n"), load: (d) => loadMovielensLatestSmall(d), expect: err("ratings.csv", 2, /^timestamp "1e9" is not a plain decimal number/) },
  { name: "LibimSeTi rating 0x4 off the fast path", files: lib("1,1,4\n2,1,0x4\n"), load: (d) => loadLibimseti(d), expect: err("ratings.dat", 2, /^rating "0x4" is not a plain decimal number/) },
  // Ids.
  { name: "generic loader: 17, 017 and 17.0 are three exact ids", files: { "r.csv": HEADER + "17,1,4\n017,1,3\n17.0,1,2\n" }, load: generic("r.csv"),
    expect: { loads: (r) => assert.deepEqual(r.userIds, ["17", "017", "17.0"]) } },
  { name: "generic loader with idType integer rejects 017", files: { "r.csv": HEADER + "17,1,4\n017,1,3\n" }, load: generic("r.csv", { idType: "integer" }),
    expect: err("r.csv", 3, 'user id "017" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  { name: "generic loader with idType integer rejects a sign", files: { "r.csv": HEADER + "1,+2,4\n" }, load: generic("r.csv", { idType: "integer" }),
    expect: err("r.csv", 2, 'item id "+2" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  { name: "generic loader with idType integer accepts 0", files: { "r.csv": HEADER + "0,10,4\n" }, load: generic("r.csv", { idType: "integer" }), expect: loadsTriples(["0 10 4"]) },
  { name: "an empty user id", files: { "r.csv": HEADER + " ,1,4\n" }, load: generic("r.csv"), expect: err("r.csv", 2, "user id is empty") },
  { name: "ml-1m 1:::10 is not item :10", files: ml1m("1:::10::5::978300760\n"), load: (d) => loadMovielens1m(d),
    expect: err("ratings.dat", 1, `item id ":10" starts or ends with ':'; is there an extra or missing ':' around the '::' delimiter?`) },
  { name: "ml-1m an empty field (1::::10)", files: ml1m("1::::10::5\n"), load: (d) => loadMovielens1m(d), expect: err("ratings.dat", 1, "item id is empty") },
  { name: "ml-1m an extra field", files: ml1m("1::1::5::978300760::x\n"), load: (d) => loadMovielens1m(d), expect: err("ratings.dat", 1, "expected 3 or 4 fields separated by '::' but found 5") },
  { name: "ml-100k user 01", files: ml100k("1\t1\t5\t874965758\n01\t2\t3\t874965759\n"), load: (d) => loadMovielens100k(d),
    expect: err("u.data", 2, 'user id "01" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  { name: "ml-latest-small movieId 1.0", files: latest("1,1.0,4,100\n"), load: (d) => loadMovielensLatestSmall(d),
    expect: err("ratings.csv", 2, 'item id "1.0" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  { name: "LibimSeTi 007 is not user 7", files: lib("7,1,4\n007,2,3\n", "7,M\n1,F\n2,U\n"), load: (d) => loadLibimseti(d),
    expect: err("ratings.dat", 2, 'UserID "007" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  { name: "LibimSeTi a bad line after 100,000 good ones", files: lib(Array.from({ length: 100_000 }, (_, k) => `${k + 1},${(k % 50) + 1},5\n`).join("") + "1,2,x\n", ""),
    load: (d) => loadLibimseti(d, { features: false }), expect: err("ratings.dat", 100_001, 'rating "x" is not a number') },
  { name: "ml-1m-loo negatives with a non-integer UserID", files: { ...LOO, "train.dat": "1::1::5\n" }, load: async (d) => (await loadMl1mLoo(d)).train,
    expect: err("test.negative.dat", 1, 'UserID "(1,2)" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
  // Duplicates (issue problem 3).
  { name: "a repeated pair is an error naming both lines", files: { "r.csv": HEADER + "1,1,4\n1,2,3\n\n1,1,5\n" }, load: generic("r.csv"),
    expect: err("r.csv", 5, 'user "1" and item "1" appear again (first on line 2; 1 repeated pair in all); pass duplicates: "first", "last" or "mean" to merge repeated ratings') },
  { name: "duplicates first keeps the first value", files: { "r.csv": HEADER + "1,1,4\n1,2,3\n1,1,5\n1,1,2\n" }, load: generic("r.csv", { duplicates: "first" }),
    expect: { loads: (r) => { assert.deepEqual(triples(r), ["1 1 4", "1 2 3"]); assert.equal(loadReport(r)!.duplicatesMerged, 2); } } },
  { name: "duplicates last keeps the last value in the first row's place", files: { "r.csv": HEADER + "1,1,4\n1,2,3\n1,1,5\n1,1,2\n" }, load: generic("r.csv", { duplicates: "last" }),
    expect: loadsTriples(["1 1 2", "1 2 3"]) },
  { name: "duplicates mean averages", files: { "r.csv": HEADER + "1,1,4\n1,2,3\n1,1,5\n1,1,1.5\n" }, load: generic("r.csv", { duplicates: "mean" }),
    expect: { loads: (r) => { assert.deepEqual(triples(r), ["1 1 3.5", "1 2 3"]); assert.deepEqual(loadReport(r), { duplicates: "mean", duplicatesMerged: 2 }); } } },
  { name: "duplicates sum is refused for explicit ratings", files: { "r.csv": HEADER + "1,1,4\n" }, load: generic("r.csv", { duplicates: "sum" }),
    expect: { rangeError: /duplicates: "sum" adds repeated rows up and is only for counts \(values: "counts"\); for explicit ratings use "first", "last" or "mean"/ } },
  { name: "duplicates sum adds counts", files: { "c.csv": "user,item,count\n1,1,2\n2,1,1\n1,1,3\n" },
    load: (d) => loadDelimited({ file: path.join(d, "c.csv"), header: true, columns: { user: "user", item: "item", rating: "count" }, scale: { min: 0, max: 100 }, values: "counts", duplicates: "sum" }),
    expect: loadsTriples(["1 1 5", "2 1 1"]) },
  { name: "an unknown duplicates policy", files: { "r.csv": HEADER + "1,1,4\n" }, load: generic("r.csv", { duplicates: "max" as "first" }),
    expect: { rangeError: /option `duplicates` must be one of "error", "first", "last", "mean", "sum", got "max"/ } },
  { name: "ml-100k repeated pair", files: ml100k("1\t1\t5\t874965758\n2\t1\t3\t874965759\n1\t1\t4\t874965760\n"), load: (d) => loadMovielens100k(d),
    expect: err("u.data", 3, /^user "1" and item "1" appear again \(first on line 1; 1 repeated pair in all\)/) },
  { name: "LibimSeTi repeated pair on the fast path", files: lib("1,2,4\n3,2,5\n1,2,6\n"), load: (d) => loadLibimseti(d),
    expect: err("ratings.dat", 3, /^user "1" and item "2" appear again \(first on line 1;/) },
  { name: "ml-1m last with timestamps keeps the last timestamp", files: ml1m("1::1::5::100\n1::1::3::200\n2::2::4::150\n"), load: (d) => loadMovielens1m(d, { duplicates: "last" }),
    expect: { loads: (r) => { assert.deepEqual(triples(r), ["1 1 3", "2 2 4"]); assert.deepEqual(Array.from(r.timestamps!), [200, 150]); } } },
  // Side features.
  { name: "a rated user without a u.user row", files: ml100k("1\t1\t5\t874965758\n3\t2\t3\t874965759\n"), load: (d) => loadMovielens100k(d),
    expect: err("u.user", undefined, '1 rated user has no row here (first: user "3"); add the rows, or pass missingFeatures: "allow" to load them with missing features') },
  { name: "missingFeatures allow: -1 / NaN features, counted", files: ml100k("1\t1\t5\t874965758\n3\t2\t3\t874965759\n"), load: (d) => loadMovielens100k(d, { missingFeatures: "allow" }),
    expect: { loads: (r) => {
      const age = r.userFeatures!.columns.find((c) => c.name === "age")!;
      assert.ok(age.kind === "numeric" && age.values[0] === 24 && Number.isNaN(age.values[1]));
      assert.deepEqual(loadReport(r)!.userFeatureRows!.map((s) => [s.missing, s.unmatched]), [[1, 1]]);
    } } },
  { name: "a rated movie without a movies.dat row", files: ml1m("1::3::5\n"), load: (d) => loadMovielens1m(d, { userFeatures: false }),
    expect: err("movies.dat", undefined, '1 rated item has no row here (first: item "3"); add the rows, or pass missingFeatures: "allow" to load them with missing features') },
  { name: "unmatched movies.dat rows are counted by default", files: ml1m("1::1::5\n"), load: (d) => loadMovielens1m(d),
    expect: { loads: (r) => assert.deepEqual(loadReport(r)!.itemFeatureRows!.map((s) => [s.missing, s.unmatched]), [[0, 1]]) } },
  { name: "unmatchedFeatureRows error names the first unmatched row", files: ml1m("1::1::5\n2::1::4\n"), load: (d) => loadMovielens1m(d, { unmatchedFeatureRows: "error" }),
    expect: err("movies.dat", 2, '1 row match no rated item (first: id "2"); remove them, or pass unmatchedFeatureRows: "allow"') },
  { name: "a rated LibimSeTi profile without a gender row", files: lib("1,9,5\n", "1,M\n"), load: (d) => loadLibimseti(d),
    expect: err("gender.dat", undefined, '1 rated profile has no row here (first: profile "9"); add the rows, or pass missingFeatures: "allow" to load them with gender code -1') },
  { name: "a u.user age in hexadecimal", files: ml100k("1\t1\t5\t874965758\n", { "u.user": "1|0x18|M|technician|85711\n" }), load: (d) => loadMovielens100k(d),
    expect: err("u.user", 1, 'age "0x18" is not a whole number') },
  { name: "a users.dat occupation code with an exponent", files: ml1m("1::1::5\n", { "users.dat": "1::F::1::1e1::48067\n" }), load: (d) => loadMovielens1m(d),
    expect: err("users.dat", 1, 'occupation "1e1" is not a code from 0 to 20') },
  { name: "movies.csv ids follow the integer rule too", files: { ...latest("1,1,4,100\n"), "movies.csv": "movieId,title,genres\n01,A,Drama\n" }, load: (d) => loadMovielensLatestSmall(d),
    expect: err("movies.csv", 2, 'movieId "01" is not an integer id (digits only, no sign, no leading zeros unless the id is 0)') },
];

test("the bad-input corpus holds at least 50 cases", () => {
  assert.ok(CASES.length >= 50, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, "case names are unique");
});

for (const c of CASES) {
  test(`bad input: ${c.name}`, async () => {
    const dir = tempDirWith(c.files);
    const run = c.load(dir);
    const e = c.expect;
    if ("loads" in e) {
      e.loads(await run);
      return;
    }
    if ("rangeError" in e) {
      await assert.rejects(run, (x: unknown) => {
        assert.ok(x instanceof RangeError, `expected a RangeError, got ${String(x)}`);
        assert.match(x.message, e.rangeError);
        return true;
      });
      return;
    }
    const file = path.join(dir, e.error.file);
    await assert.rejects(run, (x: unknown) => {
      assert.ok(x instanceof DataFormatError, `expected a DataFormatError, got ${String(x)}`);
      assert.equal(x.file, file);
      assert.equal(x.line, e.error.line);
      const prefix = e.error.line === undefined ? `${file}: ` : `${file} line ${e.error.line}: `;
      assert.ok(x.message.startsWith(prefix), `message ${JSON.stringify(x.message.slice(0, 200))} should start with ${JSON.stringify(prefix)}`);
      if (typeof e.error.detail === "string") assert.equal(x.detail, e.error.detail);
      else assert.match(x.detail, e.error.detail);
      assert.ok(x.message.length < 400, "the message stays short");
      return true;
    });
  });
}
