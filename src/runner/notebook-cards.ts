/**
 * Cards of the results site, one per executed notebook in a reports folder: title and one-line summary from the
 * notebook's markdown, run time and status from the runner's run record, and the run's computed conclusion (the
 * `conclusion` of a result entry the run recorded) or, failing that, the text output of its last code cell.
 */
import type { NotebookCard } from "../report/site/index-page";
import type { NotebookResults } from "../report/results-store";
import { Notebook, sourceText } from "./nbformat";
import { notebookTitle, plainInline } from "./report-outline";
import type { RunRecord } from "./run-record";
import { stripAnsi } from "./text-utils";

/** Longest conclusion shown on a card, in characters (longer ones are cut at a line end). */
export const MAX_CONCLUSION_CHARS = 600;

/** The first sentence of the notebook's first paragraph after its title. */
export function notebookSummary(nb: Notebook): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const paragraphs = sourceText(cell.source).split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && !/^(#|[-*] |\||<|```|\$\$)/.test(p));
    if (paragraphs.length === 0) continue;
    const text = plainInline(paragraphs[0]);
    const sentence = /^(.+?[.!?])(\s|$)/.exec(text);
    return sentence ? sentence[1] : text;
  }
  return "";
}

/** The last lines (at most 6) of the text output (stdout or text/plain) of the last code cell; "recorded in ..." lines dropped. */
export function lastCellText(nb: Notebook): string | undefined {
  const code = nb.cells.filter((c) => c.cell_type === "code");
  for (let k = code.length - 1; k >= 0; k--) {
    const cell = code[k];
    if (cell.cell_type !== "code" || sourceText(cell.source).trim() === "") continue;
    const texts: string[] = [];
    for (const o of cell.outputs) {
      if (o.output_type === "stream" && o.name === "stdout") texts.push(sourceText(o.text));
      else if ((o.output_type === "execute_result" || o.output_type === "display_data") && !("text/html" in o.data) && typeof o.data["text/plain"] !== "undefined") {
        texts.push(sourceText(o.data["text/plain"] as string | string[]));
      }
    }
    const lines = stripAnsi(texts.join("\n")).split("\n").filter((l) => l.trim() !== "" && !/^recorded in |^\[chart\]/.test(l));
    const text = (lines.length > 6 ? ["\u2026", ...lines.slice(-6)] : lines).join("\n").trim();
    return text ? clip(text) : undefined;
  }
  return undefined;
}

function clip(text: string): string {
  if (text.length <= MAX_CONCLUSION_CHARS) return text;
  const cut = text.lastIndexOf("\n", MAX_CONCLUSION_CHARS);
  return `${text.slice(0, cut > 0 ? cut : MAX_CONCLUSION_CHARS).trimEnd()}\n\u2026`;
}

/**
 * The conclusion a run recorded: the latest `conclusion` of the notebook's entries finished during the run; without
 * a run record (no report), the latest conclusion recorded for the notebook at all.
 */
export function recordedConclusion(stem: string, record: RunRecord | undefined, results: NotebookResults[]): string | undefined {
  const from = record ? Date.parse(record.started) : -Infinity;
  const to = record ? Date.parse(record.finished) + 60_000 : Infinity;
  const entries = results
    .filter((r) => r.notebook === stem)
    .flatMap((r) => Object.values(r.entries))
    .filter((e) => typeof (e as { conclusion?: unknown }).conclusion === "string" && Date.parse(e.finishedAt) >= from && Date.parse(e.finishedAt) <= to)
    .sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt));
  const text = entries.length ? (entries[0] as { conclusion?: string }).conclusion : undefined;
  return text ? clip(text.trim()) : undefined;
}

/** The card of an executed notebook (`record` from its run record; `href` its report). */
export function notebookCard(stem: string, nb: Notebook, record: RunRecord | undefined, results: NotebookResults[], href: string | undefined): NotebookCard {
  const conclusion = recordedConclusion(stem, record, results);
  const fallback = conclusion === undefined ? lastCellText(nb) : undefined;
  return {
    notebook: stem,
    title: notebookTitle(nb, stem),
    summary: notebookSummary(nb),
    conclusion: conclusion ?? fallback,
    conclusionSource: conclusion !== undefined ? "result" : fallback !== undefined ? "last cell" : undefined,
    seconds: record?.seconds,
    status: record ? record.status : "missing",
    href,
    overridden: record?.overridden,
  };
}
