/**
 * The functions whose text worker threads run (the fused tower's `towerPhase`, DSGD's `gatherRows`) stay
 * self-contained however the library is compiled: tsx (esbuild) for scripts and tests, TypeScript's CommonJS
 * emit for notebooks (tslab). TypeScript reads a module's exported constant `X` as `exports.X`, which is undefined
 * in a worker: a chunk size read that way once made the tower's worker compute nothing, silently, in notebooks only.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { selfContainedSource } from "../../src/models/factorization/sgd-worker";

const root = path.resolve(__dirname, "../..");

/** The text of function `name` in `file` as TypeScript's CommonJS emit gives it. */
function emittedFunction(file: string, name: string): string {
  const out = ts.transpileModule(fs.readFileSync(path.join(root, file), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const start = out.indexOf(`function ${name}(`);
  assert.ok(start >= 0, `${name} in ${file}`);
  let depth = 0;
  let end = out.indexOf("{", out.indexOf(")", start));
  for (; end < out.length; end++) {
    if (out[end] === "{") depth++;
    else if (out[end] === "}" && --depth === 0) break;
  }
  return out.slice(start, end + 1);
}

test("towerPhase and gatherRows are self-contained in TypeScript's CommonJS output (as tslab compiles them)", () => {
  for (const [file, name] of [["src/backend/fused-tower-thread.ts", "towerPhase"], ["src/models/factorization/dsgd-blocks.ts", "gatherRows"]]) {
    const fn = new Function(`return ${emittedFunction(file, name)}`)() as () => void;
    assert.doesNotThrow(() => selfContainedSource(fn, name), `${name} (${file})`);
  }
});

test("selfContainedSource refuses a function that reads a module export", () => {
  const reader = new Function("return function towerPhase(k) { return k * exports.CHUNK; }")() as (k: number) => number;
  assert.throws(() => selfContainedSource(reader, "towerPhase"), /not a self-contained function/);
});
