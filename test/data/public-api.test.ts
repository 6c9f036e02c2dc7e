/**
 * Everything the docs use is importable from src/index.ts: every exported runtime name of src/ (function, const,
 * class) that appears in a ```ts example of a TSDoc comment or of README.md is exported by the index (issue 10:
 * IMPLICIT_COUNT_SCALE, used in a TSDoc example, was not, so the example failed under tsx).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as api from "../../src/index";

const repo = path.resolve(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The ```ts blocks of `text` (TSDoc comment prefixes " * " removed). */
function tsBlocks(text: string): string[] {
  const plain = text.replace(/^\s*\* ?/gm, "");
  return Array.from(plain.matchAll(/```ts\n([\s\S]*?)```/g), (m) => m[1]);
}

const files = sourceFiles(path.join(repo, "src"));
const runtimeExports = new Set<string>();
for (const f of files) {
  for (const m of fs.readFileSync(f, "utf8").matchAll(/^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm)) runtimeExports.add(m[1]);
}
const examples = [
  ...files.flatMap((f) => tsBlocks(fs.readFileSync(f, "utf8")).map((code) => ({ where: path.relative(repo, f), code }))),
  ...tsBlocks(fs.readFileSync(path.join(repo, "README.md"), "utf8")).map((code) => ({ where: "README.md", code })),
];

test("the docs have examples, and the scan finds the library's exports", () => {
  assert.ok(examples.length >= 2, `found ${examples.length} examples`);
  assert.ok(runtimeExports.has("IMPLICIT_COUNT_SCALE") && runtimeExports.has("loadDataset"));
});

test("every library name used in a documentation example is exported from src/index.ts", () => {
  const missing: string[] = [];
  for (const { where, code } of examples) {
    for (const [name] of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
      if (runtimeExports.has(name) && !(name in api)) missing.push(`${name} (${where})`);
    }
  }
  assert.deepEqual(Array.from(new Set(missing)), []);
});

test("the own-data API and the implicit-count names are exported", () => {
  for (const name of [
    "IMPLICIT_COUNT_SCALE", "toImplicit", "interactionCounts", "loadDataset", "loadOwnDataset", "readDatasetDescriptor",
    "parseDatasetDescriptor", "loadWide", "sniffDescriptor", "loadSideFeatures", "loadNcfProtocol", "checkSimilarityMemory",
    "confidenceOf", "CONFIDENCE_SPREAD_WARNING",
  ]) {
    assert.ok(name in api, `${name} is exported from src/index.ts`);
  }
  assert.deepEqual(api.IMPLICIT_COUNT_SCALE, { min: 0, max: 1e9 });
});
