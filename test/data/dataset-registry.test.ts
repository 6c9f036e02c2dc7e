import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { datasetCandidates, datasetDir, loadDataset } from "../../src/data/dataset-registry";
import { repoRoot } from "../../src/repo-root";
import { tempDirWith } from "./tmp-files";

test("repoRoot is the repository root", () => {
  assert.equal(repoRoot(), path.resolve(__dirname, "..", ".."));
  assert.ok(fs.existsSync(path.join(repoRoot(), "package.json")));
});

test("default folders: committed data, then ../shared/data, then the cache", () => {
  const root = repoRoot();
  assert.deepEqual(datasetCandidates("ml-latest-small")[0], path.join(root, "data", "ml-latest-small"));
  assert.deepEqual(datasetCandidates("ml-100k"), [path.join(root, "..", "shared", "data", "ml-100k"), path.join(root, "data", "cache", "ml-100k")]);
  assert.deepEqual(datasetCandidates("libimseti"), [path.join(root, "data", "cache", "libimseti")]);
  assert.equal(datasetDir("ml-1m", "some/where"), path.resolve("some/where"));
});

test("loadDataset passes dir and options to the loader", async () => {
  const dir = tempDirWith({ "ratings.dat": "1,2,3\n", "gender.dat": "1,M\n2,F\n" });
  const r = await loadDataset("libimseti", { dir });
  assert.equal(r.name, "libimseti");
  assert.equal(r.size, 1);
  const bare = await loadDataset("libimseti", { dir, features: false });
  assert.equal(bare.userFeatures, undefined);
});

test("loadDataset('ml-latest-small') reads the committed copy by default", { skip: fs.existsSync(path.join(repoRoot(), "data", "ml-latest-small")) ? false : "data/ml-latest-small is absent" }, async () => {
  const r = await loadDataset("ml-latest-small", { itemFeatures: false });
  assert.equal(r.size, 100836);
});

test("a data set that is nowhere gives an error naming the folders and the downloader", { skip: fs.existsSync(path.join(repoRoot(), "data", "cache", "libimseti")) ? "a libimseti cache exists" : false }, async () => {
  await assert.rejects(loadDataset("libimseti"), /libimseti not found; looked in .*data\/cache\/libimseti\. Run downloadDataset\("libimseti"\)/);
  await assert.rejects(loadDataset("nope" as "ml-1m"), /"nope" is neither a known data set \(ml-latest-small, .*\) nor a file \(looked in .*\); give a registered name, a path to a delimited ratings file or a path to a .json data-set descriptor/);
});
