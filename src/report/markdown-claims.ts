/**
 * Finds metric values of ours typed into a notebook's prose: a number with three or more decimals in a markdown
 * cell, on a line that does not cite where it comes from (a paper, a talk, "published", "reports"). Results must
 * be printed by code from the run's numbers, never typed (see model-verdict.ts). Code spans (`...`) hold settings, not
 * results, and are skipped.
 */
import type { Notebook } from "../runner/nbformat";
import { sourceText } from "../runner/nbformat";

/** One offending line: markdown cell index (0-based, among all cells), line number in the cell (1-based), text. */
export interface MetricClaim {
  cell: number;
  line: number;
  text: string;
}

/** A number with three or more decimals, e.g. 0.9183 or 2.137 (not part of a longer token such as a version). */
const METRIC_NUMBER = /(?<![\w.])\d+\.\d{3,}(?![\w.])/;

/** Words that mark a line as citing a published figure. */
const CITATION = /published|report|et al\.|\btalk\b|\bpaper\b/i;

/** Every markdown line of `nb` holding an uncited number with three or more decimals. */
export function findMetricClaims(nb: Notebook): MetricClaim[] {
  const out: MetricClaim[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "markdown") return;
    sourceText(cell.source).split("\n").forEach((text, k) => {
      const prose = text.replace(/`[^`]*`/g, "");
      if (METRIC_NUMBER.test(prose) && !CITATION.test(prose)) out.push({ cell: index, line: k + 1, text });
    });
  });
  return out;
}
