/**
 * Allowed values of a parameter (contract C1): a bracketed spec at the start of the trailing comment of a
 * `const` line in the parameters cell, e.g. `const DIM = 64; // [integer >= 1] latent factors`.
 *
 * Grammar inside the brackets: a type `integer | number | string | boolean`, optionally suffixed `[]` (an array,
 * every element checked), then optionally one constraint: `>= a`, `> a`, `<= b`, `< b`, an interval
 * `in [a, b]` / `in (a, b)` / `in [a, b)` / `in (a, b]`, or (numbers and strings) `one of "x", "y"` (JSON
 * literals). A comment that does not start with `[` is prose and declares nothing.
 */
import type { ParamValue } from "./param-literal";

/** The element type a spec allows. */
export type SpecType = "integer" | "number" | "string" | "boolean";

/** The optional constraint of a spec. */
export type SpecConstraint =
  | { kind: "compare"; op: ">=" | ">" | "<=" | "<"; bound: number }
  | { kind: "interval"; lo: number; hi: number; loOpen: boolean; hiOpen: boolean }
  | { kind: "oneOf"; values: (string | number)[] };

/** A parsed spec. */
export interface ParamSpec {
  /** The text between the outer brackets, as written (trimmed). */
  text: string;
  type: SpecType;
  /** True for `type[]`: the value is an array and every element must satisfy the rest. */
  array: boolean;
  constraint: SpecConstraint | null;
}

/** A malformed spec; `offset` is where in the comment text the problem was found. */
export class SpecSyntaxError extends Error {
  override name = "SpecSyntaxError";
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const TYPES: readonly SpecType[] = ["integer", "number", "string", "boolean"];
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const JSON_STRING = /"(?:[^"\\\n]|\\.)*"/y;

/** A cursor over the comment text. */
class Cursor {
  constructor(readonly text: string, public pos = 0) {}
  ws(): void {
    while (this.pos < this.text.length && /[ \t]/.test(this.text[this.pos])) this.pos += 1;
  }
  eat(token: string): boolean {
    this.ws();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
  match(re: RegExp): string | null {
    this.ws();
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }
  fail(what: string): never {
    const found = this.text.slice(this.pos).trim();
    throw new SpecSyntaxError(`expected ${what} but found ${found ? `\`${found.slice(0, 30)}\`` : "the end of the comment"}`, this.pos);
  }
  number(): number {
    const raw = this.match(NUMBER);
    if (raw === null) this.fail("a number");
    return Number(raw);
  }
}

function parseConstraint(c: Cursor, type: SpecType): SpecConstraint | null {
  const start = c.pos;
  for (const op of [">=", "<=", ">", "<"] as const) {
    if (c.eat(op)) return { kind: "compare", op, bound: c.number() };
  }
  if (c.match(/in(?![A-Za-z])/y)) {
    const open = c.match(/[[(]/y) ?? c.fail("`[` or `(` after `in`");
    const lo = c.number();
    if (!c.eat(",")) c.fail("`,` between the interval's bounds");
    const hi = c.number();
    const close = c.match(/[\])]/y) ?? c.fail("`]` or `)` closing the interval");
    if (!(lo <= hi)) throw new SpecSyntaxError(`the interval's lower bound ${lo} is above its upper bound ${hi}`, start);
    return { kind: "interval", lo, hi, loOpen: open === "(", hiOpen: close === ")" };
  }
  if (c.match(/one\s+of(?![A-Za-z])/y)) {
    const values: (string | number)[] = [];
    do {
      const raw = c.match(JSON_STRING) ?? c.match(NUMBER) ?? c.fail('a JSON literal (a number or a "string")');
      values.push(JSON.parse(raw) as string | number);
    } while (c.eat(","));
    const want = type === "string" ? "string" : "number";
    const wrong = values.find((v) => typeof v !== want);
    if (wrong !== undefined) throw new SpecSyntaxError(`one of: ${JSON.stringify(wrong)} is not a ${want}, as the type ${type} requires`, start);
    return { kind: "oneOf", values };
  }
  return null;
}

/**
 * Reads the spec at the start of a trailing comment's text (after `//`).
 * @returns null when the comment does not start with `[` (prose)
 * @throws SpecSyntaxError for a malformed spec, or a constraint the type does not support
 */
export function parseSpecComment(comment: string): ParamSpec | null {
  const c: Cursor = new Cursor(comment); // annotated, so that c.fail() (never) narrows
  if (!c.eat("[")) return null;
  const textStart = c.pos;
  const type = c.match(/[a-z]+/y) as SpecType | null;
  if (type === null || !TYPES.includes(type)) {
    c.pos = textStart;
    c.fail(`a type (${TYPES.join(", ")}) after \`[\` (a comment starting with \`[\` declares the allowed values)`);
  }
  const array = c.eat("[]");
  const constraintAt = c.pos;
  const constraint = parseConstraint(c, type);
  if (constraint && type === "boolean") throw new SpecSyntaxError("a boolean takes no constraint", constraintAt);
  if (constraint && type === "string" && constraint.kind !== "oneOf") {
    throw new SpecSyntaxError("a string takes only a `one of` constraint", constraintAt);
  }
  const textEnd = c.pos;
  if (!c.eat("]")) c.fail(constraint ? "`]` closing the spec" : "a constraint (>=, >, <=, <, in, one of) or `]`");
  return { text: comment.slice(textStart, textEnd).trim(), type, array, constraint };
}

function elementProblem(spec: ParamSpec, v: ParamValue): string | null {
  const isNumber = typeof v === "number" && Number.isFinite(v);
  if (spec.type === "integer" && !(isNumber && Number.isInteger(v))) return "not an integer";
  if (spec.type === "number" && !isNumber) return "not a number";
  if (spec.type === "string" && typeof v !== "string") return "not a string";
  if (spec.type === "boolean" && typeof v !== "boolean") return "not a boolean";
  const k = spec.constraint;
  if (k === null) return null;
  if (k.kind === "oneOf") return k.values.includes(v as string | number) ? null : "not one of the allowed values";
  const x = v as number;
  if (k.kind === "compare") {
    const ok = k.op === ">=" ? x >= k.bound : k.op === ">" ? x > k.bound : k.op === "<=" ? x <= k.bound : x < k.bound;
    return ok ? null : "out of range";
  }
  const ok = (k.loOpen ? x > k.lo : x >= k.lo) && (k.hiOpen ? x < k.hi : x <= k.hi);
  return ok ? null : "out of range";
}

/**
 * Checks a value against a spec.
 * @returns null when the value is allowed, else what is wrong (e.g. `element 2 (-5) is out of range`)
 */
export function specViolation(spec: ParamSpec, value: ParamValue): string | null {
  if (!spec.array) return elementProblem(spec, value);
  if (!Array.isArray(value)) return "not an array";
  for (let i = 0; i < value.length; i++) {
    const problem = elementProblem(spec, value[i]);
    if (problem) return `element ${i} (${JSON.stringify(value[i])}) is ${problem}`;
  }
  return null;
}
