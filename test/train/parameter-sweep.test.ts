import { test } from "node:test";
import assert from "node:assert/strict";
import { parameterGrid, sweepRatingModel } from "../../src/train/parameter-sweep";
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
  const chart = sweepChart(points, "regUser", "regItem", "t");
  assert.deepEqual(chart.series.map((s) => s.name), ["regItem = 0", "regItem = 1000"]);
  assert.deepEqual(chart.series[0].x, [0, 1000]);
});
