/**
 * The source file and line of every row added to a RatingsBuilder, run-length encoded (a new run only where
 * the line stops advancing with the row, e.g. after a blank line or a header, or where the file changes), so
 * that an error found after reading (a repeated pair) can name its lines without 4 bytes per row.
 */

/** Line delta recorded for rows added without a line number. */
const NO_LINE = -(2 ** 52);

/** Row -> (file, line) map; rows must be recorded in increasing order. */
export class RowSources {
  // From row runRow[k] on, line = row + runDelta[k] in runFile[k].
  private readonly runRow: number[] = [];
  private readonly runDelta: number[] = [];
  private readonly runFile: string[] = [];
  private lastDelta = NaN;
  private lastFile = "";

  /** Records that row `row` came from `file` at 1-based `line` (undefined if unknown). */
  record(row: number, file: string, line: number | undefined): void {
    const delta = line === undefined ? NO_LINE : line - row;
    if (delta !== this.lastDelta || file !== this.lastFile) {
      this.lastDelta = delta;
      this.lastFile = file;
      this.runRow.push(row);
      this.runDelta.push(delta);
      this.runFile.push(file);
    }
  }

  /** The file and line of `row` (line undefined when it was recorded without one). */
  sourceOf(row: number): { file: string; line?: number } {
    let lo = 0;
    let hi = this.runRow.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runRow[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    const delta = this.runDelta[lo];
    return delta !== NO_LINE ? { file: this.runFile[lo], line: row + delta } : { file: this.runFile[lo] };
  }

  /** "line 4", or "other.csv line 4" when `row` came from another file than `file`, or "row 5" without a line. */
  describe(row: number, file: string): string {
    const at = this.sourceOf(row);
    const where = at.line === undefined ? `row ${row + 1}` : `line ${at.line}`;
    return at.file === file ? where : `${at.file} ${where}`;
  }
}
