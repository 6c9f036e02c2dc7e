/**
 * A fixed colour per model (or series) name, the same in every chart and report: a stable string hash (FNV-1a,
 * 32 bit, of `COLOUR_SALT + name`) into a palette of 20 distinct colours (Okabe-Ito and Tableau tones; black is
 * kept for published numbers). The salt was chosen once so that the suite's models that share a results table get
 * different colours (test/report/honest-charts.test.ts); any other name still gets a fixed colour.
 */

/** Prefix hashed with every name (see the module comment). */
export const COLOUR_SALT = "5082:";

/** The palette, as CSS hex colours. */
export const MODEL_PALETTE: readonly string[] = [
  "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF",
  "#9467BD", "#2CA02C", "#E15759", "#F28E2B", "#76B7B2", "#B07AA1", "#FF9DA7", "#9C755F", "#EDC948", "#1F3A93",
];

/** FNV-1a hash of the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The colour of a model name: `MODEL_PALETTE[hash(salt + name) mod palette size]`, independent of chart and order. */
export function modelColour(name: string): string {
  return MODEL_PALETTE[stableHash(COLOUR_SALT + name) % MODEL_PALETTE.length];
}
