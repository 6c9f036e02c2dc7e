import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { categoricalColumn, featureTable, multiHotColumn, numericColumn } from "../../src/data/feature-columns";
import { encodeFeatureTable, encodedWidth, selectColumns } from "../../src/models/features/feature-encoding";
import { FeatureEmbedder } from "../../src/models/features/feature-embedder";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

// Four entities: gender (row 2 missing), age (row 1 missing; row 3 is not a training row), genres.
const table = featureTable(4, [
  categoricalColumn("gender", ["M", "F", undefined, "M"], ["M", "F"]),
  numericColumn("age", [20, NaN, 40, 30]),
  multiHotColumn("genres", [["A", "B"], [], ["C"], ["A", "B", "C"]], ["A", "B", "C"]),
]);
const trainRows = Uint8Array.from([1, 1, 1, 0]);
const close = (a: ArrayLike<number>, b: number[], what: string) => {
  assert.equal(a.length, b.length, what);
  for (let k = 0; k < b.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-6, `${what}[${k}]: ${a[k]} vs ${b[k]}`);
};

test("categorical codes map to embedding rows, code -1 to the extra missing slot", () => {
  const e = encodeFeatureTable(table, 4, trainRows, { columns: ["gender"], multiHot: "bag", numericMissingFlag: false });
  assert.equal(e.categorical.length, 1);
  assert.deepEqual(Array.from(e.categorical[0].index), [0, 1, 2, 0]);
  assert.equal(e.categorical[0].slots, 3);
  assert.equal(e.denseWidth, 0);
});

test("numeric columns are standardised with the training rows' mean and std; NaN -> 0 plus a missing flag", () => {
  // Training rows with a value: 20 and 40 (row 1 is NaN, row 3 is not a training row): mean 30, std 10.
  const e = encodeFeatureTable(table, 4, trainRows, { columns: ["age"], multiHot: "bag", numericMissingFlag: true });
  assert.deepEqual(e.numericStats, [{ name: "age", mean: 30, std: 10 }]);
  assert.deepEqual(e.denseNames, ["age", "age:missing"]);
  // Row-major [rows, 2]: (standardised age, missing flag).
  close(e.dense, [-1, 0, 0, 1, 1, 0, 0, 0], "dense");
  const noFlag = encodeFeatureTable(table, 4, trainRows, { columns: ["age"], multiHot: "bag", numericMissingFlag: false });
  close(noFlag.dense, [-1, 0, 1, 0], "dense without flags");
});

test("multi-hot columns become mean-of-embeddings bag weights, or raw 0/1 columns", () => {
  const bag = encodeFeatureTable(table, 4, trainRows, { columns: ["genres"], multiHot: "bag", numericMissingFlag: true });
  assert.equal(bag.bags.length, 1);
  assert.equal(bag.bags[0].labels, 3);
  close(bag.bags[0].weights, [0.5, 0.5, 0, 0, 0, 0, 0, 0, 1, 1 / 3, 1 / 3, 1 / 3], "bag weights");
  const raw = encodeFeatureTable(table, 4, trainRows, { columns: ["genres"], multiHot: "raw", numericMissingFlag: true });
  assert.equal(raw.bags.length, 0);
  assert.deepEqual(raw.denseNames, ["genres=A", "genres=B", "genres=C"]);
  close(raw.dense, [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], "raw");
});

test("all columns by default; width counts embeddings and dense entries; unknown columns are named", () => {
  const e = encodeFeatureTable(table, 4, trainRows, { columns: "all", multiHot: "bag", numericMissingFlag: true });
  assert.equal(encodedWidth(e, 4), 2 * 4 + 2, "gender and genres embeddings of 4, age and its flag");
  assert.deepEqual(selectColumns(table, ["genres", "gender"], "x").map((c) => c.name), ["genres", "gender"]);
  assert.throws(() => selectColumns(table, ["height"], "MlpRatingConfig.features.userColumns"), /userColumns: unknown feature column "height".*gender, age, genres/);
  assert.throws(() => selectColumns(undefined, ["age"], "cols"), /unknown feature column "age"/);
  assert.equal(selectColumns(undefined, "all", "cols").length, 0, "no table, all columns: no features");
  assert.throws(() => encodeFeatureTable(table, 5, new Uint8Array(5), { columns: "all", multiHot: "bag", numericMissingFlag: true }), /5/);
});

test("the embedder's vector of an entity is [its category's row, its bag mean, its dense values]", () => {
  const e = encodeFeatureTable(table, 4, trainRows, { columns: "all", multiHot: "bag", numericMissingFlag: true });
  const embedder = new FeatureEmbedder(e, 2, 0.5, new Rng(3));
  const [genderTable, genreTable] = embedder.variables().map((v) => Array.from(v.dataSync()));
  const index = tf.tensor1d([2, 3], "int32");
  const out = embedder.embed(index)!;
  const vectors = Array.from(out.vectors.dataSync());
  const squaredNorm = out.squaredNorm.dataSync()[0];
  tf.dispose([index, out.vectors, out.squaredNorm]);
  // Entity 2: gender missing -> slot 2; genres {C}; age 40 -> 1, not missing.
  const g = (slot: number) => genderTable.slice(slot * 2, slot * 2 + 2);
  const genre = (l: number) => genreTable.slice(l * 2, l * 2 + 2);
  const mean3 = [0, 1].map((d) => (genre(0)[d] + genre(1)[d] + genre(2)[d]) / 3);
  // Entity 3: gender M -> slot 0; genres {A, B, C}; age 30 -> 0.
  const expected = [...g(2), ...genre(2), 1, 0, ...g(0), ...mean3, 0, 0];
  close(vectors, expected, "vectors");
  const learned = [...g(2), ...genre(2), ...g(0), ...mean3];
  assert.ok(Math.abs(squaredNorm - learned.reduce((s, v) => s + v * v, 0)) < 1e-5);
  const before = tf.memory().numTensors;
  embedder.dispose();
  assert.equal(tf.memory().numTensors, before - 5, "two tables, one code tensor, one bag-weight tensor, one dense block");
});
