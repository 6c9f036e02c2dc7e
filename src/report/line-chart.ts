/**
 * A line chart described once and drawn two ways: interactively with Plotly in notebooks and HTML reports
 * (plotly-chart.ts) and as a static SVG committed under results/ (svg-line-chart.ts).
 */

/** One line: points (x[k], y[k]); NaN or undefined y values leave a gap. */
export interface LineSeries {
  name: string;
  x: number[];
  y: (number | undefined)[];
  /** Dashed line (e.g. for a constant baseline). */
  dashed?: boolean;
}

/** A chart with shared axes. */
export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

/** A training history as far as charts need it. */
export interface CurveSource {
  model: string;
  epochs: { epoch: number; validation?: Record<string, number> }[];
}

/**
 * A validation metric (default RMSE) per epoch: one line per iterative model, a dashed horizontal line per one-step model
 * (baselines), all on the epochs of the longest run.
 */
export function validationCurveChart(histories: CurveSource[], title: string, metric = "rmse", label = "validation RMSE (rating points)"): LineChart {
  const longest = Math.max(1, ...histories.map((h) => h.epochs.length));
  const xs = [1, longest];
  const series: LineSeries[] = [];
  for (const h of histories) {
    const v = h.epochs.map((e) => e.validation?.[metric]);
    if (v.every((y) => y === undefined)) continue;
    if (h.epochs.length === 1) series.push(referenceLine(h.model, xs, v[0]!));
    else series.push({ name: h.model, x: h.epochs.map((e) => e.epoch), y: v });
  }
  return { title, xLabel: "epoch", yLabel: label, series };
}

/** A horizontal reference line across `xs` at `y`, drawn dashed (e.g. a baseline's RMSE). */
export function referenceLine(name: string, xs: number[], y: number): LineSeries {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return { name, x: [lo, hi], y: [y, y], dashed: true };
}

/**
 * RMSE against one swept parameter (`x`), one line per value of another (`line`): the validation RMSE (the score
 * that chooses, default) or the test RMSE.
 */
export function sweepChart<P extends Record<string, number>>(
  points: { params: P; rmse: number; validationRmse?: number }[],
  x: keyof P & string,
  line: keyof P & string,
  title: string,
  score: "validation" | "test" = "validation",
): LineChart {
  const lines = [...new Set(points.map((p) => p.params[line]))].sort((a, b) => a - b);
  const value = (p: { rmse: number; validationRmse?: number }) => (score === "test" ? p.rmse : p.validationRmse ?? NaN);
  const series = lines.map((v) => {
    const pts = points.filter((p) => p.params[line] === v).sort((a, b) => a.params[x] - b.params[x]);
    return { name: `${line} = ${v}`, x: pts.map((p) => p.params[x]), y: pts.map(value) };
  });
  return { title, xLabel: x, yLabel: `${score} RMSE (rating points)`, series };
}
