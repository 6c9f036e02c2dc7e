import { test } from "node:test";
import assert from "node:assert/strict";
import { autoRecPresetFor, autoRecPresets, uAutoRecPresets } from "../../src/models/autorec/autorec-presets";

test("autoRecPresetFor: I-AutoRec by member preset; U-AutoRec takes ml-latest-small's own preset only when chosen automatically", () => {
  assert.deepEqual(autoRecPresetFor("item", "ml-1m"), { config: autoRecPresets.ml1m, label: "autoRecPresets.ml1m" });
  assert.deepEqual(autoRecPresetFor("item", "ml-100k", "ml-latest-small"), { config: autoRecPresets.ml100k, label: "autoRecPresets.ml100k" });
  const small = autoRecPresetFor("user", "ml-100k", "ml-latest-small");
  assert.equal(small.label, "uAutoRecPresets.mlLatestSmall");
  assert.equal(small.config, uAutoRecPresets.mlLatestSmall);
  assert.equal(small.config.variant, "user");
  assert.equal(small.config.learningRate, 0.006);
  // An explicit preset (no data-set name) and other data sets keep the member preset's U-AutoRec settings.
  assert.equal(autoRecPresetFor("user", "ml-100k").label, "uAutoRecPresets.ml100k");
  assert.equal(autoRecPresetFor("user", "ml-1m", "ml-1m").config, uAutoRecPresets.ml1m);
  assert.equal(autoRecPresetFor("user", "ml-100k", "ml-100k").config.learningRate, autoRecPresets.ml100k.learningRate);
});
