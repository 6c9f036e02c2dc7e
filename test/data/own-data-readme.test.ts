/**
 * README "Your own data": every command's DATASET loads (with the descriptors shown in the README, written next to
 * small data files of the shapes it describes) the way its notebook loads it, and names a notebook that has a
 * DATASET parameter. The notebook runs themselves are in test/notebooks/own-data.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../../src/data/dataset-registry";
import { readNotebook, sourceText } from "../../src/runner/nbformat";
import { tempDirWith } from "./tmp-files";

const repo = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Your own data"), readme.indexOf("\n## ", readme.indexOf("## Your own data") + 3));

const ratingNotebooks = ["collaborative-filtering", "matrix-factorization", "mlp", "hybrid"];

/** Small files of the README's shapes, under my-data/. */
function dataFiles(): Record<string, string> {
  const ratings = ["userId,movieId,rating,timestamp"];
  const wide = ["user," + Array.from({ length: 6 }, (_, i) => `joke${i}`).join(",")];
  const plays = ["user_id\tartist\tplays"];
  for (let u = 1; u <= 6; u++) {
    for (let i = 1; i <= 6; i++) if ((u + i) % 3 !== 0) ratings.push(`${u},${10 + i},${1 + ((u * i) % 5)},${1000 + u * 10 + i}`);
    wide.push(`u${u},` + Array.from({ length: 6 }, (_, i) => ((u + i) % 3 === 0 ? "99" : String(((u * 7 + i * 3) % 21) - 10))).join(","));
    for (let i = 1; i <= 4; i++) plays.push(`listener ${u}\tartist ${(u + i) % 7}\t${u * i * 3}`);
  }
  return {
    "my-data/ratings.csv": ratings.join("\n") + "\n",
    "my-data/jokes.csv": wide.join("\n") + "\n",
    "my-data/plays.tsv": plays.join("\n") + "\n",
    "my-data/users.csv": "userId,age,gender\n" + [1, 2, 3, 4, 5, 6].map((u) => `${u},${20 + u},${u % 2 ? "F" : "M"}`).join("\n") + "\n",
    "my-data/movies.csv": "movieId,genres\n" + [11, 12, 13, 14, 15, 16].map((i) => `${i},${i % 2 ? "Comedy|Drama" : "Drama"}`).join("\n") + "\n",
  };
}

test("README 'Your own data': its descriptors and commands load the data the way the named notebook does", async () => {
  const descriptors = Array.from(section.matchAll(/with\s+`(my-data\/[\w.-]+\.json)`:\s*```json\n([\s\S]*?)```/g), (m) => [m[1], m[2]] as const);
  assert.deepEqual(descriptors.map(([f]) => f), ["my-data/jokes.json", "my-data/plays.json", "my-data/movies.json"]);
  const dir = tempDirWith({ ...dataFiles(), ...Object.fromEntries(descriptors.map(([f, json]) => [f, json])) });
  const commands = Array.from(section.matchAll(/npm run experiments -- (notebooks\/[\w-]+\.ipynb) --param DATASET=(\S+)/g), (m) => [m[1], m[2]] as const);
  assert.equal(commands.length, 5, "one command per case");
  for (const [notebook, dataset] of commands) {
    const cells = readNotebook(path.join(repo, notebook)).cells.map((c) => sourceText(c.source));
    assert.ok(cells.some((c) => /^const DATASET = /m.test(c)), `${notebook} has a DATASET parameter`);
    const explicit = ratingNotebooks.some((n) => notebook.endsWith(`/${n}.ipynb`));
    const r = await loadDataset(dataset, { dir: dir, log: () => {}, ...(explicit ? { feedback: "explicit" as const } : {}) });
    assert.ok(r.size > 0, `${dataset} loads`);
    if (dataset.endsWith("jokes.json")) assert.deepEqual(r.scale, { min: -10, max: 10 });
    if (dataset.endsWith("plays.json")) assert.deepEqual(r.implicitCounts, { confidence: { scheme: "log", alpha: 1, epsilon: 1 } });
    if (dataset.endsWith("plays.tsv")) assert.deepEqual(r.implicitCounts, {});
    if (dataset.endsWith("movies.json")) {
      assert.deepEqual(r.userFeatures!.columns.map((c) => [c.name, c.kind]), [["age", "numeric"], ["gender", "categorical"]]);
      assert.deepEqual(r.itemFeatures!.columns.map((c) => [c.name, c.kind]), [["genres", "multi-hot"]]);
    }
  }
});
