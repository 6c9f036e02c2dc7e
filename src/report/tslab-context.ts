/**
 * Finds the tslab kernel the code runs in (JupyterLab or the headless runner), without loading tslab otherwise:
 * library calls that display things (progress, tables, charts) fall back to text in plain scripts.
 */

/** The part of tslab's public API the suite uses. */
export interface TslabApi {
  display: { html(s: string): void; text(s: string): void };
  newDisplay(): { html(s: string): void; text(s: string): void };
}

/**
 * The loaded tslab module when a kernel is executing (its Jupyter bridge has a display sink), else undefined.
 * Looks only at modules already loaded, so it never pulls tslab into a script.
 */
export function activeTslab(): TslabApi | undefined {
  const key = Object.keys(require.cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  if (!key) return undefined;
  const jupyter = require.cache[key]?.exports as { lastWriteDisplayData?: unknown } | undefined;
  if (!jupyter || jupyter.lastWriteDisplayData == null) return undefined;
  return require(key.replace(/jupyter\.js$/, "public.js")) as TslabApi;
}
