import { test } from "node:test";
import assert from "node:assert/strict";
import { loadLibimseti, LIBIMSETI_GENDERS } from "../../src/data/load-libimseti";
import type { CategoricalFeature } from "../../src/data/features";
import { loadReport } from "../../src/data/load-report";
import { tempDirWith } from "./tmp-files";

const RATINGS = "1,133,8\n1,720,6\n5,1,10\r\n133,1,1\r\n42,999,3\n\n";
const GENDERS = "1,F\n5,M\n133,U\n720,M\n42,F\n";

function gender(t: { columns: readonly unknown[] } | undefined): CategoricalFeature {
  const c = (t?.columns as CategoricalFeature[]).find((x) => x.name === "gender");
  assert.ok(c && c.kind === "categorical");
  return c;
}

test("libimseti: ratings.dat users and profiles, gender of users and of rated profiles", async () => {
  const dir = tempDirWith({ "ratings.dat": RATINGS, "gender.dat": GENDERS });
  const progress: number[] = [];
  await assert.rejects(loadLibimseti(dir), /gender\.dat: 1 rated profile has no row here \(first: profile "999"\); add the rows, or pass missingFeatures: "allow"/);
  const r = await loadLibimseti(dir, { onProgress: (n) => progress.push(n), progressEvery: 2, missingFeatures: "allow" });
  assert.equal(r.name, "libimseti");
  assert.equal(r.size, 5);
  assert.deepEqual(r.userIds, ["1", "5", "133", "42"]);
  assert.deepEqual(r.itemIds, ["133", "720", "1", "999"]);
  assert.deepEqual(Array.from(r.users), [0, 0, 1, 2, 3]);
  assert.deepEqual(Array.from(r.items), [0, 1, 2, 2, 3]);
  assert.deepEqual(Array.from(r.values), [8, 6, 10, 1, 3]);
  assert.equal(r.timestamps, undefined);
  assert.deepEqual(r.scale, { min: 1, max: 10, step: 1 });
  assert.deepEqual(progress, [2, 4]);
  const ug = gender(r.userFeatures);
  assert.deepEqual(ug.categories, LIBIMSETI_GENDERS);
  assert.deepEqual(Array.from(ug.codes).map((c) => ug.categories[c]), ["F", "M", "U", "F"]);
  const ig = gender(r.itemFeatures);
  // Profile 999 is not in gender.dat: missing (-1).
  assert.deepEqual(Array.from(ig.codes), [2, 0, 1, -1]);
  assert.equal(r.itemFeatures!.rows, 4);
  assert.equal(r.userFeatures!.rows, 4);
  const report = loadReport(r)!;
  assert.deepEqual(report.itemFeatureRows!.map((s) => [s.missing, s.unmatched]), [[1, 0]]);
  assert.deepEqual(report.userFeatureRows!.map((s) => [s.missing, s.unmatched]), [[0, 0]]);
  assert.equal(report.duplicatesMerged, 0);
});

test("libimseti: lines off the fast path (spaces, long ids) still load", async () => {
  const dir = tempDirWith({ "ratings.dat": " 7 , 8 , 9\n12345678901,2,3\n", "gender.dat": "7,M\n" });
  const r = await loadLibimseti(dir, { missingFeatures: "allow" });
  assert.deepEqual(r.userIds, ["7", "12345678901"]);
  assert.deepEqual(Array.from(r.values), [9, 3]);
  assert.deepEqual(Array.from(gender(r.userFeatures).codes), [0, -1]);
});

test("libimseti: without features, gender.dat is not needed", async () => {
  const dir = tempDirWith({ "ratings.dat": RATINGS });
  const r = await loadLibimseti(dir, { features: false });
  assert.equal(r.size, 5);
  assert.equal(r.userFeatures, undefined);
  await assert.rejects(loadLibimseti(dir), /gender\.dat: file not found \(loadLibimseti expects gender\.dat/);
});

test("libimseti: a large synthetic file matches a straightforward parse", async () => {
  let text = "";
  const expected: number[][] = [];
  let x = 12345;
  const seen = new Set<string>();
  for (let k = 0; k < 50000; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const u = 1 + (x % 3000);
    const p = 1 + ((x >> 8) % 5000);
    const v = 1 + ((x >> 4) % 10);
    if (seen.has(`${u},${p}`)) continue; // repeated pairs are an error by default
    seen.add(`${u},${p}`);
    text += `${u},${p},${v}\n`;
    expected.push([u, p, v]);
  }
  const dir = tempDirWith({ "ratings.dat": text });
  const r = await loadLibimseti(dir, { features: false });
  assert.equal(r.size, expected.length);
  for (let k = 0; k < r.size; k += 997) {
    assert.equal(r.userIds[r.users[k]], String(expected[k][0]));
    assert.equal(r.itemIds[r.items[k]], String(expected[k][1]));
    assert.equal(r.values[k], expected[k][2]);
  }
});
