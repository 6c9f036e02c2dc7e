import { test } from "node:test";
import assert from "node:assert/strict";
import { EarlyStopping } from "../../src/train/early-stopping";

test("stops after `patience` epochs without improvement and remembers the best epoch", () => {
  const es = new EarlyStopping({ patience: 2, minDelta: 0.01 });
  const values = [1.0, 0.9, 0.895, 0.85, 0.86, 0.849];
  const stops: boolean[] = [];
  values.forEach((v, i) => { es.observe(i + 1, v); stops.push(es.shouldStop()); });
  // 0.895 is not 0.01 better than 0.9; 0.85 is; then 0.86 and 0.849 are not -> stop at epoch 6
  assert.deepEqual(stops, [false, false, false, false, false, true]);
  assert.equal(es.bestEpoch, 4);
  assert.equal(es.bestValue, 0.85);
});

test("patience 0 never stops; NaN never improves; bad settings are named", () => {
  const es = new EarlyStopping({ patience: 0, minDelta: 0 });
  es.observe(1, 1);
  assert.equal(es.observe(2, NaN), false);
  assert.equal(es.shouldStop(), false);
  assert.throws(() => new EarlyStopping({ patience: -1, minDelta: 0 }), /patience must be an integer >= 0/);
});
