/**
 * What tslab would make of a notebook folder's library, compiled ahead of time for the library cache
 * (library-cache.ts): tslab's own TypeScript (5.0) with the compiler options of tslab's converter, the type errors
 * tslab would report, the CommonJS code it would run and the declarations its checker would infer.
 */
import * as fs from "fs";
import * as path from "path";
import type { LibraryLocation } from "./library-cache";

/** TypeScript's API plus the internal `getDefaultTypeRoots` that tslab's converter calls. */
type Ts = typeof import("typescript") & {
  getDefaultTypeRoots(currentDirectory: string, host: { directoryExists(path: string): boolean }): string[] | undefined;
};
/** tslab's TypeScript (5.0): the same API as the project's TypeScript for what is used here. */
export const ts = require("@tslab/typescript-for-tslab") as Ts;
const { esModuleToCommonJSModule } = require("tslab/dist/converter") as { esModuleToCommonJSModule(js: string, target: number): string };
const { normalizeJoin } = require("tslab/dist/tspath") as { normalizeJoin(...paths: string[]): string };

/** Bump when the layout or the way entries are built changes. */
export const FORMAT = 1;

/** A cache entry as stored: the build's type errors, and (without errors) its code and declarations by file. */
export interface StoredEntry {
  format: number;
  key: string;
  diagnostics: string[];
  js: Record<string, string>;
  dts: Record<string, string>;
}

/** Every regular file under `dir` (following links), relative with forward slashes, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const stat = fs.statSync(path.join(dir, r));
      if (stat.isDirectory()) walk(r);
      else if (stat.isFile()) out.push(r);
    }
  };
  walk("");
  return out;
}

/** The running Node.js major version (tslab's emit target depends on it). */
export function nodeMajor(): number {
  return Number(process.versions.node.split(".")[0]);
}

/** tslab's emit target for this Node.js (tslab 1.0.22's getTranspileTargets). */
function transpileTarget(): { target: number; lib: string } {
  const major = nodeMajor();
  if (major >= 18) return { target: ts.ScriptTarget.ES2022, lib: "es2022" };
  if (major >= 16) return { target: ts.ScriptTarget.ES2021, lib: "es2021" };
  return { target: ts.ScriptTarget.ES2020, lib: "es2020" };
}

/** The compiler options of tslab 1.0.22's converter (converter.js, createWatchCompilerHost) for a kernel folder. */
function tslabCompilerOptions(rootDir: string): import("typescript").CompilerOptions {
  const typeRoots = ts.getDefaultTypeRoots(rootDir, { directoryExists: (p: string) => ts.sys.directoryExists(p) }) ?? [];
  if (!typeRoots.some((r) => ts.sys.fileExists(normalizeJoin(r, "node", "package.json")))) {
    typeRoots.push(normalizeJoin(path.dirname(require.resolve("tslab/package.json")), "node_modules", "@types"));
  }
  const { target, lib } = transpileTarget();
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target,
    lib: [`lib.${lib}.d.ts`],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots,
    allowJs: true,
    checkJs: true,
    disableTopLevelAwait: true, // tslab's TypeScript fork only
    skipLibCheck: true,
    rootDir,
    // tslab's "outDir" is relative to its cwd, the kernel's folder; absolute here because the TypeScript API
    // memoizes the process's first cwd. The emitted code does not depend on it.
    outDir: normalizeJoin(rootDir, "outDir"),
  } as import("typescript").CompilerOptions;
}

/**
 * Compiles every `.ts` file of the library as tslab's converter does: type errors of files under the kernel's
 * folder (what tslab reports), the CommonJS code and the declarations.
 */
export function buildLibrary(loc: LibraryLocation, key: string): StoredEntry {
  const roots = filesUnder(loc.libDir)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => normalizeJoin(loc.libDir, f));
  const program = ts.createProgram(roots, tslabCompilerOptions(normalizeJoin(loc.rootDir)));
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && !path.relative(loc.rootDir, d.file.fileName).startsWith(".."))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.relative(loc.rootDir, d.file!.fileName)}:${line + 1}:${character + 1} - ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
  const entry: StoredEntry = { format: FORMAT, key, diagnostics, js: {}, dts: {} };
  if (diagnostics.length > 0) return entry;
  const outLib = path.join(loc.rootDir, "outDir", path.relative(loc.rootDir, loc.libDir));
  const { target } = transpileTarget();
  program.emit(undefined, (fileName, data) => {
    const rel = path.relative(outLib, fileName).split(path.sep).join("/");
    if (rel.startsWith("..")) return;
    if (fileName.endsWith(".d.ts")) entry.dts[rel] = data;
    else if (fileName.endsWith(".js")) entry.js[rel] = esModuleToCommonJSModule(data, target);
  });
  return entry;
}
