/**
 * Writes experiment results to `<results>/<notebook>.json` (one entry per data set and protocol, replaced when
 * rerun) and regenerates `<results>/README.md` from all of them. Writes are atomic, and each read-modify-write
 * holds the folder's lock file (`.results.lock`), so concurrent runs never lose an entry. Where `<results>` is:
 * see results-dir.ts (contract C2). Nothing is edited by hand.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { writeWhenCellEnds } from "./deferred-writes";
import { withFileLock } from "./file-lock";
import { entryKey, type ResultEntry } from "./result-entry";
import { announceResultsWrite, resultsDir } from "./results-dir";
import { renderResultsReadme } from "./results-readme";

export { committedResultsDir, resultsDir, scratchResultsDir } from "./results-dir";

/** The lock file that serialises writers of one results folder. */
export const RESULTS_LOCK = ".results.lock";

/** A notebook's results file: entries by `entryKey`. */
export interface NotebookResults {
  notebook: string;
  entries: Record<string, ResultEntry>;
}

/** Reads every `<notebook>.json` results file in `dir` (sorted by name); a corrupt file is an error naming it. */
export function readAllResults(dir: string): NotebookResults[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("."))
    .sort()
    .map((f) => readResultsFile(path.join(dir, f)));
}

function readResultsFile(file: string): NotebookResults {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookResults;
    if (typeof parsed.notebook !== "string" || typeof parsed.entries !== "object") throw new Error("missing notebook or entries");
    return parsed;
  } catch (e) {
    throw new Error(`results file ${file} is not a valid results file: ${(e as Error).message}`);
  }
}

/**
 * Stores `entry` in `<dir>/<entry.notebook>.json` (replacing the entry with the same data set and protocol)
 * and regenerates `<dir>/README.md`. Returns the path of the JSON file. Under the notebook runner the write
 * happens when the calling cell has finished (deferred-writes.ts), so an interrupted cell records nothing.
 */
export function recordResult(entry: ResultEntry, dir: string = resultsDir()): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(entry.notebook)) {
    throw new RangeError(`recordResult: notebook name ${JSON.stringify(entry.notebook)} must be kebab-case`);
  }
  announceResultsWrite(dir);
  const file = path.join(dir, `${entry.notebook}.json`);
  const snapshot = structuredClone(entry); // what the cell recorded, even if it changes the object afterwards
  writeWhenCellEnds(() => recordNow(snapshot, dir, file));
  return file;
}

function recordNow(entry: ResultEntry, dir: string, file: string): void {
  fs.mkdirSync(dir, { recursive: true });
  withFileLock(path.join(dir, RESULTS_LOCK), () => {
    const existing: NotebookResults = fs.existsSync(file) ? readResultsFile(file) : { notebook: entry.notebook, entries: {} };
    existing.entries[entryKey(entry)] = entry;
    const sorted: NotebookResults = {
      notebook: entry.notebook,
      entries: Object.fromEntries(Object.entries(existing.entries).sort(([a], [b]) => a.localeCompare(b))),
    };
    writeFileAtomic(file, JSON.stringify(sorted, null, 2) + "\n");
    writeFileAtomic(path.join(dir, "README.md"), renderResultsReadme(readAllResults(dir)));
  });
}
