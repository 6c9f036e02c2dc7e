/**
 * Rich output in notebooks: HTML tables (arquero) and raw HTML through tslab's display, with a plain-text
 * fallback when the code runs outside a kernel (e.g. from a script), so library calls never fail there.
 */
import * as aq from "arquero";
import { activeTslab } from "./tslab-context";

/** Displays `html` in the notebook; outside a kernel prints `fallbackText` instead. */
export function showHtml(html: string, fallbackText: string = html): void {
  const tslab = activeTslab();
  if (tslab) tslab.display.html(html);
  else console.log(fallbackText);
}

/** Displays rows of objects as an HTML table (Markdown text outside a kernel). */
export function showTable(rows: readonly object[]): void {
  const table = aq.from(rows as Record<string, unknown>[]);
  showHtml(table.toHTML(), table.toMarkdown());
}
