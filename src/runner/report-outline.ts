/**
 * The navigable structure of a report page: its title (the notebook's first heading), anchors on every heading of
 * rendered markdown for a table of contents, and links to sibling notebooks (`X.ipynb`) rewritten to their reports.
 */
import { Notebook, sourceText } from "./nbformat";
import { escapeHtml } from "./text-utils";

/** A heading of the page: level 1-6, plain text, and its anchor id. */
export interface Heading {
  level: number;
  text: string;
  id: string;
}

/** Plain text of inline markdown: links keep their text, emphasis and code marks are dropped. */
export function plainInline(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The notebook's title: the text of the first markdown heading (any level), else `fallback`. */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const match = /^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(sourceText(cell.source));
    if (match) return plainInline(match[1]);
  }
  return fallback;
}

/** A URL-safe slug of heading text ("5-fold CV: results" -> "5-fold-cv-results"). */
export function slug(text: string): string {
  const s = text.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  return s || "section";
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/**
 * Gives every `<hN>` of rendered markdown a unique id (collected in `headings`, ids unique across calls sharing
 * `used`), returning the new HTML.
 */
export function anchorHeadings(html: string, headings: Heading[], used: Set<string>): string {
  return html.replace(/<h([1-6])>([\s\S]*?)<\/h\1>/g, (_whole, level: string, inner: string) => {
    const text = stripTags(inner).trim();
    let id = slug(text);
    for (let k = 2; used.has(id); k++) id = `${slug(text)}-${k}`;
    used.add(id);
    headings.push({ level: Number(level), text, id });
    return `<h${level} id="${id}">${inner}</h${level}>`;
  });
}

/** The table of contents of `headings` (levels 2-4; level 1 only when it is not the page title alone). */
export function renderToc(headings: Heading[]): string {
  const shown = headings.filter((h, k) => h.level <= 4 && !(k === 0 && h.level === 1));
  if (shown.length === 0) return "";
  const items = shown.map((h) => `<li class="h${h.level}"><a href="#${h.id}">${escapeHtml(h.text)}</a></li>`).join("");
  return `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ul>${items}</ul></nav>`;
}

/**
 * Rewrites relative links to notebooks (`href="X.ipynb"` or `href="X.ipynb#part"`, no folder, no scheme) with
 * `resolve(stem)`, e.g. to the report `X.html`; links it returns undefined for stay as they are.
 */
export function rewriteNotebookLinks(html: string, resolve: (stem: string) => string | undefined): string {
  return html.replace(/href="([A-Za-z0-9_.-]+)\.ipynb(#[^"]*)?"/g, (whole, stem: string, hash: string | undefined) => {
    const target = resolve(stem);
    return target === undefined ? whole : `href="${escapeHtml(target)}${hash ?? ""}"`;
  });
}
