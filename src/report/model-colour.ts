/**
 * A fixed colour per model (or series) name, the same in every chart and report: a stable string hash (FNV-1a,
 * 32 bit) into a colour-blind-friendly palette (Okabe-Ito plus Tableau 10 tones).
 */

/** The palette, as CSS hex colours. */
export const MODEL_PALETTE: readonly string[] = [
  "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
  "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD", "#2CA02C",
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

/** The colour of a model name: `MODEL_PALETTE[hash(name) mod palette size]`, independent of chart and order. */
export function modelColour(name: string): string {
  return MODEL_PALETTE[stableHash(name) % MODEL_PALETTE.length];
}
