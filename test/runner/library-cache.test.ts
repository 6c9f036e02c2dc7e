/**
 * The tslab library cache (src/runner/library-cache.ts): where it applies, when its key changes, that a change
 * to the library makes a new entry with the new declarations, that its code is byte for byte what tslab's own
 * converter emits, and that a library with type errors is not used.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { installDeclarationOverlay, OverlaySys } from "../../src/runner/declaration-overlay";
import { buildLibrary } from "../../src/runner/library-build";
import { libraryCacheKey, libraryLocation, loadOrBuildLibrary } from "../../src/runner/library-cache";
import { ROOT, tempDir } from "./helpers";
import { libraryFixture, writeDouble } from "./library-fixture";

describe("libraryLocation", () => {
  test("applies to a folder whose src link stays in the same package; the cache goes to <package>/reports/.cache", () => {
    const fx = libraryFixture();
    const loc = libraryLocation(fx.rootDir, "src", {});
    assert.ok(loc);
    assert.equal(loc.libDir, path.join(fx.rootDir, "src"));
    assert.equal(loc.cacheDir, path.join(fx.packageDir, "reports", ".cache", "tslab-library"));
    assert.equal(libraryLocation(path.join(ROOT, "notebooks"), "src", {})?.cacheDir, path.join(ROOT, "reports", ".cache", "tslab-library"));
  });

  test("does not apply without a library folder, when disabled, or to a library of another package", () => {
    const fx = libraryFixture();
    assert.equal(libraryLocation(fx.rootDir, "lib", {}), null);
    assert.equal(libraryLocation(fx.rootDir, "src", { RECSYS_TSLAB_CACHE: "0" }), null);
    const outside = tempDir("library-outside-");
    fs.symlinkSync(path.join(ROOT, "src"), path.join(outside, "src"), "dir");
    assert.equal(libraryLocation(outside, "src", {}), null);
  });
});

describe("libraryCacheKey", () => {
  test("is stable for unchanged sources and changes with a file's content, a new file or the package's manifest", () => {
    const fx = libraryFixture();
    const loc = libraryLocation(fx.rootDir, "src", {})!;
    const k0 = libraryCacheKey(loc);
    assert.match(k0, /^[0-9a-f]{32}$/);
    assert.equal(libraryCacheKey(loc), k0);
    writeDouble(fx.libDir, "string");
    const k1 = libraryCacheKey(loc);
    assert.notEqual(k1, k0);
    writeDouble(fx.libDir, "number");
    assert.equal(libraryCacheKey(loc), k0, "the key depends on content, not on modification times");
    fs.writeFileSync(path.join(fx.libDir, "nested", "extra.ts"), "export const extra = 1;\n");
    const k2 = libraryCacheKey(loc);
    assert.ok(k2 !== k0 && k2 !== k1);
    fs.writeFileSync(path.join(fx.packageDir, "package.json"), JSON.stringify({ name: "fixture", version: "2.0.0" }) + "\n");
    assert.notEqual(libraryCacheKey(loc), k2);
  });
});

describe("loadOrBuildLibrary", () => {
  test("builds once, then reads the entry; a changed source gives a new entry with the new declarations", () => {
    const fx = libraryFixture("number");
    const loc = libraryLocation(fx.rootDir, "src", {})!;
    const first = loadOrBuildLibrary(loc);
    assert.equal(first.cached, false);
    assert.deepEqual(first.diagnostics, []);
    assert.ok(first.build);
    assert.deepEqual(Object.keys(first.build.dts).sort(), ["index.d.ts", "math.d.ts", "nested/quad.d.ts"]);
    assert.deepEqual(Object.keys(first.build.js).sort(), ["index.js", "math.js", "nested/quad.js"]);
    assert.equal(first.build.dts["math.d.ts"], "/** Twice x. */\nexport declare function double(x: number): number;\n");
    const again = loadOrBuildLibrary(loc);
    assert.equal(again.cached, true);
    assert.deepEqual(again.build, first.build);

    writeDouble(fx.libDir, "string");
    const changed = loadOrBuildLibrary(loc);
    assert.equal(changed.cached, false, "a changed source is not served from the old entry");
    assert.notEqual(changed.build?.key, first.build.key);
    assert.equal(changed.build?.dts["math.d.ts"], "/** Twice x. */\nexport declare function double(x: number): string;\n");
    assert.match(changed.build?.js["math.js"] ?? "", /return String\(2 \* x\);/);
    assert.deepEqual(fs.readdirSync(loc.cacheDir).sort(), [`${first.build.key}.json`, `${changed.build?.key}.json`].sort());
  });

  test("a library with a type error is recorded with its diagnostics and not used", () => {
    const fx = libraryFixture();
    fs.writeFileSync(path.join(fx.libDir, "broken.ts"), "export const n: number = \"not a number\";\n");
    const loc = libraryLocation(fx.rootDir, "src", {})!;
    const load = loadOrBuildLibrary(loc);
    assert.equal(load.build, null);
    assert.deepEqual(load.diagnostics, ["src/broken.ts:1:14 - Type 'string' is not assignable to type 'number'."]);
    const again = loadOrBuildLibrary(loc);
    assert.equal(again.cached, true);
    assert.equal(again.build, null);
  });

  test("waits for another process that holds the entry's lock and reads what it wrote; ignores a lock whose process is gone", async () => {
    const fx = libraryFixture();
    const loc = libraryLocation(fx.rootDir, "src", {})!;
    const key = loadOrBuildLibrary(loc).build!.key;
    const file = path.join(loc.cacheDir, `${key}.json`);
    const lock = path.join(loc.cacheDir, `${key}.lock`);
    const stored = fs.readFileSync(file, "utf8");
    fs.rmSync(file);
    // A live "builder": holds the lock, writes the entry after a second, then releases the lock.
    const script = `const fs = require("fs"); fs.writeFileSync(${JSON.stringify(lock)}, String(process.pid)); process.send("locked");
      setTimeout(() => { fs.writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(stored)}); fs.rmSync(${JSON.stringify(lock)}); }, 1000);`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise((resolve) => child.once("message", resolve));
    const waited = loadOrBuildLibrary(loc);
    assert.equal(waited.cached, true, "read the other process's entry instead of building");
    assert.ok(waited.seconds >= 0.5, `waited ${waited.seconds} s`);
    assert.equal(waited.build?.key, key);
    await exited;

    fs.rmSync(file);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(lock, dead.stdout);
    const rebuilt = loadOrBuildLibrary(loc);
    assert.equal(rebuilt.cached, false, "a stale lock does not block the build");
    assert.equal(rebuilt.build?.key, key);
    assert.equal(fs.existsSync(file), true);
  });

  test("the cached code is exactly what tslab's converter emits for the same files", () => {
    const fx = libraryFixture();
    const loc = libraryLocation(fx.rootDir, "src", {})!;
    const built = buildLibrary(loc, "k");
    // tslab's TypeScript memoizes the process's first cwd, so the converter runs in a child started in the folder.
    const script = [
      'const conv = require("tslab/dist/converter").createConverter({});',
      'const out = conv.convert("", \'import { double, quad } from "./src/index";\\nconst y = quad(double(1));\');',
      "conv.close();",
      "process.stdout.write(JSON.stringify(out));",
    ].join("\n");
    const child = spawnSync(process.execPath, ["-e", script], { cwd: fx.rootDir, encoding: "utf8", env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") } });
    assert.equal(child.status, 0, child.stderr);
    const out = JSON.parse(child.stdout) as { diagnostics: unknown[]; sideOutputs: { path: string; data: string }[] };
    assert.deepEqual(out.diagnostics, []);
    const tslab = Object.fromEntries(out.sideOutputs.map((o) => [path.relative(loc.libDir, o.path), o.data]));
    assert.deepEqual(Object.keys(tslab).sort(), ["index.js", "math.js", "nested/quad.js"]);
    assert.deepEqual(tslab, built.js);
  });
});

describe("installDeclarationOverlay", () => {
  test("hides the library's sources, serves its declarations, leaves other paths alone, and is removable", () => {
    const files: Record<string, string> = { "/p/nb/src/a.ts": "source", "/p/nb/other.ts": "other" };
    const sys: OverlaySys = { fileExists: (p) => p in files, readFile: (p) => files[p] };
    const remove = installDeclarationOverlay({ key: "k", js: {}, dts: { "a.d.ts": "declarations" } }, "/p/nb/src", sys);
    assert.equal(sys.fileExists("/p/nb/src/a.ts"), false);
    assert.equal(sys.fileExists("/p/nb/src/a.d.ts"), true);
    assert.equal(sys.readFile("/p/nb/src/a.d.ts"), "declarations");
    assert.equal(sys.fileExists("/p/nb/other.ts"), true);
    assert.equal(sys.readFile("/p/nb/other.ts"), "other");
    remove();
    assert.equal(sys.fileExists("/p/nb/src/a.ts"), true);
    assert.equal(sys.fileExists("/p/nb/src/a.d.ts"), false);
  });
});
