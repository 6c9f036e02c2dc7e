/**
 * HTML for notebook content: markdown (rendered with `marked`), code (escaped), and outputs,
 * picking the richest MIME type a report can show: text/html as-is (so Plotly charts run),
 * SVG inline, PNG/JPEG/GIF as data URIs, markdown rendered, text/plain escaped in `<pre>`.
 */
import { marked } from "marked";
import { MimeBundle, MultilineString, Output, sourceText } from "./nbformat";
import { applyCarriageReturns, escapeHtml, stripAnsi } from "./text-utils";

/** MIME types in order of preference. */
const PREFERENCE = [
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/markdown",
  "text/latex",
  "application/json",
  "text/plain",
];

function text(value: unknown): string {
  if (typeof value === "string" || Array.isArray(value)) return sourceText(value as MultilineString);
  return JSON.stringify(value, null, 2);
}

/**
 * Renders markdown to HTML; `attachment:NAME` image links are resolved from the cell's attachments.
 * @param source - markdown text
 * @param attachments - the cell's attachments, if any
 */
export function renderMarkdown(source: string, attachments?: Record<string, MimeBundle>): string {
  let html = marked.parse(source, { async: false, gfm: true });
  if (attachments) {
    html = html.replace(/(src|href)="attachment:([^"]+)"/g, (whole, attr: string, name: string) => {
      const bundle = attachments[decodeURIComponent(name)];
      const mime = bundle && Object.keys(bundle)[0];
      return mime ? `${attr}="data:${mime};base64,${text(bundle[mime]).replace(/\s/g, "")}"` : whole;
    });
  }
  return html;
}

/** Renders a code cell's source as an escaped code block. */
export function renderCode(source: string): string {
  return `<pre class="source"><code class="language-typescript">${escapeHtml(source)}</code></pre>`;
}

/** Renders one MIME bundle with its preferred type. */
export function renderMimeBundle(data: MimeBundle): string {
  const mime = PREFERENCE.find((m) => m in data) ?? Object.keys(data)[0];
  if (mime === undefined) return "";
  const value = text(data[mime]);
  switch (mime) {
    case "text/html":
      return `<div class="html-output">${value}</div>`;
    case "image/svg+xml":
      return `<div class="svg-output">${value}</div>`;
    case "image/png":
    case "image/jpeg":
    case "image/gif":
      return `<img class="image-output" alt="" src="data:${mime};base64,${value.replace(/\s/g, "")}">`;
    case "text/markdown":
      return `<div class="markdown-output">${renderMarkdown(value)}</div>`;
    default:
      return `<pre class="text-output">${escapeHtml(stripAnsi(value))}</pre>`;
  }
}

/** Renders one code-cell output. */
export function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream": {
      const body = escapeHtml(stripAnsi(applyCarriageReturns(sourceText(output.text))));
      return `<pre class="stream ${output.name}">${body}</pre>`;
    }
    case "display_data":
    case "execute_result":
      return renderMimeBundle(output.data);
    case "error": {
      const trace = output.traceback.length > 0 ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      const head = `<div class="error-title">${escapeHtml(`${output.ename}: ${output.evalue.split("\n")[0]}`)}</div>`;
      return `<div class="error">${head}<pre>${escapeHtml(stripAnsi(trace))}</pre></div>`;
    }
    default:
      return `<pre class="text-output">${escapeHtml(JSON.stringify(output, null, 2))}</pre>`;
  }
}
