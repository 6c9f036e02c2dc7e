/** HeapFeatures: the side features of a fused step on the wasm heap, the bits of feature-gradients.ts's loops. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower } from "../../src/backend/fused-tower";
import { HeapIdRows } from "../../src/backend/heap-id-rows";
import { FeatureEmbedder } from "../../src/models/features/feature-embedder";
import type { EncodedFeatures } from "../../src/models/features/feature-encoding";
import { featureTableGradients, featureValues } from "../../src/models/features/feature-gradients";
import { HeapFeatures } from "../../src/models/features/heap-features";
import { FEATURE_KERNELS_WASM_BASE64 } from "../../src/backend/wasm/feature-kernels-binary";
import { Rng } from "../../src/random/rng";
import { compileWat } from "../../scripts/compile-wat";
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
  it("the committed binary is the compiled feature-kernels.wat (rerun `npm run build:wasm` after editing it)", async () => {
    const compiled = await compileWat(path.resolve(__dirname, "../.."), "feature-kernels");
    assert.equal(Buffer.from(compiled).toString("base64"), FEATURE_KERNELS_WASM_BASE64);
  });

  it("writes the feature vectors and gives the tables' gradients of the JavaScript loops, bit for bit", (t) => {
    if (!HeapIdRows.available()) return t.skip("the feature kernels need the wasm backend");
    const rng = new Rng(8);
    const [numUsers, numItems, dim] = [9, 7, 3];
    // users: two categorical columns and two bags (dim 5: odd widths); items: another encoding (dim 5 as well,
    // one embedding size per model), so the second embedder's columns start after the first's
    const userEmbedder = new FeatureEmbedder(encoding(numUsers, rng), 5, 0.3, rng);
    const itemEmbedder = new FeatureEmbedder(encoding(numItems, rng), 5, 0.3, rng);
    const P = tf.tensor2d(Float32Array.from({ length: numUsers * dim }, () => rng.normal()), [numUsers, dim]);
    const Q = tf.tensor2d(Float32Array.from({ length: numItems * dim }, () => rng.normal()), [numItems, dim]);
    const embedders = [userEmbedder, itemEmbedder];
    const widths = [userEmbedder.width, itemEmbedder.width];
    const width = 2 * dim + widths[0] + widths[1];
    const maxBatch = 21;
    const tower = new FusedTower(width, [4], maxBatch);
    const { stride } = tower.input;
    const live = tf.memory().numTensors;
    const ids = new HeapIdRows();
    const heap = new HeapFeatures();
    assert.ok(HeapFeatures.supports(embedders));
    assert.equal(HeapFeatures.supports([null, null]), false, "no features: nothing for the heap path to do");
    assert.throws(() => heap.reserve(embedders, [numUsers + 1, numItems], maxBatch, stride), /embedder 0 encodes 9 entities, the ID table has 10/);
    for (const n of [maxBatch, 6]) { // a full batch, then a short one in the same buffers
      const users = Int32Array.from({ length: n }, () => rng.int(numUsers));
      const items = Int32Array.from({ length: n }, () => rng.int(numItems));
      ids.reserve(n, stride);
      heap.reserve(embedders, [numUsers, numItems], n, stride);
      ids.gather(P, Q, users, items, dim);
      const squared = heap.write(embedders, ids.rows(), 2 * dim);
      ids.copyTo(tower.input);
      const lookups = [[userEmbedder, users], [itemEmbedder, items]] as const;
      const js = featureValues(lookups);
      assert.equal(squared, js.squaredNorm, `squared norm, batch of ${n}`);
      let column = 2 * dim;
      const dX = tower.inputGradient;
      for (let k = 0; k < n; k++) for (let j = 0; j < stride; j++) dX.data[dX.offset + k * stride + j] = j < width ? rng.normal() : 0;
      const g: Float32Array[] = [];
      widths.forEach((w, e) => {
        const written = new Float32Array(n * w);
        const grad = new Float32Array(n * w);
        for (let k = 0; k < n; k++) {
          written.set(tower.input.data.subarray(tower.input.offset + k * stride + column, tower.input.offset + k * stride + column + w), k * w);
          grad.set(dX.data.subarray(dX.offset + k * stride + column, dX.offset + k * stride + column + w), k * w);
        }
        assert.ok(bits(written).equals(bits(js.values[e]!)), `the feature vectors of embedder ${e}, batch of ${n}`);
        g.push(grad);
        column += w;
      });
      const regScale = 0.0123456789;
      const want = featureTableGradients(lookups, js.values, g, regScale);
      const got = heap.gradients(embedders, ids.rows(), 2 * dim, dX, regScale);
      assert.equal(got.size, want.size);
      for (const [v, w] of want) assert.ok(bits(got.get(v)!).equals(bits(w)), `gradient of ${v.name} [${v.shape}], batch of ${n}`);
      assert.equal([...want.values()].filter((w) => w.some((x) => x !== 0)).length, want.size - 2, "every table but the empty bags' gets a gradient");
    }
    ids.dispose();
    heap.dispose();
    assert.equal(tf.memory().numTensors, live, "dispose frees the heap copies");
    tf.dispose([P, Q]);
    userEmbedder.dispose();
    itemEmbedder.dispose();
  });
});
