import assert from "node:assert/strict";
import { test } from "node:test";
import { comparisonFigure } from "../../src/report/comparison-figure";
import { COLOUR_SALT, MODEL_PALETTE, modelColour, stableHash } from "../../src/report/model-colour";
import { metricAxisTitle } from "../../src/report/metric-units";
import { plotlyFigure, plotlyHtml, withAutomargin } from "../../src/report/plotly-chart";
import type { ResultEntry } from "../../src/report/result-entry";

function entry(rows: ResultEntry["rows"]): ResultEntry {
  return {
    notebook: "demo", title: "t", dataset: { name: "ml-100k", ratings: 1, users: 1, items: 1 }, protocol: "p", seed: 1,
    parameters: {}, rows, environment: { backend: "b", tfjs: "4", node: "v20", cpu: "c", os: "o" }, finishedAt: "", totalSeconds: 1,
  };
}

test("stableHash is FNV-1a (known values) and a model keeps its colour whatever the chart", () => {
  assert.equal(stableHash(""), 0x811c9dc5);
  assert.equal(stableHash("a"), 0xe40c292c);
  assert.equal(modelColour("Biased MF"), MODEL_PALETTE[stableHash(COLOUR_SALT + "Biased MF") % MODEL_PALETTE.length]);
  const a = comparisonFigure(entry([{ model: "Biased MF", metrics: { rmse: 0.9 }, trainSeconds: 1 }, { model: "MLP", metrics: { rmse: 1 }, trainSeconds: 1 }]));
  const b = comparisonFigure(entry([{ model: "MLP", metrics: { rmse: 0.8 }, trainSeconds: 1 }, { model: "Biased MF", metrics: { rmse: 0.7 }, trainSeconds: 1 }]));
  const colours = (f: typeof a) => (f.data[0] as { marker: { color: string[] } }).marker.color;
  assert.deepEqual(colours(a), [modelColour("Biased MF"), modelColour("MLP")]);
  assert.deepEqual(colours(b), [modelColour("MLP"), modelColour("Biased MF")]);
  const line = plotlyFigure({ title: "t", xLabel: "epoch", yLabel: "y", series: [{ name: "MLP", x: [1, 2], y: [1, 2] }] });
  assert.equal((line.data[0] as { line: { color: string } }).line.color, modelColour("MLP"));
});

test("models that share a results table get different colours", () => {
  const tables = [
    ["Global mean", "Bias baseline", "KNNBasic (user-based, msd)", "KNNWithMeans (user-based, msd)", "KNNBaseline (user-based, msd)", "KNNBaseline (item-based, pearson-baseline)"],
    ["Bias baseline", "Biased MF", "MLP", "MLP + features", "MF + MLP + features", "MF + MLP + features (pretrained MF+MLP)", "SGD MF", "ALS MF", "Global mean"],
    ["Popularity", "BPR-MF", "Logistic MF", "Logistic MF (confidence 1 + 0.5 x rating)"],
    ["Popularity", "1 uniform negatives", "4 uniform negatives", "8 uniform negatives", "4 popularity negatives"],
    ["Popularity", "Popularity (negatives as listed)", "Popularity (one random tie-break)", "BPR-MF", "Logistic MF", "Sampled-logistic MF", "GMF", "MLP", "NeuMF", "NeuMF (pretrained)"],
  ];
  for (const models of tables) assert.equal(new Set(models.map(modelColour)).size, models.length, models.join(", "));
});

test("without a spread the comparison is horizontal bars from zero, published numbers as markers", () => {
  const f = comparisonFigure(entry([
    { model: "A model with a very long name indeed", metrics: { rmse: 0.8911 }, anchors: { rmse: { value: 0.9, source: "s" } }, trainSeconds: 1 },
    { model: "B", metrics: { rmse: 0.89 }, trainSeconds: 1 },
  ]));
  const [ours, published] = f.data as { type: string; orientation?: string; x: (number | null)[]; y: string[] }[];
  assert.equal(ours.type, "bar");
  assert.equal(ours.orientation, "h");
  assert.deepEqual(ours.x, [0.8911, 0.89]);
  assert.deepEqual(published.x, [0.9, null]);
  const layout = f.layout as { xaxis: { rangemode: string; automargin: boolean; title: { text: string } }; yaxis: { automargin: boolean } };
  assert.equal(layout.xaxis.rangemode, "tozero");
  assert.equal(layout.xaxis.title.text, "RMSE (rating points, lower is better)");
  assert.ok(layout.yaxis.automargin && layout.xaxis.automargin);
});

test("with a fold SD the comparison is a dot plot with ±1 SD error bars; published-only rows keep their anchor", () => {
  const f = comparisonFigure(entry([
    { model: "A", metrics: { rmse: 0.93, "rmse sd": 0.004 }, trainSeconds: 1 },
    { model: "SVD++ (published only)", metrics: {}, anchors: { rmse: { value: 0.919, source: "s" } }, trainSeconds: 0 },
    { model: "no rmse", metrics: { mae: 1 }, trainSeconds: 0 },
  ]));
  const ours = f.data[0] as { type: string; mode: string; x: (number | null)[]; y: string[]; error_x: { array: number[] } };
  assert.equal(ours.type, "scatter");
  assert.equal(ours.mode, "markers");
  assert.deepEqual(ours.y, ["A", "SVD++ (published only)"]);
  assert.deepEqual(ours.x, [0.93, null]);
  assert.deepEqual(ours.error_x.array, [0.004, 0]);
});

test("axis titles carry units and direction; plotlyHtml turns automargin on for every axis", () => {
  assert.equal(metricAxisTitle("hr@10"), "HR@10 (share of test users, higher is better)");
  assert.equal(metricAxisTitle("ndcg@10"), "NDCG@10 (0 to 1, higher is better)");
  assert.deepEqual(withAutomargin({ xaxis: { type: "log" }, yaxis2: {}, height: 3 }), { xaxis: { automargin: true, type: "log" }, yaxis: { automargin: true }, yaxis2: { automargin: true }, height: 3 });
  assert.deepEqual(withAutomargin({ xaxis: { automargin: false } }), { xaxis: { automargin: false }, yaxis: { automargin: true } });
  assert.match(plotlyHtml({ data: [], layout: {} }, "c1"), /"xaxis":\{"automargin":true\}/);
});
