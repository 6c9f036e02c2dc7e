/**
 * The parameters cell: every notebook has exactly one code cell tagged `parameters` holding
 * only `const NAME = literal;` lines (plus comments and blank lines), like papermill's
 * convention. This module finds that cell and reads its parameters, with errors that name the
 * notebook, the cell and the line.
 */
import { hasTag, Notebook, sourceText } from "./nbformat";
import { LiteralSyntaxError, parseParamStatements, ParamValue } from "./param-literal";
import { ParamSpec, parseSpecComment, SpecSyntaxError, specViolation } from "./param-spec";

export type { ParamValue } from "./param-literal";

/** The tag that marks the parameters cell. */
export const PARAMETERS_TAG = "parameters";

/** Raised for a missing, duplicated or malformed parameters cell, and for bad overrides. */
export class ParameterError extends Error {
  override name = "ParameterError";
}

/**
 * Raised for a `--param` override the notebook does not accept: an unknown name, a kind change, or a value
 * outside the parameter's declared spec (a usage error: the command line is wrong, not the notebook).
 */
export class OverrideError extends ParameterError {
  override name = "OverrideError";
}

/** One parameter as declared in the notebook. */
export interface ParameterDef {
  name: string;
  /** The notebook's value. */
  value: ParamValue;
  /** The literal as written in the cell. */
  literalText: string;
  /** 1-based line of the `const` in the cell. */
  line: number;
  /** Offsets of the statement in the cell source. */
  start: number;
  end: number;
  /** The allowed values declared in its trailing comment (`// [integer >= 1] ...`), or null (contract C1). */
  spec: ParamSpec | null;
}

/** The parameters cell of a notebook and its parameters in declaration order. */
export interface ParametersCell {
  /** 0-based position of the cell in the notebook. */
  cellIndex: number;
  /** The cell's source. */
  source: string;
  params: ParameterDef[];
}

/** 1-based line number of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line += 1;
  return line;
}

/**
 * Parses the source of a parameters cell.
 * @param source - cell source
 * @param where - prefix for error messages, e.g. `notebooks/a.ipynb: parameters cell (cell 2)`
 * @throws ParameterError naming the line of the first statement that is not `const NAME = literal;`
 */
export function parseParametersSource(source: string, where: string): ParameterDef[] {
  let statements;
  try {
    statements = parseParamStatements(source);
  } catch (e) {
    if (!(e instanceof LiteralSyntaxError)) throw e;
    throw new ParameterError(
      `${where}, line ${lineOf(source, e.offset)}: ${e.message}. ` +
        "The parameters cell may hold only `const NAME = literal;` lines, comments and blank lines.",
    );
  }
  const seen = new Map<string, number>();
  return statements.map((st) => {
    const line = lineOf(source, st.start);
    const previous = seen.get(st.name);
    if (previous !== undefined) {
      throw new ParameterError(`${where}, line ${line}: parameter ${st.name} is already declared on line ${previous}`);
    }
    seen.set(st.name, line);
    const spec = trailingSpec(source, st.end, `${where}, line ${line}: ${st.name}`);
    const problem = spec && st.value !== null ? specViolation(spec, st.value) : null;
    if (problem) {
      throw new ParameterError(`${where}, line ${line}: ${st.name}'s own value ${st.literalText} is ${problem}; its spec allows [${spec?.text}]`);
    }
    return { name: st.name, value: st.value, literalText: st.literalText, line, start: st.start, end: st.end, spec };
  });
}

/** The spec in the `//` comment that follows offset `end` on the same line, if any. */
function trailingSpec(source: string, end: number, where: string): ParamSpec | null {
  const lineEnd = source.indexOf("\n", end);
  const rest = source.slice(end, lineEnd < 0 ? source.length : lineEnd);
  const m = /^[ \t]*\/\/(.*)$/.exec(rest);
  if (!m) return null;
  try {
    return parseSpecComment(m[1]);
  } catch (e) {
    if (!(e instanceof SpecSyntaxError)) throw e;
    throw new ParameterError(`${where}: malformed spec in \`//${m[1].trimEnd()}\`: ${e.message} (column ${e.offset + 1} of the comment)`);
  }
}

/**
 * Finds and parses the notebook's single parameters cell.
 * @param nb - the notebook
 * @param label - the notebook's name for error messages (usually its path)
 * @throws ParameterError when the cell is missing, duplicated, or holds anything but parameters
 */
export function findParametersCell(nb: Notebook, label: string): ParametersCell {
  const tagged = nb.cells.map((cell, index) => ({ cell, index })).filter(({ cell }) => hasTag(cell, PARAMETERS_TAG));
  const code = tagged.filter(({ cell }) => cell.cell_type === "code");
  const misplaced = tagged.filter(({ cell }) => cell.cell_type !== "code").map(({ index }) => index + 1);
  const note = misplaced.length > 0 ? ` (cells ${misplaced.join(", ")} are tagged "${PARAMETERS_TAG}" but are not code cells)` : "";
  if (code.length === 0) {
    throw new ParameterError(
      `${label}: no code cell is tagged "${PARAMETERS_TAG}"${note}; every notebook needs exactly one, ` +
        "holding `const NAME = literal;` lines (add the tag in JupyterLab's property inspector, metadata.tags)",
    );
  }
  if (code.length > 1) {
    throw new ParameterError(
      `${label}: ${code.length} code cells are tagged "${PARAMETERS_TAG}" (cells ${code.map(({ index }) => index + 1).join(", ")}); exactly one is allowed`,
    );
  }
  const { cell, index } = code[0];
  const source = sourceText(cell.source);
  const params = parseParametersSource(source, `${label}: parameters cell (cell ${index + 1})`);
  return { cellIndex: index, source, params };
}

/** The notebook's parameter values by name. */
export function parameterValues(cell: ParametersCell): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const p of cell.params) values[p.name] = p.value;
  return values;
}
