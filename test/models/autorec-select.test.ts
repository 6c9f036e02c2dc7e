import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cheapestWithinNoise } from "../../src/models/autorec/cheapest-within-noise";

describe("cheapestWithinNoise", () => {
  // Three splits. "a" is best (mean 0.90). "b": differences +0.002, +0.000, +0.004 (mean 0.002, SD 0.002, SE 0.002/sqrt 3
  // = 0.00115): 0.002 > 0.00115, not within noise. "c": differences +0.003, -0.003, +0.003 (mean 0.001, SD 0.003464,
  // SE 0.002): within noise and the cheapest of those. "d": cheapest of all but consistently 0.02 worse.
  const candidates = [
    { setting: "a", scores: [0.9, 0.89, 0.91], cost: 120 },
    { setting: "b", scores: [0.902, 0.89, 0.914], cost: 40 },
    { setting: "c", scores: [0.903, 0.887, 0.913], cost: 60 },
    { setting: "d", scores: [0.92, 0.91, 0.93], cost: 20 },
  ];

  test("keeps the cheapest candidate within one standard error of the paired differences to the best", () => {
    const s = cheapestWithinNoise(candidates);
    assert.equal(s.bestIndex, 0);
    assert.equal(s.chosenIndex, 2);
    assert.equal(s.chosen.setting, "c");
    assert.deepEqual(s.rows.map((r) => r.withinNoise), [true, false, true, false]);
    assert.ok(Math.abs(s.rows[1].diff - 0.002) < 1e-12);
    assert.ok(Math.abs(s.rows[1].diffSe - 0.002 / Math.sqrt(3)) < 1e-12);
    assert.ok(Math.abs(s.rows[2].diffSe - 0.002) < 1e-12);
  });

  test("a tolerance admits small consistent differences; k = 0 with no tolerance keeps only ties or better", () => {
    assert.equal(cheapestWithinNoise(candidates, { tolerance: 0.0025 }).chosen.setting, "b");
    assert.equal(cheapestWithinNoise(candidates, { tolerance: 0.021 }).chosen.setting, "d");
    assert.equal(cheapestWithinNoise(candidates, { k: 0 }).chosen.setting, "a");
  });

  test("equal costs go to the lower mean score; bad input is an error", () => {
    const tied = [
      { setting: "x", scores: [0.91, 0.89, 0.902], cost: 10 },
      { setting: "y", scores: [0.9, 0.9, 0.9], cost: 50 },
      { setting: "z", scores: [0.905, 0.896, 0.9], cost: 10 },
    ];
    // Best y (mean 0.9). x: differences 0.01, -0.01, 0.002 (mean 0.00067, SE 0.0058) and z: 0.005, -0.004, 0 (mean
    // 0.00033, SE 0.0026) are both within noise at the same cost; z has the lower mean.
    assert.equal(cheapestWithinNoise(tied).chosen.setting, "z");
    assert.throws(() => cheapestWithinNoise([]), /no candidates/);
    assert.throws(() => cheapestWithinNoise([{ setting: 1, scores: [0.9], cost: 1 }]), /at least 2 splits/);
    assert.throws(() => cheapestWithinNoise([{ setting: 1, scores: [0.9, 0.8], cost: 1 }, { setting: 2, scores: [0.9], cost: 1 }]), /2 scores/);
  });
});
