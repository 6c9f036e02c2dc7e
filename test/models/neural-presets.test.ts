import { test } from "node:test";
import assert from "node:assert/strict";
import { notebookPresetStopping, presetStopping, talkPresetStopping } from "../../src/models/neural-presets";

test("presetStopping: -1 takes the preset's stopping, a patience >= 0 replaces only the patience, anything else is refused", () => {
  assert.deepEqual(presetStopping("talk", -1), { patience: 1, minDelta: 0.005 });
  assert.deepEqual(presetStopping("notebook", -1), { patience: 4 });
  assert.deepEqual(presetStopping("talk", 3), { patience: 3, minDelta: 0.005 });
  assert.deepEqual(presetStopping("notebook", 0), { patience: 0 });
  assert.throws(() => presetStopping("talk", -2), /patience must be an integer >= -1, got -2/);
  assert.throws(() => presetStopping("talk", 1.5), /patience/);
  // the presets themselves are not modified by an override
  presetStopping("talk", 7).patience = 9;
  assert.deepEqual([talkPresetStopping.patience, notebookPresetStopping.patience], [1, 4]);
});
