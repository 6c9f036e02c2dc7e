import { test } from "node:test";
import assert from "node:assert/strict";
import { bestModelVerdict, hitRateStandardError, pairVerdict } from "../../src/report/model-verdict";

const rmse = { name: "RMSE", lowerIsBetter: true };
const cvRmse = { name: "RMSE", lowerIsBetter: true, spreadName: "fold SD" };
const hr = { name: "HR@10", lowerIsBetter: false, spreadName: "binomial SE" };

test("the best model and its margin over the runner-up, either direction of the metric", () => {
  const scores = [{ model: "A", value: 0.95 }, { model: "B", value: 0.9 }, { model: "C", value: 0.92 }];
  assert.equal(bestModelVerdict(scores, rmse), "Best RMSE: B, 0.9000, ahead of C, 0.9200, by 0.0200.");
  assert.equal(bestModelVerdict(scores, { name: "HR@10", lowerIsBetter: false }), "Best HR@10: A, 0.9500, ahead of C, 0.9200, by 0.0300.");
  assert.equal(bestModelVerdict([{ model: "A", value: 0.9 }, { model: "B", value: 0.9 }], rmse), "Best RMSE: A and B tie at 0.9000.");
});

test("a margin is set against the larger spread: clear above it, not clear within it", () => {
  const clear = [{ model: "A", value: 0.9, spread: 0.003 }, { model: "B", value: 0.91, spread: 0.004 }];
  assert.equal(bestModelVerdict(clear, cvRmse), "Best RMSE: A, 0.9000 (fold SD 0.0030), ahead of B, 0.9100 (fold SD 0.0040), by 0.0100, more than the larger fold SD (0.0040).");
  const close = [{ model: "A", value: 0.9183, spread: 0.004 }, { model: "B", value: 0.9172, spread: 0.0025 }];
  assert.equal(pairVerdict(close, "A", "B", cvRmse), "A (0.9183 (fold SD 0.0040)) does not beat B (0.9172 (fold SD 0.0025)): it is 0.0011 RMSE worse, within the larger fold SD (0.0040): not a clear difference.");
});

test("pair verdicts name the winner and the margin", () => {
  const s = [{ model: "MLP + features", value: 0.9085 }, { model: "MLP", value: 0.9074 }];
  assert.equal(pairVerdict(s, "MLP + features", "MLP", rmse), "MLP + features (0.9085) does not beat MLP (0.9074): it is 0.0011 RMSE worse.");
  assert.equal(pairVerdict(s, "MLP", "MLP + features", rmse), "MLP (0.9074) beats MLP + features (0.9085) by 0.0011 RMSE.");
  const h = [{ model: "uniform", value: 0.723, spread: 0.018 }, { model: "popularity", value: 0.6984, spread: 0.019 }];
  assert.equal(pairVerdict(h, "popularity", "uniform", hr), "popularity (0.6984 (binomial SE 0.0190)) does not beat uniform (0.7230 (binomial SE 0.0180)): it is 0.0246 HR@10 worse, more than the larger binomial SE (0.0190).");
});

test("bad input is an error naming what is wrong", () => {
  assert.throws(() => pairVerdict([{ model: "A", value: 1 }], "A", "Z", rmse), /no score for "Z"/);
  assert.throws(() => bestModelVerdict([], rmse), /no scores/);
  assert.throws(() => bestModelVerdict([{ model: "A", value: NaN }], rmse), /A has RMSE NaN/);
  assert.throws(() => bestModelVerdict([{ model: "A", value: 1, spread: 0.1 }], rmse), /spreadName is not set/);
  assert.equal(hitRateStandardError(0.5, 100), 0.05);
  assert.throws(() => hitRateStandardError(1.5, 10), /p must be in \[0, 1\]/);
});

test("entry scores skip rows without the metric and read the spread", async () => {
  const { entryScores } = await import("../../src/report/model-verdict");
  const entry: { rows: { model: string; metrics: Record<string, number> }[] } = { rows: [{ model: "A", metrics: { rmse: 0.9, "rmse sd": 0.01 } }, { model: "published", metrics: {} }, { model: "B", metrics: { rmse: 0.95 } }] };
  assert.deepEqual(entryScores(entry, "rmse", "rmse sd"), [{ model: "A", value: 0.9, spread: 0.01 }, { model: "B", value: 0.95 }]);
  assert.deepEqual(entryScores(entry, "rmse"), [{ model: "A", value: 0.9 }, { model: "B", value: 0.95 }]);
});
