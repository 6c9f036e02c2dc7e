/** HeapFeatures: the side features of a fused step on the wasm heap, the bits of feature-gradients.ts's loops. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower } from "../../src/backend/fused-tower";
import { HeapIdRows } from "../../src/backend/heap-id-rows";
import { FeatureEmbedder } from "../../src/models/features/feature-embedder";
import type { EncodedFeatures } from "../../src/models/features/feature-encoding";
import { featureTableGradients, featureValues } from "../../src/models/features/feature-gradients";
import { HeapFeatures } from "../../src/models/features/heap-features";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

/** An encoding of `rows` entities: two categorical columns and two bags (one with no labels), no dense block. */
function encoding(rows: number, rng: Rng): EncodedFeatures {
  const labels = 5;
  const weights = new Float32Array(rows * labels);
  for (let r = 0; r < rows; r++) {
    const present = [0, 1, 2, 3, 4].filter(() => rng.next() < 0.5); // some rows have no label: an all-zero bag
    for (const l of present) weights[r * labels + l] = 1 / present.length;
  }
  return {
    rows,
    categorical: [
      { name: "a", index: Int32Array.from({ length: rows }, () => rng.int(3)), slots: 3 },
      { name: "b", index: Int32Array.from({ length: rows }, () => rng.int(6)), slots: 6 },
    ],
    bags: [{ name: "tags", weights, labels }, { name: "empty", weights: new Float32Array(0), labels: 0 }],
    dense: new Float32Array(0), denseWidth: 0, denseNames: [], numericStats: [],
  };
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("HeapFeatures", () => {
  it("writes the feature vectors and gives the tables' gradients of the JavaScript loops, bit for bit", (t) => {
    if (!HeapIdRows.available()) return t.skip("the feature kernels need the wasm backend");
    const rng = new Rng(8);
    const [numUsers, numItems, dim, n] = [9, 7, 3, 21];
    const userEmbedder = new FeatureEmbedder(encoding(numUsers, rng), 5, 0.3, rng); // dim 5: odd widths
    const P = tf.tensor2d(Float32Array.from({ length: numUsers * dim }, () => rng.normal()), [numUsers, dim]);
    const Q = tf.tensor2d(Float32Array.from({ length: numItems * dim }, () => rng.normal()), [numItems, dim]);
    const users = Int32Array.from({ length: n }, () => rng.int(numUsers));
    const items = Int32Array.from({ length: n }, () => rng.int(numItems));
    const embedders = [userEmbedder, null];
    const width = 2 * dim + userEmbedder.width;
    const tower = new FusedTower(width, [4], n);
    const { stride } = tower.input;
    const live = tf.memory().numTensors;
    const ids = new HeapIdRows();
    const heap = new HeapFeatures();
    assert.ok(HeapFeatures.supports(embedders));
    ids.reserve(n, stride);
    heap.reserve(embedders, n, stride);
    ids.gather(P, Q, users, items, dim);
    const squared = heap.write(embedders, ids.rows(), 2 * dim);
    ids.copyTo(tower.input);
    const lookups = [[userEmbedder, users], [null, items]] as const;
    const js = featureValues(lookups);
    assert.equal(squared, js.squaredNorm);
    const written = new Float32Array(n * userEmbedder.width);
    for (let k = 0; k < n; k++) written.set(tower.input.data.subarray(tower.input.offset + k * stride + 2 * dim, tower.input.offset + k * stride + width), k * userEmbedder.width);
    assert.ok(bits(written).equals(bits(js.values[0]!)), "the feature vectors");
    // an input gradient in the tower, and the JavaScript path's copy of its feature columns
    const dX = tower.inputGradient;
    for (let k = 0; k < n; k++) for (let j = 0; j < stride; j++) dX.data[dX.offset + k * stride + j] = j < width ? rng.normal() : 0;
    const g = new Float32Array(n * userEmbedder.width);
    for (let k = 0; k < n; k++) g.set(dX.data.subarray(dX.offset + k * stride + 2 * dim, dX.offset + k * stride + width), k * userEmbedder.width);
    const regScale = 0.0123456789;
    const want = featureTableGradients(lookups, js.values, [g, null], regScale);
    const got = heap.gradients(embedders, ids.rows(), 2 * dim, dX, regScale);
    assert.equal(got.size, want.size);
    for (const [v, w] of want) assert.ok(bits(got.get(v)!).equals(bits(w)), `gradient of ${v.name} [${v.shape}]`);
    assert.equal([...want.values()].filter((w) => w.some((x) => x !== 0)).length, want.size - 1, "every table but the empty bag's gets a gradient");
    ids.dispose();
    heap.dispose();
    assert.equal(tf.memory().numTensors, live, "dispose frees the heap copies");
    tf.dispose([P, Q]);
    userEmbedder.dispose();
  });
});
