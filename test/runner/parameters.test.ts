import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  applyOverrides,
  createNotebook,
  findParametersCell,
  ParameterError,
  parseParamAssignment,
  parseParametersSource,
  parseParamValue,
} from "../../src/runner";

const where = "nb.ipynb: parameters cell (cell 2)";

describe("parameters cell parsing", () => {
  test("reads const NAME = literal lines with comments, blank lines and multi-line literals", () => {
    const src = [
      "// Parameters",
      "const SEED = 42;",
      "const LR = 1e-3; // learning rate",
      "",
      "/* block */ const NAME = 'mf';",
      'const DATASET = "ml-100k"',
      "const USE_GPU = false;",
      "const LIMIT = null;",
      "const K_VALUES = [5, 10, 20,];",
      "const N_USERS = 100_000;",
      "const NEG = -0.5;",
      "const CONFIG = {",
      "  dims: 32,",
      '  "reg": 0.01,',
      "  layers: [64, 32],",
      "  name: `plain template`,",
      "};",
    ].join("\n");
    const params = parseParametersSource(src, where);
    assert.deepEqual(
      Object.fromEntries(params.map((p) => [p.name, p.value])),
      {
        SEED: 42,
        LR: 0.001,
        NAME: "mf",
        DATASET: "ml-100k",
        USE_GPU: false,
        LIMIT: null,
        K_VALUES: [5, 10, 20],
        N_USERS: 100000,
        NEG: -0.5,
        CONFIG: { dims: 32, reg: 0.01, layers: [64, 32], name: "plain template" },
      },
    );
    assert.equal(params.find((p) => p.name === "LR")?.line, 3);
    assert.equal(params.find((p) => p.name === "CONFIG")?.line, 12);
  });

  test("string escapes", () => {
    const [p] = parseParametersSource(String.raw`const S = "a\"b\n\u00e9\x41";`, where);
    assert.equal(p.value, 'a"b\néA');
  });

  const rejects: [string, string, RegExp][] = [
    ["let", "const A = 1;\nlet B = 2;", /line 2: expected `const NAME = literal;` but found `let B = 2;`/],
    ["expression", "const A = 1 + 2;", /line 1: after the value of A expected `;` but found `\+ 2;`/],
    ["call", "const A = foo();", /line 1: the value of A must be a literal .* found `foo\(\);`/],
    ["type annotation", "const A: number = 1;", /remove the type annotation/],
    ["template with substitution", "const A = `x${1}`;", /template literals/],
    ["statement", "const A = 1;\n\nconsole.log(A);", /line 3: expected `const NAME = literal;` but found `console.log\(A\);`/],
    ["duplicate", "const A = 1;\nconst A = 2;", /line 2: parameter A is already declared on line 1/],
    ["unterminated", 'const A = "x;', /unterminated string/],
  ];
  for (const [label, src, message] of rejects) {
    test(`rejects ${label} with the notebook, cell and line`, () => {
      assert.throws(() => parseParametersSource(src, where), (e: Error) => {
        assert.ok(e instanceof ParameterError);
        assert.match(e.message, /^nb\.ipynb: parameters cell \(cell 2\), line \d+: /);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

describe("finding the parameters cell", () => {
  test("missing cell names the notebook", () => {
    const nb = createNotebook([{ type: "code", source: "const A = 1;" }]);
    assert.throws(() => findParametersCell(nb, "a.ipynb"), /^ParameterError: a\.ipynb: no code cell is tagged "parameters"/);
  });

  test("duplicated cell lists both", () => {
    const nb = createNotebook([
      { type: "code", source: "const A = 1;", tags: ["parameters"] },
      { type: "markdown", source: "x" },
      { type: "code", source: "const B = 1;", tags: ["parameters"] },
    ]);
    assert.throws(() => findParametersCell(nb, "a.ipynb"), /a\.ipynb: 2 code cells are tagged "parameters" \(cells 1, 3\)/);
  });

  test("found with its index", () => {
    const nb = createNotebook([
      { type: "markdown", source: "# t" },
      { type: "code", source: "const A = 1;", tags: ["other", "parameters"] },
    ]);
    const cell = findParametersCell(nb, "a.ipynb");
    assert.equal(cell.cellIndex, 1);
    assert.deepEqual(cell.params.map((p) => p.name), ["A"]);
  });
});

describe("overrides", () => {
  const nb = createNotebook([
    { type: "code", source: '// params\nconst N = 3; // count\nconst NAME = "x";\nconst KS = [1,\n  2];\nconst OPT = null;', tags: ["parameters"] },
  ]);
  const cell = findParametersCell(nb, "a.ipynb");

  test("CLI values are JSON with a plain-string fallback", () => {
    assert.equal(parseParamValue("42"), 42);
    assert.equal(parseParamValue("true"), true);
    assert.equal(parseParamValue("null"), null);
    assert.equal(parseParamValue('"42"'), "42");
    assert.deepEqual(parseParamValue("[1,2]"), [1, 2]);
    assert.equal(parseParamValue("mf"), "mf");
    assert.equal(parseParamValue("ml-100k"), "ml-100k");
    assert.equal(parseParamValue(""), "");
    assert.deepEqual(parseParamAssignment("A=b=c"), { name: "A", value: "b=c" });
    assert.throws(() => parseParamAssignment("novalue"), /--param expects NAME=VALUE/);
  });

  test("rewrites only the overridden statements, keeping the rest readable", () => {
    const applied = applyOverrides(cell, { N: 10, KS: [5] }, "a.ipynb");
    assert.deepEqual(applied.values, { N: 10, NAME: "x", KS: [5], OPT: null });
    assert.deepEqual(applied.overridden, ["N", "KS"]);
    assert.equal(
      applied.source,
      [
        "// params",
        "const N = 10; // overridden by the runner; notebook default: 3 // count",
        'const NAME = "x";',
        "const KS = [5]; // overridden by the runner; notebook default: [1, 2]",
        "const OPT = null;",
      ].join("\n"),
    );
  });

  test("no overrides leaves the source untouched", () => {
    assert.equal(applyOverrides(cell, {}, "a.ipynb").source, cell.source);
  });

  test("unknown name lists the known ones", () => {
    assert.throws(
      () => applyOverrides(cell, { NOPE: 1 }, "a.ipynb"),
      /^OverrideError: a\.ipynb: unknown parameter NOPE; the parameters cell \(cell 1\) declares: N, NAME, KS, OPT$/,
    );
  });

  test("a kind change is an error; null accepts anything", () => {
    assert.throws(() => applyOverrides(cell, { N: "abc" }, "a.ipynb"), /parameter N is a number in the notebook \(line 2: 3\) but the override is a string \("abc"\)/);
    assert.throws(() => applyOverrides(cell, { NAME: 5 }, "a.ipynb"), /parameter NAME is a string .* but the override is a number \(5\).*quote it/);
    assert.throws(() => applyOverrides(cell, { KS: { a: 1 } }, "a.ipynb"), /KS is an array in the notebook .* but the override is an object/);
    assert.deepEqual(applyOverrides(cell, { OPT: "now a string" }, "a.ipynb").values.OPT, "now a string");
  });
});
