import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "path";
import { loadMovielensLatestSmall } from "../../src/data/load-movielens-latest-small";
import { loadMovielens100k } from "../../src/data/load-movielens-100k";
import { loadMovielens1m, ML_1M_OCCUPATIONS } from "../../src/data/load-movielens-1m";
import type { CategoricalFeature, Feature, FeatureTable, MultiHotFeature, NumericFeature } from "../../src/data/features";
import { latin1, tempDirWith } from "./tmp-files";

function column<K extends Feature["kind"]>(t: FeatureTable | undefined, name: string, kind: K): Extract<Feature, { kind: K }> {
  const c = t?.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name} missing`);
  assert.equal(c.kind, kind);
  return c as Extract<Feature, { kind: K }>;
}

function rows(m: MultiHotFeature): number[][] {
  const w = m.labels.length;
  const out: number[][] = [];
  for (let r = 0; r < m.matrix.length / w; r++) out.push(Array.from(m.matrix.subarray(r * w, (r + 1) * w)));
  return out;
}

test("ml-latest-small: ratings.csv with header, movies.csv genres with quoted titles", async () => {
  const dir = tempDirWith({
    "ratings.csv": "userId,movieId,rating,timestamp\n10,100,4.0,1000\n10,200,3.5,1001\n20,100,0.5,1002\n30,300,5.0,1003\n\n",
    "movies.csv":
      'movieId,title,genres\n100,"Hello, World (1999)",Comedy|Drama\n200,Plain (2000),(no genres listed)\n300,"Quote ""x"", y (2001)",Action\n400,Unrated,Horror\n',
  });
  const r = await loadMovielensLatestSmall(dir);
  assert.equal(r.name, "ml-latest-small");
  assert.equal(r.size, 4);
  assert.deepEqual(r.userIds, ["10", "20", "30"]);
  assert.deepEqual(r.itemIds, ["100", "200", "300"]);
  assert.deepEqual(Array.from(r.users), [0, 0, 1, 2]);
  assert.deepEqual(Array.from(r.items), [0, 1, 0, 2]);
  assert.deepEqual(Array.from(r.values), [4, 3.5, 0.5, 5]);
  assert.deepEqual(Array.from(r.timestamps!), [1000, 1001, 1002, 1003]);
  assert.deepEqual(r.scale, { min: 0.5, max: 5, step: 0.5 });
  assert.equal(r.userFeatures, undefined);
  assert.equal(r.itemFeatures!.rows, 3);
  const genres = column(r.itemFeatures, "genres", "multi-hot");
  assert.deepEqual(genres.labels, ["Action", "Comedy", "Drama", "Horror"]);
  assert.deepEqual(rows(genres), [
    [0, 1, 1, 0],
    [0, 0, 0, 0],
    [1, 0, 0, 0],
  ]);
  const bare = await loadMovielensLatestSmall(dir, { itemFeatures: false });
  assert.equal(bare.itemFeatures, undefined);
});

function ml100kFiles(): Record<string, string | Buffer> {
  return {
    "u.data": "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t5\t881250950\n22\t377\t1\t878887116\n",
    "u1.base": "22\t377\t1\t878887116\n",
    "u.user": "22|25|M|writer|40206\n186|39|F|executive|00000\n196|49|M|writer|55105\n",
    "u.occupation": "executive\nwriter\n",
    "u.genre": "unknown|0\nAction|1\nComedy|2\n\n",
    "u.item": latin1(
      "242|Kolya (1996)|24-Jan-1997||http://x|0|0|1\n302|L.A. Confidential (1997)|01-Jan-1997||http://x|0|1|0\n" +
        "377|Heavyweights (1994)|01-Jan-1994||http://x|0|0|1\n999|Café Olé (1998)|01-Jan-1998||http://x|1|0|0\n",
    ),
  };
}

test("ml-100k: u.data, user features from u.user, genres from u.item/u.genre", async () => {
  const dir = tempDirWith(ml100kFiles());
  const r = await loadMovielens100k(dir);
  assert.equal(r.name, "ml-100k");
  assert.equal(r.size, 4);
  assert.deepEqual(r.userIds, ["196", "186", "22"]);
  assert.deepEqual(r.itemIds, ["242", "302", "377"]);
  assert.deepEqual(Array.from(r.users), [0, 1, 0, 2]);
  assert.deepEqual(Array.from(r.items), [0, 1, 1, 2]);
  assert.deepEqual(Array.from(r.values), [3, 3, 5, 1]);
  assert.equal(r.timestamps![3], 878887116);
  assert.deepEqual(r.scale, { min: 1, max: 5, step: 1 });
  const gender = column(r.userFeatures, "gender", "categorical");
  assert.deepEqual(gender.categories, ["M", "F"]);
  assert.deepEqual(Array.from(gender.codes), [0, 1, 0]);
  const age: NumericFeature = column(r.userFeatures, "age", "numeric");
  assert.deepEqual(Array.from(age.values), [49, 39, 25]);
  const group: CategoricalFeature = column(r.userFeatures, "age-group", "categorical");
  assert.deepEqual(Array.from(group.codes).map((c) => group.categories[c]), ["45-49", "35-44", "25-34"]);
  const occupation = column(r.userFeatures, "occupation", "categorical");
  assert.deepEqual(occupation.categories, ["executive", "writer"]);
  assert.deepEqual(Array.from(occupation.codes), [1, 0, 1]);
  const genres = column(r.itemFeatures, "genres", "multi-hot");
  assert.deepEqual(genres.labels, ["unknown", "Action", "Comedy"]);
  assert.deepEqual(rows(genres), [
    [0, 0, 1],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  const base = await loadMovielens100k(dir, { ratingsFile: "u1.base", userFeatures: false, itemFeatures: false });
  assert.equal(base.size, 1);
  assert.equal(base.userFeatures, undefined);
});

function ml1mFiles(): Record<string, string | Buffer> {
  return {
    "users.dat": "1::F::1::10::48067\n2::M::56::16::70072\n",
    "movies.dat": latin1(
      "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n2000::Café (1999)::Comedy\n",
    ),
  };
}

test("ml-1m: ratings.dat with timestamps, users.dat and movies.dat features", async () => {
  const dir = tempDirWith({ ...ml1mFiles(), "ratings.dat": "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n" });
  const r = await loadMovielens1m(dir);
  assert.equal(r.name, "ml-1m");
  assert.deepEqual(r.userIds, ["1", "2"]);
  assert.deepEqual(r.itemIds, ["1193", "661"]);
  assert.deepEqual(Array.from(r.users), [0, 0, 1]);
  assert.deepEqual(Array.from(r.items), [0, 1, 0]);
  assert.deepEqual(Array.from(r.values), [5, 3, 4]);
  assert.deepEqual(Array.from(r.timestamps!), [978300760, 978302109, 978298413]);
  const gender = column(r.userFeatures, "gender", "categorical");
  assert.deepEqual(Array.from(gender.codes), [1, 0]);
  const group = column(r.userFeatures, "age-group", "categorical");
  assert.deepEqual(Array.from(group.codes).map((c) => group.categories[c]), ["Under 18", "56+"]);
  const occupation = column(r.userFeatures, "occupation", "categorical");
  assert.deepEqual(occupation.categories, ML_1M_OCCUPATIONS);
  assert.deepEqual(Array.from(occupation.codes), [10, 16]);
  assert.equal(occupation.categories[10], "K-12 student");
  const genres = column(r.itemFeatures, "genres", "multi-hot");
  assert.deepEqual(genres.labels, ["Animation", "Children's", "Comedy", "Drama", "Musical"]);
  assert.deepEqual(rows(genres), [
    [0, 0, 0, 1, 0],
    [1, 1, 0, 0, 1],
  ]);
});

test("ml-1m: falls back to the derived 3-field file when ratings.dat is absent", async () => {
  const dir = tempDirWith({ ...ml1mFiles(), "derived/ratings_user_movie_rating.dat": "1::661::3\n1::1193::5\n2::1193::4\n\n" });
  const r = await loadMovielens1m(dir);
  assert.equal(r.size, 3);
  assert.equal(r.timestamps, undefined);
  assert.deepEqual(r.itemIds, ["661", "1193"]);
  const custom = await loadMovielens1m(dir, { ratingsFile: "derived/ratings_user_movie_rating.dat", userFeatures: false, itemFeatures: false });
  assert.equal(custom.size, 3);
  const only = tempDirWith(ml1mFiles());
  await assert.rejects(loadMovielens1m(only), (e: Error) =>
    e.message.includes(path.join(only, "ratings.dat")) && e.message.includes(path.join(only, "derived/ratings_user_movie_rating.dat")) && e.message.includes("loadMovielens1m"),
  );
  await assert.rejects(loadMovielens1m(dir, { ratingsFile: "mine.dat" }), /mine\.dat: file not found \(named by loadMovielens1m's option `ratingsFile`/);
});
