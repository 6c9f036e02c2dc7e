/** gatherRows: tf.gather's values and gradients to the bit, without the tape's copy of the table. */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { gatherRows } from "../../../src/models/candidate/user-tower";
import { Rng } from "../../../src/random/rng";
import { useTestBackend } from "../../helpers/test-backend";

before(useTestBackend);

test("value and gradient equal tf.gather's bit for bit (2-D and 1-D tables, repeated rows, a weighted loss)", () => {
  const rng = new Rng(21);
  for (const shape of [[13, 6], [13]]) {
    const size = shape.reduce((a, b) => a * b, 1);
    const table = tf.variable(tf.tensor(Float32Array.from({ length: size }, () => rng.next() - 0.5), shape));
    const indices = tf.tensor1d([3, 0, 3, 12, 7, 3, 0], "int32");
    const weights = tf.tensor(Float32Array.from({ length: 7 * (size / 13) }, () => rng.next() * 3 - 1), [7, ...shape.slice(1)]);
    const run = (gather: (t: tf.Tensor, i: tf.Tensor1D) => tf.Tensor) => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.square(gather(table, indices)), weights)) as tf.Scalar, [table]);
      const out = { value: value.dataSync()[0], grad: Array.from(grads[table.name].dataSync()) };
      tf.dispose([value, grads[table.name]]);
      return out;
    };
    const mine = run(gatherRows);
    const stock = run((t, i) => tf.gather(t, i));
    assert.ok(Object.is(mine.value, stock.value), `${shape}: ${mine.value} against ${stock.value}`);
    assert.deepEqual(mine.grad, stock.grad);
    // Row 3 is looked up three times: its gradient is the sum of three rows of 2 w x; row 5 none.
    const row = size / 13;
    assert.ok(mine.grad.slice(5 * row, 6 * row).every((g) => g === 0));
    assert.ok(mine.grad.slice(3 * row, 4 * row).some((g) => g !== 0));
    tf.dispose([table, indices, weights]);
  }
});
