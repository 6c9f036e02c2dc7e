import { test } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadLibimseti } from "../../src/data/load-libimseti";
import { syntheticLibimsetiCounts, writeSyntheticLibimseti, SYNTHETIC_MARKER } from "../../src/data/synthetic-libimseti";
import type { CategoricalFeature } from "../../src/data/features";
import { tempDirWith } from "./tmp-files";

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const hashes = (dir: string) => ["ratings.dat", "gender.dat", SYNTHETIC_MARKER].map((f) => sha(path.join(dir, f)));

test("counts are the real shape times the scale", () => {
  assert.deepEqual(syntheticLibimsetiCounts(1), { ratings: 17359346, users: 135359, profiles: 168791 });
  assert.deepEqual(syntheticLibimsetiCounts(0.01), { ratings: 173593, users: 1354, profiles: 1688 });
  assert.throws(() => syntheticLibimsetiCounts(0.0005), /scale 0.0005 is too small/);
  assert.throws(() => syntheticLibimsetiCounts(0), /scale must be a number in \(0, 1\]/);
});

test("the same seed writes the same bytes; another seed other bytes", () => {
  const a = tempDirWith(), b = tempDirWith(), c = tempDirWith();
  writeSyntheticLibimseti(a, { scale: 0.003, seed: 5 });
  writeSyntheticLibimseti(b, { scale: 0.003, seed: 5 });
  writeSyntheticLibimseti(c, { scale: 0.003, seed: 6 });
  assert.deepEqual(hashes(a), hashes(b));
  assert.notEqual(hashes(a)[0], hashes(c)[0]);
  const head = fs.readFileSync(path.join(a, "ratings.dat"), "latin1").slice(0, 200);
  assert.match(head, /^1,\d+,(10|[1-9])\r\n/, "UserID,ProfileID,Rating with CRLF line ends");
});

test("the loader reads it back with the stated counts, labelled synthetic, with the planted gender effect", async () => {
  const dir = tempDirWith();
  const s = writeSyntheticLibimseti(dir, { scale: 0.004, seed: 3, genderEffect: 1.5 });
  const r = await loadLibimseti(dir);
  assert.equal(r.name, "libimseti-synthetic");
  assert.deepEqual([r.size, r.numUsers, r.numItems], [s.ratings, s.users, s.profiles]);
  assert.deepEqual([s.ratings, s.users, s.profiles], [69437, 541, 675]);
  assert.ok(r.values.every((v) => Number.isInteger(v) && v >= 1 && v <= 10));
  const gender = (t: typeof r.userFeatures) => (t?.columns as CategoricalFeature[]).find((x) => x.name === "gender")!;
  const gu = gender(r.userFeatures), gi = gender(r.itemFeatures);
  // mean rating of opposite-gender (M/F) pairs vs same-gender pairs: planted +1.5 vs -1.5 before rounding and clipping
  const sum = [0, 0], n = [0, 0];
  for (let k = 0; k < r.size; k++) {
    const a = gu.categories[gu.codes[r.users[k]]], b = gi.categories[gi.codes[r.items[k]]];
    if (a === "U" || b === "U") continue;
    const opposite = a !== b ? 1 : 0;
    sum[opposite] += r.values[k];
    n[opposite]++;
  }
  const gap = sum[1] / n[1] - sum[0] / n[0];
  assert.ok(n[0] > 1000 && n[1] > 1000);
  assert.ok(gap > 2 && gap < 3.2, `opposite minus same gender mean rating ${gap.toFixed(2)}, planted 3 (less some clipping)`);
  // without the marker the same files are the real data set's name
  fs.rmSync(path.join(dir, SYNTHETIC_MARKER));
  assert.equal((await loadLibimseti(dir)).name, "libimseti");
});
