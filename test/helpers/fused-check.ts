/** Checks a model's fused loss and gradients against TF.js's autodiff of its own `lossFromRows`. */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import type { BatchIndices, SparseEmbeddings } from "../../src/train/sparse-tf-step";
import { maxDiff } from "./max-diff";

/**
 * Asserts that `spec.fusedRowGradients` on the batch (`indices`, `targets`) gives the loss, the row gradients and
 * the gradient of every other variable of `variables` that tf.grad of `spec.lossFromRows` gives (to 1e-5 absolute,
 * 1e-5 relative for the loss). Disposes what it creates.
 */
export function compareFusedWithAutodiff(spec: SparseEmbeddings, variables: tf.Variable[], indices: BatchIndices, targets: Float32Array, label: string): void {
  tf.tidy(() => {
    const batch = { users: tf.tensor1d(indices.users, "int32"), items: tf.tensor1d(indices.items, "int32"), targets: tf.tensor1d(targets) };
    const denseVars = variables.filter((v) => !spec.tables.includes(v));
    const rows = spec.tables.map((t, k) => tf.gather(t, batch[spec.keys[k]]));
    const { value, grads } = tf.engine().gradients(() => spec.lossFromRows(rows, batch), [...rows, ...denseVars]);
    const fused = spec.fusedRowGradients!(batch, indices);
    const [a, b] = [fused.loss.dataSync()[0], value.dataSync()[0]];
    assert.ok(Math.abs(a - b) < 1e-5 * Math.max(1, Math.abs(b)), `${label}: loss ${a} vs ${b}`);
    rows.forEach((_, k) => assert.ok(maxDiff(fused.grads[k].dataSync(), grads[k].dataSync()) < 1e-5, `${label}: table ${k}: ${maxDiff(fused.grads[k].dataSync(), grads[k].dataSync())}`));
    assert.equal(fused.dense?.size, denseVars.length, `${label}: one gradient per dense variable`);
    denseVars.forEach((v, k) => {
      const g = fused.dense!.get(v)!;
      assert.ok(g, `${label}: no gradient for ${v.name}`);
      assert.deepEqual(g.shape, v.shape);
      const d = maxDiff(g.dataSync(), grads[rows.length + k].dataSync());
      assert.ok(d < 1e-5, `${label}: dense variable ${k} [${v.shape}] differs by ${d}`);
    });
  });
}
