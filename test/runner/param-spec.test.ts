/**
 * Contract C1: the `// [spec]` comments of the parameters cell. Every grammar form, malformed specs (errors naming
 * the notebook and line), notebook defaults checked against their own spec, and overrides outside the spec refused
 * with a message naming notebook, parameter, value and allowed range.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyOverrides, createNotebook, findParametersCell, OverrideError, ParameterError, parseSpecComment, specViolation } from "../../src/runner";
import type { ParamValue } from "../../src/runner";

/** [value, allowed?] pairs checked against the spec written in `comment`. */
const cases: [comment: string, allowed: ParamValue[], refused: [ParamValue, string][]][] = [
  [" [integer] n", [0, -3, 7], [[1.5, "not an integer"], ["3", "not an integer"], [true, "not an integer"]]],
  [" [number]", [1.5, -2, 0], [["x", "not a number"], [[1], "not a number"]]],
  [" [string]", ["", "mf"], [[3, "not a string"]]],
  [" [boolean] flag", [true, false], [[0, "not a boolean"]]],
  [" [integer >= 1] latent factors", [1, 64], [[0, "out of range"], [-5, "out of range"]]],
  [" [number > 0]", [1e-9, 3], [[0, "out of range"], [-0.1, "out of range"]]],
  [" [number <= 1]", [1, -4], [[1.01, "out of range"]]],
  [" [integer < 10]", [9, -100], [[10, "out of range"]]],
  [" [number in [0, 1]]", [0, 0.5, 1], [[-0.01, "out of range"], [1.01, "out of range"]]],
  [" [number in (0, 1)]", [0.001, 0.999], [[0, "out of range"], [1, "out of range"]]],
  [" [number in [0, 1)]", [0, 0.5], [[1, "out of range"], [-1, "out of range"]]],
  [" [number in (0, 1]]", [1, 0.5], [[0, "out of range"]]],
  [" [number in [-1.5e1, 2.5]]", [-15, 2.5], [[-15.1, "out of range"]]],
  [' [string one of "ml-100k", "ml-1m"]', ["ml-100k", "ml-1m"], [["ml-10m", "not one of the allowed values"], [1, "not a string"]]],
  [" [integer one of 8, 16, 32]", [8, 32], [[12, "not one of the allowed values"]]],
  [" [integer[] >= 1] tower widths", [[128, 64], []], [[[128, 0], "element 1 (0) is out of range"], [5, "not an array"], [[1.5], "element 0 (1.5) is not an integer"]]],
  [' [string[] one of "a", "b"]', [["a", "b", "a"]], [[["a", "c"], 'element 1 ("c") is not one of the allowed values']]],
  [" [number[] in (0, 1]]", [[0.5, 1]], [[[0], "element 0 (0) is out of range"]]],
  ["[boolean]", [false], [["no", "not a boolean"]]],
];

