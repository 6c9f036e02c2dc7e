/** Known counts of the real data sets in ../shared/data (skipped where a folder is absent). */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { loadMovielensLatestSmall } from "../../src/data/load-movielens-latest-small";
import { loadMovielens100k } from "../../src/data/load-movielens-100k";
import { loadMovielens1m } from "../../src/data/load-movielens-1m";
import { loadMl1mLoo } from "../../src/data/load-ml-1m-loo";
import type { Ratings } from "../../src/data/ratings";
import type { CategoricalFeature } from "../../src/data/features";

const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const REPO_DATA = path.resolve(__dirname, "..", "..", "data");

function folder(dir: string): { skip: string | false } {
  return { skip: fs.existsSync(dir) ? false : `${dir} is absent` };
}

function assertDenseAndInRange(r: Ratings): void {
  let maxU = -1;
  let maxI = -1;
  for (let k = 0; k < r.size; k++) {
    maxU = Math.max(maxU, r.users[k]);
    maxI = Math.max(maxI, r.items[k]);
    assert.ok(r.values[k] >= r.scale.min && r.values[k] <= r.scale.max);
  }
  assert.equal(maxU + 1, r.numUsers, "every user index has ratings");
  assert.equal(maxI + 1, r.numItems, "every item index has ratings");
}

const noMissing = (c: CategoricalFeature): boolean => Array.from(c.codes).every((x) => x >= 0 && x < c.categories.length);

for (const [label, dir] of [
  ["shared copy", path.join(SHARED, "ml-latest-small")],
  ["repository copy", path.join(REPO_DATA, "ml-latest-small")],
] as const) {
  test(`ml-latest-small (${label}): 100,836 ratings, 610 users, 9,724 rated items`, folder(dir), async () => {
    const r = await loadMovielensLatestSmall(dir);
    assert.equal(r.size, 100836);
    assert.equal(r.numUsers, 610);
    assert.equal(r.numItems, 9724);
    assert.equal(r.timestamps!.length, 100836);
    assertDenseAndInRange(r);
    const genres = r.itemFeatures!.columns[0];
    assert.equal(genres.kind, "multi-hot");
    if (genres.kind === "multi-hot") assert.equal(genres.labels.length, 19);
  });
}

test("ml-100k: 100,000 ratings, 943 users, 1,682 items, complete features", folder(path.join(SHARED, "ml-100k")), async () => {
  const r = await loadMovielens100k(path.join(SHARED, "ml-100k"));
  assert.equal(r.size, 100000);
  assert.equal(r.numUsers, 943);
  assert.equal(r.numItems, 1682);
  assertDenseAndInRange(r);
  const cols = r.userFeatures!.columns;
  assert.deepEqual(cols.map((c) => c.name), ["gender", "age", "age-group", "occupation"]);
  for (const c of cols) if (c.kind === "categorical") assert.ok(noMissing(c), c.name);
  const occupation = cols[3] as CategoricalFeature;
  assert.equal(occupation.categories.length, 21);
  const base = await loadMovielens100k(path.join(SHARED, "ml-100k"), { ratingsFile: "u1.base", userFeatures: false, itemFeatures: false });
  assert.equal(base.size, 80000);
});

test("ml-1m: derived ratings file, 1,000,177 rows, 6,040 users; users.dat features", folder(path.join(SHARED, "ml-1m")), async () => {
  const dir = path.join(SHARED, "ml-1m");
  const r = await loadMovielens1m(dir);
  assert.equal(r.size, 1000177);
  assert.equal(r.numUsers, 6040);
  assert.equal(r.timestamps, undefined);
  assertDenseAndInRange(r);
  for (const c of r.userFeatures!.columns) if (c.kind === "categorical") assert.ok(noMissing(c), c.name);
  const prefix = await loadMovielens1m(dir, { ratingsFile: "ratings.first487650lines.dat", userFeatures: false, itemFeatures: false });
  assert.equal(prefix.size, 487650);
  assert.equal(prefix.numUsers, 2999);
  assert.equal(prefix.timestamps!.length, 487650);
});

test("ml-1m-loo: train 994,137, test 6,040, negatives 6,040 x 99", folder(path.join(SHARED, "ml-1m-loo")), async () => {
  const { train, test: held, negatives, negativesPerUser } = await loadMl1mLoo(path.join(SHARED, "ml-1m-loo"));
  assert.equal(train.size, 994137);
  assert.equal(held.size, 6040);
  assert.equal(negativesPerUser, 99);
  assert.equal(negatives.length, 6040 * 99);
  assert.equal(held.numUsers, 6040);
  assert.equal(train.numItems, held.numItems);
  for (let k = 0; k < negatives.length; k++) assert.ok(negatives[k] >= 0 && negatives[k] < train.numItems);
});
