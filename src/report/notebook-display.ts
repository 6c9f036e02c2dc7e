/**
 * Rich output in notebooks: HTML tables (arquero) and raw HTML through tslab's display, with a plain-text
 * fallback when the code runs outside a kernel (e.g. from a script), so library calls never fail there.
 */
import * as aq from "arquero";

interface TslabDisplayModule { display: { html(s: string): void } }

/** The tslab module if the code runs inside a tslab kernel or the headless runner, else undefined. */
function tslabIfActive(): TslabDisplayModule | undefined {
  const key = Object.keys(require.cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  const jupyter = key ? (require.cache[key]?.exports as { lastWriteDisplayData?: unknown }) : undefined;
  if (!key || !jupyter || jupyter.lastWriteDisplayData == null) return undefined;
  return require(key.replace(/jupyter\.js$/, "public.js")) as TslabDisplayModule;
}

/** Displays `html` in the notebook; outside a kernel prints `fallbackText` instead. */
export function showHtml(html: string, fallbackText: string = html): void {
  const tslab = tslabIfActive();
  if (tslab) tslab.display.html(html);
  else console.log(fallbackText);
}

/** Displays rows of objects as an HTML table (Markdown text outside a kernel). */
export function showTable(rows: readonly object[]): void {
  const table = aq.from(rows as Record<string, unknown>[]);
  showHtml(table.toHTML(), table.toMarkdown());
}
