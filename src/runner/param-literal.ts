/**
 * A small scanner for the parameters cell: reads `const NAME = literal;` statements where the
 * literal is a number, string, boolean, null, or an array/object of literals (JSON-like, with
 * the JavaScript conveniences people write: single quotes, unquoted keys, trailing commas,
 * numeric separators). Comments and blank lines are skipped. Anything else is a syntax error
 * carrying the offset where it was found.
 */

/** A parameter value: what a literal in the parameters cell evaluates to. */
export type ParamValue = null | boolean | number | string | ParamValue[] | { [key: string]: ParamValue };

/** A statement `const NAME = literal;` found in the parameters cell. */
export interface ParamStatement {
  name: string;
  value: ParamValue;
  /** Source text of the literal, as written. */
  literalText: string;
  /** Offset of `const`. */
  start: number;
  /** Offset just after the statement (after `;` when present). */
  end: number;
}

/** A syntax error in the parameters cell, at `offset` in the cell source. */
export class LiteralSyntaxError extends Error {
  override name = "LiteralSyntaxError";
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?(?![A-Za-z0-9_$])/y;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };
const LITERAL_KINDS = "a literal (number, string, true/false, null, array or object)";

/** Parses every statement of a parameters cell; throws {@link LiteralSyntaxError} on anything else. */
export function parseParamStatements(text: string): ParamStatement[] {
  const s = new Scanner(text);
  const out: ParamStatement[] = [];
  for (s.skipTrivia(); !s.done(); s.skipTrivia()) {
    const start = s.pos;
    const keyword = s.ident();
    if (keyword !== "const") {
      throw new LiteralSyntaxError(`expected \`const NAME = literal;\` but found \`${s.snippet(start)}\``, start);
    }
    s.skipTrivia();
    const nameAt = s.pos;
    const name = s.ident();
    if (!name) throw new LiteralSyntaxError(`expected a name after \`const\`, found \`${s.snippet(nameAt)}\``, nameAt);
    s.skipTrivia();
    if (s.peek() === ":") throw new LiteralSyntaxError(`${name}: remove the type annotation (write \`const ${name} = literal;\`)`, s.pos);
    s.expect("=", `expected \`=\` after \`const ${name}\``);
    s.skipTrivia();
    const literalStart = s.pos;
    const value = s.literal(name);
    const literalText = text.slice(literalStart, s.pos);
    const afterLiteral = s.pos;
    s.skipInlineTrivia();
    let end = afterLiteral;
    if (s.peek() === ";") {
      s.pos += 1;
      end = s.pos;
    } else if (!s.done() && !s.atLineEnd()) {
      throw new LiteralSyntaxError(
        `after the value of ${name} expected \`;\` but found \`${s.snippet(s.pos)}\` (the value must be ${LITERAL_KINDS}, not an expression)`,
        s.pos,
      );
    }
    out.push({ name, value, literalText, start, end });
  }
  return out;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  /** True at a newline or a line comment (a statement may end there without `;`). */
  atLineEnd(): boolean {
    const rest = this.text.slice(this.pos, this.pos + 2);
    return rest.startsWith("\n") || rest.startsWith("\r") || rest === "//";
  }

  snippet(at: number): string {
    const rest = this.text.slice(at).split("\n")[0].trim();
    return rest.length > 30 ? rest.slice(0, 30) + "..." : rest || "end of cell";
  }

  skipTrivia(): void {
    for (;;) {
      const m = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;
      m.lastIndex = this.pos;
      const hit = m.exec(this.text);
      if (!hit || hit[0].length === 0) return;
      this.pos += hit[0].length;
    }
  }

  /** Skips spaces and block comments on the current line (not newlines or line comments). */
  skipInlineTrivia(): void {
    const m = /(?:[ \t]+|\/\*[^\n]*?\*\/)*/y;
    m.lastIndex = this.pos;
    this.pos += m.exec(this.text)?.[0].length ?? 0;
  }

  expect(ch: string, message: string): void {
    if (this.peek() !== ch) throw new LiteralSyntaxError(`${message}, found \`${this.snippet(this.pos)}\``, this.pos);
    this.pos += 1;
  }

  ident(): string | null {
    IDENT.lastIndex = this.pos;
    const hit = IDENT.exec(this.text);
    if (!hit) return null;
    this.pos += hit[0].length;
    return hit[0];
  }

  literal(name: string): ParamValue {
    const at = this.pos;
    const ch = this.peek();
    if (ch === '"' || ch === "'" || ch === "`") return this.string(ch);
    if (ch === "[") return this.array(name);
    if (ch === "{") return this.object(name);
    NUMBER.lastIndex = at;
    const num = NUMBER.exec(this.text);
    if (num) {
      this.pos += num[0].length;
      return Number(num[0].replace(/_/g, ""));
    }
    const word = this.ident();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    this.pos = at;
    throw new LiteralSyntaxError(`the value of ${name} must be ${LITERAL_KINDS}, found \`${this.snippet(at)}\``, at);
  }

  private string(quote: string): string {
    const start = this.pos;
    let out = "";
    for (this.pos += 1; ; this.pos += 1) {
      const ch = this.text[this.pos];
      if (ch === undefined || (ch === "\n" && quote !== "`")) {
        throw new LiteralSyntaxError("unterminated string", start);
      }
      if (ch === quote) break;
      if (quote === "`" && ch === "$" && this.text[this.pos + 1] === "{") {
        throw new LiteralSyntaxError("template literals with ${...} are not literals", this.pos);
      }
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      this.pos += 1;
      const esc = this.text[this.pos] ?? "";
      if (esc in ESCAPES) out += ESCAPES[esc];
      else if (esc === "u" || esc === "x") out += this.hexEscape(esc);
      else if (esc !== "\n") out += esc;
    }
    this.pos += 1;
    return out;
  }

  private hexEscape(kind: string): string {
    const m = (kind === "x" ? /x([0-9a-fA-F]{2})/y : /u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/y);
    m.lastIndex = this.pos;
    const hit = m.exec(this.text);
    if (!hit) throw new LiteralSyntaxError("invalid escape sequence", this.pos);
    this.pos += hit[0].length - 1;
    return String.fromCodePoint(parseInt(hit[1] ?? hit[2], 16));
  }

  private array(name: string): ParamValue[] {
    const items: ParamValue[] = [];
    this.pos += 1;
    for (this.skipTrivia(); this.peek() !== "]"; this.skipTrivia()) {
      items.push(this.literal(name));
      this.skipTrivia();
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "]") this.expect("]", `in the array of ${name} expected \`,\` or \`]\``);
    }
    this.pos += 1;
    return items;
  }

  private object(name: string): { [key: string]: ParamValue } {
    const obj: { [key: string]: ParamValue } = {};
    this.pos += 1;
    for (this.skipTrivia(); this.peek() !== "}"; this.skipTrivia()) {
      const at = this.pos;
      const ch = this.peek();
      const key = ch === '"' || ch === "'" ? this.string(ch) : this.ident() ?? this.numberKey();
      if (key === null) throw new LiteralSyntaxError(`in the object of ${name} expected a key, found \`${this.snippet(at)}\``, at);
      this.skipTrivia();
      this.expect(":", `in the object of ${name} expected \`:\` after key ${JSON.stringify(key)}`);
      this.skipTrivia();
      obj[key] = this.literal(name);
      this.skipTrivia();
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "}") this.expect("}", `in the object of ${name} expected \`,\` or \`}\``);
    }
    this.pos += 1;
    return obj;
  }

  private numberKey(): string | null {
    NUMBER.lastIndex = this.pos;
    const hit = NUMBER.exec(this.text);
    if (!hit) return null;
    this.pos += hit[0].length;
    return String(Number(hit[0].replace(/_/g, "")));
  }
}
