import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseOnValidation, parameterGrid, sweepRatingModel, type SweepPoint } from "../../src/train/parameter-sweep";
import { sweepChart } from "../../src/report/line-chart";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { randomSplit } from "../../src/data/splits/random-split";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { plantedRatings } from "../helpers/planted-ratings";

test("the grid is the cartesian product, and an empty axis is an error", () => {
  assert.deepEqual(parameterGrid({ a: [1, 2], b: [10, 20] }), [{ a: 1, b: 10 }, { a: 1, b: 20 }, { a: 2, b: 10 }, { a: 2, b: 20 }]);
  assert.throws(() => parameterGrid({ a: [] }), /axis a needs at least one value/);
});

test("a sweep scores every combination, and heavier shrinkage of the bias model costs accuracy here", async () => {
  const data = plantedRatings({ users: 60, items: 40, density: 0.5 });
  const { train, test } = randomSplit(data, new Rng(1), { testFraction: 0.2 });
  const grid = parameterGrid({ regUser: [0, 1000], regItem: [0, 1000] });
  const points = await sweepRatingModel(grid, (p) => createBiasBaseline(p), { train, test, rng: new Rng(2), progress: silentProgress });
  assert.equal(points.length, 4);
  const at = (u: number, i: number) => points.find((p) => p.params.regUser === u && p.params.regItem === i)!.rmse;
  assert.ok(at(0, 0) < at(1000, 1000), `${at(0, 0)} vs ${at(1000, 1000)}`);
  const chart = sweepChart(points, "regUser", "regItem", "t", "test");
  assert.deepEqual(chart.series.map((s) => s.name), ["regItem = 0", "regItem = 1000"]);
  assert.deepEqual(chart.series[0].x, [0, 1000]);
  assert.deepEqual(chart.series[0].y, [at(0, 0), at(1000, 0)]);
  assert.ok(points.every((p) => Number.isNaN(p.validationRmse)), "no validation ratings: no validation score");
  assert.throws(() => chooseOnValidation(points), /no sweep point has a validation RMSE/);
});

test("a sweep with validation ratings records the kept epoch's validation RMSE, and the choice is made on it, not on test", async () => {
  const data = plantedRatings({ users: 60, items: 40, density: 0.5 });
  const { train: rest, test } = randomSplit(data, new Rng(1), { testFraction: 0.2 });
  const { train, test: validation } = randomSplit(rest, new Rng(3), { testFraction: 0.2 });
  const points = await sweepRatingModel(parameterGrid({ regUser: [0, 1000], regItem: [0, 1000] }), (p) => createBiasBaseline(p), { train, validation, test, rng: new Rng(2), progress: silentProgress });
  for (const p of points) assert.ok(Number.isFinite(p.validationRmse) && p.validationRmse > 0);
  assert.ok(points.some((p) => p.validationRmse !== p.rmse), "validation and test scores are different numbers");
  const chosen = chooseOnValidation(points);
  assert.equal(chosen.validationRmse, Math.min(...points.map((p) => p.validationRmse)));
  const chart = sweepChart(points, "regUser", "regItem", "t");
  assert.match(chart.yLabel, /^validation RMSE/);
  assert.deepEqual(chart.series.flatMap((s) => s.y).sort(), points.map((p) => p.validationRmse).sort());
  // A planted point whose test RMSE is best but validation RMSE worst is not chosen.
  const planted: SweepPoint<{ k: number }>[] = [
    { params: { k: 1 }, validationRmse: 0.9, rmse: 0.5, mae: 0.4, bestEpoch: 1, trainSeconds: 0 },
    { params: { k: 2 }, validationRmse: 0.8, rmse: 0.7, mae: 0.5, bestEpoch: 1, trainSeconds: 0 },
  ];
  assert.equal(chooseOnValidation(planted).params.k, 2);
});
