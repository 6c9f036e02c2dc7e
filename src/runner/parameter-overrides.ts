/**
 * Parameter overrides (`--param NAME=VALUE`): parsing command-line values, checking names and
 * types against the notebook's parameters cell, and rewriting that cell's source for the
 * executed copy (overridden lines keep their place and say what the notebook's default was,
 * like papermill's injected parameters).
 */
import { specViolation } from "./param-spec";
import { OverrideError, ParameterError, ParametersCell, ParamValue } from "./parameters";

/** Overrides by parameter name. */
export type ParamOverrides = Record<string, ParamValue>;

/** The outcome of applying overrides to a parameters cell. */
export interface AppliedParameters {
  /** Every parameter's value after overrides, in declaration order. */
  values: Record<string, ParamValue>;
  /** Names that were overridden. */
  overridden: string[];
  /** The cell source to execute (equal to the original when nothing was overridden). */
  source: string;
}

/**
 * Parses a command-line value: JSON when it is valid JSON (`42`, `true`, `null`, `"x"`,
 * `[1,2]`, `{"a":1}`), otherwise the plain string (`mf` becomes `"mf"`).
 */
export function parseParamValue(raw: string): ParamValue {
  try {
    return JSON.parse(raw) as ParamValue;
  } catch {
    return raw;
  }
}

/**
 * Splits a `NAME=VALUE` argument and parses VALUE with {@link parseParamValue}.
 * @throws ParameterError when there is no `=` or the name is not an identifier
 */
export function parseParamAssignment(arg: string): { name: string; value: ParamValue } {
  const eq = arg.indexOf("=");
  const name = eq < 0 ? arg : arg.slice(0, eq);
  if (eq < 0 || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
    throw new ParameterError(`--param expects NAME=VALUE with NAME an identifier, got ${JSON.stringify(arg)}`);
  }
  return { name, value: parseParamValue(arg.slice(eq + 1)) };
}

/** The kind of a parameter value used for type checks: null, boolean, number, string, array or object. */
export function valueKind(value: ParamValue): "null" | "boolean" | "number" | "string" | "array" | "object" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as "boolean" | "number" | "string" | "object";
}

/** Renders a value as a TypeScript literal (JSON is valid TypeScript). */
export function renderLiteral(value: ParamValue): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new OverrideError(`parameter values must be finite numbers, got ${value}`);
  }
  return JSON.stringify(value);
}

function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 3) + "..." : flat;
}

/**
 * Applies overrides to the parameters cell.
 * A value may replace one of the same kind (number for number, string for string, array for
 * array...); a parameter declared `null` accepts any kind.
 * @param cell - the parsed parameters cell
 * @param overrides - values by name
 * @param label - the notebook's name for error messages
 * A parameter whose line declares a spec (`// [integer >= 1]`, contract C1) also accepts only values it allows.
 * @throws OverrideError for an unknown name (listing the known ones), a kind change, or a value outside the spec
 */
export function applyOverrides(cell: ParametersCell, overrides: ParamOverrides, label: string): AppliedParameters {
  const byName = new Map(cell.params.map((p) => [p.name, p]));
  const known = cell.params.map((p) => p.name);
  for (const [name, value] of Object.entries(overrides)) {
    const def = byName.get(name);
    if (!def) {
      const list = known.length > 0 ? known.join(", ") : "(none: the parameters cell is empty)";
      throw new OverrideError(`${label}: unknown parameter ${name}; the parameters cell (cell ${cell.cellIndex + 1}) declares: ${list}`);
    }
    const was = valueKind(def.value);
    const now = valueKind(value);
    if (was !== "null" && was !== now) {
      const hint = was === "string" ? ` (to pass a string that looks like JSON, quote it: --param '${name}="..."')` : "";
      throw new OverrideError(
        `${label}: parameter ${name} is ${withArticle(was)} in the notebook (line ${def.line}: ${shorten(def.literalText)}) ` +
          `but the override is ${withArticle(now)} (${shorten(renderLiteral(value))})${hint}`,
      );
    }
    const problem = def.spec && !(value === null && def.value === null) ? specViolation(def.spec, value) : null;
    if (problem) {
      throw new OverrideError(
        `${label}: parameter ${name}=${shorten(renderLiteral(value))} is not allowed (${problem}); ` +
          `allowed: [${def.spec?.text}] (parameters cell, line ${def.line})`,
      );
    }
  }
  const values: Record<string, ParamValue> = {};
  const overridden: string[] = [];
  let source = "";
  let cursor = 0;
  for (const def of cell.params) {
    if (!Object.prototype.hasOwnProperty.call(overrides, def.name)) {
      values[def.name] = def.value;
      continue;
    }
    const value = overrides[def.name];
    values[def.name] = value;
    overridden.push(def.name);
    source += cell.source.slice(cursor, def.start);
    source += `const ${def.name} = ${renderLiteral(value)}; // overridden by the runner; notebook default: ${shorten(def.literalText)}`;
    cursor = def.end;
  }
  source += cell.source.slice(cursor);
  return { values, overridden, source };
}
