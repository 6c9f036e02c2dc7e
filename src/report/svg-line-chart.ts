/**
 * Static SVG rendering of a `LineChart`, for figures committed under results/ that must be viewable without
 * running anything. Hand-written because Plotly's image export needs a browser and Vega 6 is ESM-only
 * (the tslab kernel loads CommonJS); see environment.md.
 */
import { escapeHtml } from "./html-escape";
import type { LineChart } from "./line-chart";

const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

/** "Nice" tick values covering [lo, hi] (about `count` of them). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** SVG markup (width x height pixels) of `chart`. Throws if no series has a finite point. */
export function renderLineChartSvg(chart: LineChart, width = 720, height = 420): string {
  const pts = chart.series.flatMap((s) => s.x.map((x, k) => [x, s.y[k]] as const)).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length === 0) throw new Error(`renderLineChartSvg: chart "${chart.title}" has no finite points`);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1] as number);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (x1 === x0) x1 = x0 + 1;
  const pad = (y1 - y0 || Math.abs(y0) || 1) * 0.05;
  y0 -= pad;
  y1 += pad;
  const m = { left: 64, right: 16, top: 36, bottom: 48 + 18 * Math.ceil(chart.series.length / 2) };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number) => m.top + (1 - (y - y0) / (y1 - y0)) * h;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeHtml(chart.title)}</text>`,
  ];
  for (const t of niceTicks(y0, y1)) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`);
  }
  for (const t of niceTicks(x0, x1)) {
    out.push(`<text x="${sx(t).toFixed(1)}" y="${m.top + h + 16}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${m.left + w / 2}" y="${m.top + h + 34}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>`);
  chart.series.forEach((s, i) => {
    const color = palette[i % palette.length];
    const segments: string[][] = [[]];
    s.x.forEach((x, k) => {
      const y = s.y[k];
      if (Number.isFinite(x) && y !== undefined && Number.isFinite(y)) segments[segments.length - 1].push(`${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      else segments.push([]);
    });
    for (const seg of segments.filter((g) => g.length > 0)) {
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""} points="${seg.join(" ")}"/>`);
    }
    const lx = m.left + (i % 2) * (w / 2);
    const ly = m.top + h + 52 + 18 * Math.floor(i / 2);
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
    out.push(`<text x="${lx + 30}" y="${ly}">${escapeHtml(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
