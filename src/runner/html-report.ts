/**
 * The HTML report of an executed notebook: a header (notebook name, date, status, parameters,
 * total and per-cell times) followed by every cell: markdown rendered, code escaped, outputs
 * rendered. The page loads the shared Plotly bundle from its `<head>` so chart outputs work
 * offline.
 */
import { renderCode, renderMarkdown, renderOutput } from "./html-outputs";
import { Notebook, sourceText } from "./nbformat";
import { ParamValue } from "./param-literal";
import { escapeHtml, formatSeconds } from "./text-utils";

/** One parameter as shown in the header. */
export interface ReportParameter {
  name: string;
  value: ParamValue;
  /** True when the value came from an override rather than the notebook. */
  overridden: boolean;
}

/** What the header shows besides the notebook itself. */
export interface ReportInfo {
  /** The notebook's name (title of the page). */
  title: string;
  /** When the run started. */
  date: Date;
  ok: boolean;
  /** One-line failure description, shown at the top when the run failed. */
  failureMessage?: string;
  /** 0-based index of the failing cell, for a link. */
  failedCellIndex?: number | null;
  parameters: ReportParameter[];
  totalSeconds: number;
  startupSeconds: number | null;
  /** `src` of the Plotly bundle relative to the report, e.g. "assets/plotly.min.js". */
  plotlyHref: string;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
header{border-bottom:2px solid #ddd;margin-bottom:1.5em;padding-bottom:1em}
header h1{margin:0 0 .3em}
.status{display:inline-block;padding:.1em .6em;border-radius:4px;color:#fff;font-weight:600}
.status.ok{background:#2e7d32}.status.failed{background:#c62828}
.failure{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;margin:1em 0}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cell{margin:1em 0}.prompt{font-family:monospace;color:#777;font-size:.85em}
pre{background:#f7f7f7;padding:.6em;overflow-x:auto;margin:.3em 0;white-space:pre-wrap;word-break:break-word}
pre.source{background:#f0f4f8;border-left:3px solid #90a4ae}
pre.stderr{background:#fff5f5}
.outputs{margin-left:1em}.error{border-left:4px solid #c62828;background:#fff5f5;padding:.3em .6em}
.error-title{font-weight:600;color:#c62828}.image-output{max-width:100%}
.cell.not-run{opacity:.6}
code{font-family:ui-monospace,Menlo,Consolas,monospace}`;

function renderHeader(nb: Notebook, info: ReportInfo): string {
  const status = info.ok ? `<span class="status ok">ok</span>` : `<span class="status failed">failed</span>`;
  const failure =
    !info.ok && info.failureMessage
      ? `<div class="failure">${escapeHtml(info.failureMessage)}${
          typeof info.failedCellIndex === "number" ? ` (<a href="#cell-${info.failedCellIndex + 1}">go to the cell</a>)` : ""
        }</div>`
      : "";
  const params =
    info.parameters.length === 0
      ? "<p>No parameters.</p>"
      : `<table><tr><th>parameter</th><th>value</th><th></th></tr>${info.parameters
          .map(
            (p) =>
              `<tr><td><code>${escapeHtml(p.name)}</code></td><td><code>${escapeHtml(JSON.stringify(p.value))}</code></td><td>${
                p.overridden ? "overridden" : ""
              }</td></tr>`,
          )
          .join("")}</table>`;
  const timed = nb.cells
    .map((cell, index) => ({ cell, index, run: cell.metadata.runner as { duration_seconds?: number; status?: string } | undefined }))
    .filter((c) => c.cell.cell_type === "code" && c.run && typeof c.run.duration_seconds === "number");
  const times = timed
    .map(({ cell, index, run }) => {
      const count = cell.cell_type === "code" ? cell.execution_count : null;
      return `<tr><td><a href="#cell-${index + 1}">[${count ?? " "}]</a></td><td class="num">${formatSeconds(run?.duration_seconds ?? 0)}</td><td>${escapeHtml(run?.status ?? "")}</td></tr>`;
    })
    .join("");
  const startup = info.startupSeconds === null ? "" : ` (kernel start ${formatSeconds(info.startupSeconds)})`;
  return `<header>
<h1>${escapeHtml(info.title)}</h1>
<p>${status} &nbsp; run ${escapeHtml(info.date.toISOString())} &nbsp; total ${formatSeconds(info.totalSeconds)}${startup}</p>
${failure}
<h3>Parameters</h3>
${params}
<details><summary>Per-cell times (${timed.length} cells run)</summary>
<table><tr><th>cell</th><th>time</th><th>status</th></tr>${times}</table></details>
</header>`;
}

function renderCells(nb: Notebook): string {
  return nb.cells
    .map((cell, index) => {
      const anchor = `id="cell-${index + 1}"`;
      const source = sourceText(cell.source);
      if (cell.cell_type === "markdown") return `<section class="cell markdown" ${anchor}>${renderMarkdown(source, cell.attachments)}</section>`;
      if (cell.cell_type === "raw") return `<section class="cell raw" ${anchor}><pre>${escapeHtml(source)}</pre></section>`;
      const run = cell.metadata.runner as { duration_seconds?: number; status?: string } | undefined;
      const time = run && typeof run.duration_seconds === "number" ? ` &middot; ${formatSeconds(run.duration_seconds)}` : "";
      const status = run?.status && run.status !== "ok" ? ` &middot; ${escapeHtml(run.status)}` : "";
      const prompt = `<div class="prompt">In [${cell.execution_count ?? " "}]${time}${status}</div>`;
      const outputs = cell.outputs.map(renderOutput).join("\n");
      const notRun = cell.execution_count === null && source.trim() !== "" ? " not-run" : "";
      return `<section class="cell code${notRun}" ${anchor}>${prompt}${renderCode(source)}<div class="outputs">${outputs}</div></section>`;
    })
    .join("\n");
}

/**
 * Renders the report page.
 * @param nb - the executed notebook (per-cell times are read from `metadata.runner` of its cells)
 * @param info - header information and the Plotly bundle's relative URL
 */
export function renderHtmlReport(nb: Notebook, info: ReportInfo): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title>
<script src="${escapeHtml(info.plotlyHref)}"></script>
<style>${STYLE}</style>
</head>
<body>
${renderHeader(nb, info)}
<main>
${renderCells(nb)}
</main>
</body>
</html>
`;
}
