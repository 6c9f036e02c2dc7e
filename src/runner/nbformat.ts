/**
 * nbformat 4 types and JSON reading/writing for Jupyter notebooks.
 *
 * Files are written the way Jupyter writes them (keys sorted, one-space indent, multi-line
 * strings as arrays of lines, trailing newline), so that a notebook saved by JupyterLab and
 * one written here differ only where their content differs.
 */
import * as fs from "fs";
import { writeFileAtomic } from "../report/atomic-write";

/** A multi-line string as nbformat stores it: one string, or a list of lines each keeping its "\n". */
export type MultilineString = string | string[];

/** A MIME bundle: MIME type to content (text as a multi-line string, JSON types as objects). */
export type MimeBundle = Record<string, unknown>;

/** Text written to stdout or stderr. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

/** Rich output (HTML, images, markdown...) produced by a display call. */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of a cell's last expression. */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An error raised by a cell (also used for compile errors and timeouts). */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Any code-cell output. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** Cell metadata; `tags` is the only key the runner interprets ("parameters"). */
export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

/** A code cell. */
export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  outputs: Output[];
  execution_count: number | null;
}

/** A markdown cell. */
export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

/** A raw cell (passed through untouched). */
export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

/** Any notebook cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** A notebook in nbformat 4.x. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Raised when a file is not an nbformat 4 notebook. */
export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";
}

/** Joins a multi-line string into one string. */
export function sourceText(value: MultilineString | undefined): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join("") : value;
}

/** Splits text into nbformat's list-of-lines form (each line keeps its "\n"). */
export function toLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

/** True when the cell is a code cell. */
export function isCodeCell(cell: Cell): cell is CodeCell {
  return cell.cell_type === "code";
}

/** True when the cell carries the given tag in `metadata.tags`. */
export function hasTag(cell: Cell, tag: string): boolean {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

/**
 * Parses notebook JSON and checks the structure the runner relies on.
 * @param text - file content
 * @param label - the notebook's name for error messages (usually its path)
 * @throws NotebookFormatError when the JSON is invalid or not nbformat 4
 */
export function parseNotebook(text: string, label: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${label}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new NotebookFormatError(`${label}: a notebook must be a JSON object`);
  }
  const nb = json as Partial<Notebook>;
  if (nb.nbformat !== 4) {
    throw new NotebookFormatError(`${label}: only nbformat 4 is supported (found ${String(nb.nbformat)})`);
  }
  if (!Array.isArray(nb.cells)) throw new NotebookFormatError(`${label}: "cells" must be an array`);
  nb.cells.forEach((cell, i) => {
    const kind = (cell as Partial<Cell>)?.cell_type;
    if (kind !== "code" && kind !== "markdown" && kind !== "raw") {
      throw new NotebookFormatError(`${label}: cell ${i + 1} has unknown cell_type ${JSON.stringify(kind)}`);
    }
    cell.metadata ??= {};
    cell.source ??= "";
    if (kind === "code") {
      const code = cell as CodeCell;
      code.outputs ??= [];
      code.execution_count ??= null;
    }
  });
  return {
    nbformat: 4,
    nbformat_minor: typeof nb.nbformat_minor === "number" ? nb.nbformat_minor : 4,
    metadata: nb.metadata ?? {},
    cells: nb.cells,
  };
}

/** Reads and parses a notebook file (see {@link parseNotebook}). */
export function readNotebook(path: string): Notebook {
  return parseNotebook(fs.readFileSync(path, "utf8"), path);
}

/** Serializes a notebook the way Jupyter does: sorted keys, indent 1, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

/** Writes a notebook atomically (temp file in the same folder, then rename). */
export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic(path, serializeNotebook(nb));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
