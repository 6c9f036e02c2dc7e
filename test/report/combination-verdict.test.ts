import { test } from "node:test";
import assert from "node:assert/strict";
import { combinationVerdict } from "../../src/report/combination-verdict";

test("the verdict names the margins either way and refuses unknown models", () => {
  const scores = [{ model: "H", value: 0.9 }, { model: "A", value: 0.92 }, { model: "B", value: 0.95 }];
  assert.equal(combinationVerdict(scores, "H", ["A", "B"]), "H (0.9000) beats A (0.9200) by 0.0200 and B (0.9500) by 0.0500 RMSE.");
  assert.equal(combinationVerdict([...scores, { model: "C", value: 0.89 }], "H", ["A", "C"]), "H (0.9000) does not beat C (0.8900): it is 0.0100 RMSE worse.");
  assert.throws(() => combinationVerdict(scores, "H", ["Z"]), /no score for "Z"/);
});