describe("parameter specs: grammar", () => {
  for (const [comment, allowed, refused] of cases) {
    test(`//${comment}`, () => {
      const spec = parseSpecComment(comment);
      assert.ok(spec);
      for (const v of allowed) assert.equal(specViolation(spec, v), null, `${JSON.stringify(v)} is allowed`);
      for (const [v, why] of refused) assert.equal(specViolation(spec, v), why, `${JSON.stringify(v)} is refused`);
    });
  }

  test("the parsed form", () => {
    assert.deepEqual(parseSpecComment(" [integer[] in (0, 10]] widths"), {
      text: "integer[] in (0, 10]",
      type: "integer",
      array: true,
      constraint: { kind: "interval", lo: 0, hi: 10, loOpen: true, hiOpen: false },
    });
    assert.deepEqual(parseSpecComment(' [ string  one of "x","y" ]')?.constraint, { kind: "oneOf", values: ["x", "y"] });
    assert.deepEqual(parseSpecComment(" [number >= -0.5]")?.constraint, { kind: "compare", op: ">=", bound: -0.5 });
  });

  test("comments that do not start with [ are prose", () => {
    for (const prose of [" learning rate", ' "ml-100k", "ml-1m"', " integer >= 1", "", " see [1]"]) assert.equal(parseSpecComment(prose), null, prose);
  });

  const malformed: [string, RegExp][] = [
    [" [1] see the paper", /expected a type \(integer, number, string, boolean\) after `\[`/],
    [" [int >= 1]", /expected a type .* but found `int >= 1\]`/],
    [" [integer >= ]", /expected a number but found `\]`/],
    [" [integer >= 1", /expected `\]` closing the spec but found the end of the comment/],
    [" [integer = 1]", /expected a constraint \(>=, >, <=, <, in, one of\) or `\]` but found `= 1\]`/],
    [" [number in [1, 0]]", /lower bound 1 is above its upper bound 0/],
    [" [number in [0 1]]", /expected `,` between the interval's bounds/],
    [" [number in 0, 1]", /expected `\[` or `\(` after `in`/],
    [" [number in [0, 1}]", /expected `\]` or `\)` closing the interval/],
    [" [string >= 1]", /a string takes only a `one of` constraint/],
    [" [boolean one of 1]", /a boolean takes no constraint/],
    [' [integer one of 1, "2"]', /one of: "2" is not a number, as the type integer requires/],
    [" [string one of mf]", /expected a JSON literal/],
    [" [integer >= 1 extra]", /expected `\]` closing the spec but found `extra\]`/],
  ];
  for (const [comment, message] of malformed) {
    test(`malformed: //${comment}`, () => assert.throws(() => parseSpecComment(comment), message));
  }
});

function notebook(lines: string[]) {
  return createNotebook([{ type: "markdown", source: "# t" }, { type: "code", source: lines.join("\n"), tags: ["parameters"] }]);
}

describe("parameter specs in a notebook", () => {
  const cell = findParametersCell(
    notebook([
      "// Parameters",
      "const DIM = 64; // [integer >= 1] latent factors",
      'const DATASET = "ml-100k"; // [string one of "ml-100k", "ml-1m"]',
      "const LAYERS = [128, 64]; // [integer[] >= 1]",
      "const LR = 0.01; // learning rate (prose)",
      "const LIMIT = null; // [integer > 0] null: no limit",
    ]),
    "nb/x.ipynb",
  );

  test("specs are attached to their parameters; prose declares nothing", () => {
    assert.deepEqual(cell.params.map((p) => p.spec?.text ?? null), ["integer >= 1", 'string one of "ml-100k", "ml-1m"', "integer[] >= 1", null, "integer > 0"]);
  });

  test("overrides inside the spec are applied", () => {
    const applied = applyOverrides(cell, { DIM: 8, DATASET: "ml-1m", LAYERS: [4], LR: -1, LIMIT: 5 }, "nb/x.ipynb");
    assert.deepEqual(applied.overridden, ["DIM", "DATASET", "LAYERS", "LR", "LIMIT"]);
    assert.deepEqual(applyOverrides(cell, { LIMIT: null }, "nb/x.ipynb").values.LIMIT, null, "null stays allowed where it is the default");
  });

  const refused: [Record<string, ParamValue>, string][] = [
    [{ DIM: -5 }, "nb/x.ipynb: parameter DIM=-5 is not allowed (out of range); allowed: [integer >= 1] (parameters cell, line 2)"],
    [{ DIM: 2.5 }, "nb/x.ipynb: parameter DIM=2.5 is not allowed (not an integer); allowed: [integer >= 1] (parameters cell, line 2)"],
    [{ DATASET: "ml-10m" }, 'nb/x.ipynb: parameter DATASET="ml-10m" is not allowed (not one of the allowed values); allowed: [string one of "ml-100k", "ml-1m"] (parameters cell, line 3)'],
    [{ LAYERS: [64, 0] }, "nb/x.ipynb: parameter LAYERS=[64,0] is not allowed (element 1 (0) is out of range); allowed: [integer[] >= 1] (parameters cell, line 4)"],
    [{ LIMIT: 0 }, "nb/x.ipynb: parameter LIMIT=0 is not allowed (out of range); allowed: [integer > 0] (parameters cell, line 6)"],
  ];
  for (const [overrides, message] of refused) {
    test(`refuses ${JSON.stringify(overrides)}`, () => {
      assert.throws(() => applyOverrides(cell, overrides, "nb/x.ipynb"), (e: Error) => e instanceof OverrideError && e.message === message);
    });
  }

  test("a malformed spec is an error naming the notebook, the cell and the line", () => {
    const nb = notebook(["const A = 1;", "", "const DIM = 64; // [integer >= one] factors"]);
    assert.throws(
      () => findParametersCell(nb, "nb/y.ipynb"),
      (e: Error) =>
        e instanceof ParameterError &&
        !(e instanceof OverrideError) &&
        e.message === "nb/y.ipynb: parameters cell (cell 2), line 3: DIM: malformed spec in `// [integer >= one] factors`: expected a number but found `one] factors` (column 14 of the comment)",
    );
  });

  test("a notebook value outside its own spec is an error naming the line", () => {
    const nb = notebook(["const BLOCK_USERS = -5; // [integer >= 1]"]);
    assert.throws(() => findParametersCell(nb, "nb/z.ipynb"), /^ParameterError: nb\/z\.ipynb: parameters cell \(cell 2\), line 1: BLOCK_USERS's own value -5 is out of range; its spec allows \[integer >= 1\]$/);
  });

  test("a spec after a multi-line literal and one without a semicolon", () => {
    const c = findParametersCell(notebook(["const KS = [", "  5, 10,", "]; // [integer[] > 0]", "const S = 3 // [integer in [1, 5]]"]), "n");
    assert.deepEqual(c.params.map((p) => [p.name, p.line, p.spec?.text]), [["KS", 1, "integer[] > 0"], ["S", 4, "integer in [1, 5]"]]);
  });
});
