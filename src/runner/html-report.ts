/**
 * The HTML report of an executed notebook: a navigation bar (back to the index, download the executed notebook,
 * hide/show all code), a header (title from the notebook's first heading, status, commit, date, backend, machine,
 * total time, parameters with overridden ones marked, per-cell times), a table of contents from the headings, then
 * every cell: markdown rendered (links to sibling notebooks rewritten to their reports), code escaped, outputs
 * rendered. The page loads the shared Plotly bundle from its `<head>` so chart outputs work offline.
 */
import { renderCode, renderMarkdown, renderOutput } from "./html-outputs";
import { REPORT_SCRIPT, REPORT_STYLE } from "./html-report-assets";
import { Notebook, sourceText } from "./nbformat";
import { ParamValue } from "./param-literal";
import { anchorHeadings, Heading, notebookTitle, renderToc, rewriteNotebookLinks } from "./report-outline";
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
  /** The source notebook's name, e.g. "notebooks/mlp.ipynb" (the page title when the notebook has no heading). */
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
  /** Git commit of the code that ran. */
  commit?: string;
  /** TF.js backend the notebook used. */
  backend?: string;
  /** Machine description (CPUs, OS, Node). */
  machine?: string;
  /** Link back to the results index (default "index.html"). */
  indexHref?: string;
  /** Link to download the executed notebook, e.g. "mlp.ipynb" (omitted when absent). */
  notebookHref?: string;
  /** Target of a markdown link to the sibling notebook `<stem>.ipynb` (default: the report `<stem>.html`). */
  resolveNotebookLink?: (stem: string) => string | undefined;
}

function renderParameters(parameters: ReportParameter[]): string {
  if (parameters.length === 0) return "<p>No parameters.</p>";
  const overridden = parameters.filter((p) => p.overridden).length;
  const rows = parameters
    .map((p) => {
      const set = p.overridden ? `<span class="badge">overridden</span>` : "notebook default";
      return `<tr${p.overridden ? ` class="overridden"` : ""}><td><code>${escapeHtml(p.name)}</code></td><td><code>${escapeHtml(JSON.stringify(p.value))}</code></td><td>${set}</td></tr>`;
    })
    .join("");
  return `<details open><summary>Parameters (${parameters.length}, ${overridden} overridden)</summary>
<table class="parameters"><thead><tr><th>parameter</th><th>value</th><th>set by</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function renderCellTimes(nb: Notebook): string {
  const timed = nb.cells
    .map((cell, index) => ({ cell, index, run: cell.metadata.runner as { duration_seconds?: number; status?: string } | undefined }))
    .filter((c) => c.cell.cell_type === "code" && c.run && typeof c.run.duration_seconds === "number");
  const times = timed
    .map(({ cell, index, run }) => {
      const count = cell.cell_type === "code" ? cell.execution_count : null;
      return `<tr><td><a href="#cell-${index + 1}">[${count ?? " "}]</a></td><td class="num">${formatSeconds(run?.duration_seconds ?? 0)}</td><td>${escapeHtml(run?.status ?? "")}</td></tr>`;
    })
    .join("");
  return `<details><summary>Per-cell times (${timed.length} cells run)</summary>
<table><tr><th>cell</th><th>time</th><th>status</th></tr>${times}</table></details>`;
}

function renderHeader(nb: Notebook, info: ReportInfo, title: string, toc: string): string {
  const status = info.ok ? `<span class="status ok">ok</span>` : `<span class="status failed">failed</span>`;
  const failure =
    !info.ok && info.failureMessage
      ? `<div class="failure">${escapeHtml(info.failureMessage)}${
          typeof info.failedCellIndex === "number" ? ` (<a href="#cell-${info.failedCellIndex + 1}">go to the cell</a>)` : ""
        }</div>`
      : "";
  const startup = info.startupSeconds === null ? "" : ` (kernel start ${formatSeconds(info.startupSeconds)})`;
  const fact = (name: string, value: string | undefined) => `<dt>${name}</dt><dd>${value === undefined ? "not recorded" : escapeHtml(value)}</dd>`;
  const download = info.notebookHref
    ? `<a href="${escapeHtml(info.notebookHref)}" download>Download the executed notebook (.ipynb)</a>`
    : "";
  return `<nav class="top"><a href="${escapeHtml(info.indexHref ?? "index.html")}">&larr; All notebooks and results</a>${download}<button type="button" id="toggle-code" aria-pressed="false">Hide all code</button></nav>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="source-name">${escapeHtml(info.title)}</p>
<p>${status}</p>
${failure}
<dl class="facts">${fact("commit", info.commit)}${fact("date", info.date.toISOString())}${fact("backend", info.backend ?? "none (this notebook did not start TF.js)")}${fact("machine", info.machine)}<dt>total time</dt><dd>${formatSeconds(info.totalSeconds)}${startup}</dd></dl>
${renderParameters(info.parameters)}
${renderCellTimes(nb)}
${toc}
</header>`;
}

function renderCells(nb: Notebook, headings: Heading[], resolve: (stem: string) => string | undefined): string {
  const used = new Set<string>();
  return nb.cells
    .map((cell, index) => {
      const anchor = `id="cell-${index + 1}"`;
      const source = sourceText(cell.source);
      if (cell.cell_type === "markdown") {
        const html = rewriteNotebookLinks(anchorHeadings(renderMarkdown(source, cell.attachments), headings, used), resolve);
        return `<section class="cell markdown" ${anchor}>${html}</section>`;
      }
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
 * @param info - header information, links and the Plotly bundle's relative URL
 */
export function renderHtmlReport(nb: Notebook, info: ReportInfo): string {
  const title = notebookTitle(nb, info.title);
  const headings: Heading[] = [];
  const cells = renderCells(nb, headings, info.resolveNotebookLink ?? ((stem) => `${stem}.html`));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · recsys-notebooks</title>
<script src="${escapeHtml(info.plotlyHref)}"></script>
<style>${REPORT_STYLE}</style>
</head>
<body>
${renderHeader(nb, info, title, renderToc(headings))}
<main>
${cells}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
