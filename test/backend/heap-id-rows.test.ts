/** HeapIdRows: the tower's ID rows gathered on the wasm heap, the bits of the JavaScript copy it replaces. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { FusedTower } from "../../src/backend/fused-tower";
import { HeapIdRows } from "../../src/backend/heap-id-rows";
import { Rng } from "../../src/random/rng";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

describe("HeapIdRows", () => {
  it("writes [p_u, q_i] and zeros into each input row and returns the row-by-row float64 Σ(p² + q²)", (t) => {
    if (!HeapIdRows.available()) return t.skip("the row kernels need the wasm backend");
    const rng = new Rng(3);
    // dim 5: one SIMD group of 4 and a scalar tail; width 13 pads to a stride of 16; repeated rows in the batch
    const [dim, width, numUsers, numItems] = [5, 13, 7, 4];
    const P = tf.tensor2d(Float32Array.from({ length: numUsers * dim }, () => rng.normal()), [numUsers, dim]);
    const Q = tf.tensor2d(Float32Array.from({ length: numItems * dim }, () => rng.normal()), [numItems, dim]);
    const users = Int32Array.of(6, 0, 3, 3, 1);
    const items = Int32Array.of(2, 2, 0, 3, 1);
    const tower = new FusedTower(width, [3], 8);
    const { data, offset, stride } = tower.input;
    data.fill(7, offset, offset + 8 * stride); // leftovers of an earlier batch: the gather must overwrite them
    const gather = new HeapIdRows();
    const live = tf.memory().numTensors;
    gather.reserve(users.length, stride);
    const squared = gather.gather(P, Q, users, items, dim);
    gather.copyTo(tower.input);
    const p = P.dataSync();
    const q = Q.dataSync();
    let want = 0;
    for (let k = 0; k < users.length; k++) {
      const row = Array.from(data.subarray(offset + k * stride, offset + (k + 1) * stride));
      const expected = [...p.subarray(users[k] * dim, (users[k] + 1) * dim), ...q.subarray(items[k] * dim, (items[k] + 1) * dim)];
      assert.deepEqual(row, [...expected, ...new Array(stride - 2 * dim).fill(0)], `row ${k}`);
      for (let j = 0; j < dim; j++) want += p[users[k] * dim + j] * p[users[k] * dim + j] + q[items[k] * dim + j] * q[items[k] * dim + j];
    }
    assert.equal(squared, want);
    assert.equal(data[offset + users.length * stride], 7, "rows past the batch are not touched");
    assert.throws(() => gather.gather(P, Q, Int32Array.of(0, 7), Int32Array.of(0, 1), dim), /user row 7 \(entry 1\) is outside \[0, 7\)/);
    gather.dispose();
    assert.equal(tf.memory().numTensors, live, "dispose frees the heap scratch");
    assert.throws(() => gather.gather(P, Q, users, items, dim), /call reserve\(\) first/);
    tf.dispose([P, Q]);
  });
});
