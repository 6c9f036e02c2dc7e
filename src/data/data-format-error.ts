/**
 * The one error type for bad input files: every message names the file and, when known, the 1-based line,
 * e.g. `ratings.csv line 17: rating "abc" is not a number`, so that a user can open the file and fix it.
 */

/** An input file is missing, empty or malformed; `message` always starts with the file (and line, if known). */
export class DataFormatError extends Error {
  /** Path of the offending file, as given to the loader. */
  readonly file: string;
  /** 1-based line number of the offending line, when the problem is tied to one line. */
  readonly line?: number;
  /** The problem alone, without the file and line prefix. */
  readonly detail: string;

  /** Creates an error for `file` (and `line`, 1-based) with the problem description `detail`. */
  constructor(file: string, line: number | undefined, detail: string, options?: { cause?: unknown }) {
    super(formatLocation(file, line) + ": " + detail);
    this.name = "DataFormatError";
    this.file = file;
    if (line !== undefined) this.line = line;
    this.detail = detail;
    if (options && options.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: options.cause, enumerable: false, writable: true });
    }
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** `file line N` (or just `file` without a line), the prefix used by every DataFormatError message. */
export function formatLocation(file: string, line?: number): string {
  return line === undefined ? file : `${file} line ${line}`;
}

/** Shortens a field for an error message: at most `max` characters, with an ellipsis when cut. */
export function quoteField(text: string, max = 60): string {
  const shown = text.length > max ? text.slice(0, max) + "..." : text;
  return JSON.stringify(shown);
}
