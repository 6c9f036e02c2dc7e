import { test } from "node:test";
import assert from "node:assert/strict";
import { agreementCheck, compareRuns } from "../../src/report/agreement";

const spec = { ours: "hand-written MF", library: "createBiasedMf", metric: "test RMSE", lossTolerance: 0.01, scoreTolerance: 0.002 };

test("runs within both tolerances agree, with the largest gaps computed by hand", () => {
  const a = { lossCurve: [2, 1], score: 0.9 };
  const b = { lossCurve: [2.01, 1], score: 0.901 };
  const r = agreementCheck(a, b, spec);
  assert.equal(r.pass, true);
  assert.ok(Math.abs(r.lossGap - 0.01 / 2.01) < 1e-12);
  assert.ok(Math.abs(r.scoreGap - 0.001) < 1e-12);
  assert.match(r.sentence, /^Agree: hand-written MF and createBiasedMf are the same model: over 2 epoch\(s\) the training losses differ by at most 0\.498% \(tolerance 1\.00%\)/);
  assert.match(r.sentence, /test RMSE 0\.9000 vs 0\.9010, a gap of 0\.0010 \(tolerance 0\.002\)\.$/);
});

test("a loss curve or a score outside its tolerance fails, and agreementCheck throws the sentence", () => {
  const a = { lossCurve: [2, 1], score: 0.9 };
  assert.equal(compareRuns(a, { lossCurve: [2, 1.02], score: 0.9 }, spec).pass, false);
  assert.equal(compareRuns(a, { lossCurve: [2, 1], score: 0.903 }, spec).pass, false);
  assert.throws(() => agreementCheck(a, { lossCurve: [2, 1], score: 0.95 }, spec), /^Error: DISAGREE: hand-written MF and createBiasedMf: .*a gap of 0\.0500/);
});

test("bad input is an error, never a silent pass", () => {
  const a = { lossCurve: [2, 1], score: 0.9 };
  assert.throws(() => compareRuns(a, { lossCurve: [2], score: 0.9 }, spec), /equally long/);
  assert.throws(() => compareRuns(a, { lossCurve: [2, NaN], score: 0.9 }, spec), /not finite/);
  assert.throws(() => compareRuns(a, a, { ...spec, lossTolerance: -1 }), /lossTolerance must be >= 0/);
});
