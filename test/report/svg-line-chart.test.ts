import { test } from "node:test";
import assert from "node:assert/strict";
import { niceTicks, renderLineChartSvg } from "../../src/report/svg-line-chart";
import { validationCurveChart } from "../../src/report/line-chart";

test("nice ticks are round numbers covering the range", () => {
  assert.deepEqual(niceTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0.83, 0.91, 4), [0.84, 0.86, 0.88, 0.9]);
});

test("a validation chart draws one polyline per iterative model and a dashed line per baseline", () => {
  const chart = validationCurveChart([
    { model: "Bias baseline", epochs: [{ epoch: 1, validation: { rmse: 0.9 } }] },
    { model: "Biased MF", epochs: [1, 2, 3].map((e) => ({ epoch: e, validation: { rmse: 0.95 - e * 0.02 } })) },
  ], "Validation <RMSE>");
  const svg = renderLineChartSvg(chart);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.equal((svg.match(/<polyline[^>]*stroke-dasharray/g) ?? []).length, 1);
  assert.match(svg, /Validation &lt;RMSE&gt;/, "titles are escaped");
  assert.match(svg, /Biased MF/);
});

test("a chart without finite points is an error naming it", () => {
  assert.throws(() => renderLineChartSvg({ title: "empty", xLabel: "x", yLabel: "y", series: [] }), /chart "empty" has no finite points/);
});
