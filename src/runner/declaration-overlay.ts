/**
 * Makes tslab's type checker see a library's cached declarations instead of its sources: while installed, the
 * `ts.sys` of tslab's TypeScript reports `<libDir>/x.ts` as absent and serves `<libDir>/x.d.ts` from the cache
 * (library-cache.ts), so `import ... from "./src/index"` resolves to `src/index.d.ts`, which tslab neither
 * type-checks again (skipLibCheck) nor emits. Only paths under the library folder are affected.
 */
import { LibraryBuild } from "./library-cache";

/** The part of a TypeScript `System` the overlay replaces. */
export interface OverlaySys {
  fileExists(path: string): boolean;
  readFile(path: string, encoding?: string): string | undefined;
}

const { normalizeJoin } = require("tslab/dist/tspath") as { normalizeJoin(...paths: string[]): string };

/**
 * Installs the overlay on `sys` (tslab's `ts.sys` by default).
 * @param libDir - the library folder as the kernel sees it (e.g. `<notebooks>/src`)
 * @returns the function that removes it
 */
export function installDeclarationOverlay(
  build: LibraryBuild,
  libDir: string,
  sys: OverlaySys = (require("@tslab/typescript-for-tslab") as { sys: OverlaySys }).sys,
): () => void {
  const declarations = new Map<string, string>();
  const hidden = new Set<string>();
  for (const [rel, text] of Object.entries(build.dts)) {
    const file = normalizeJoin(libDir, rel);
    declarations.set(file, text);
    hidden.add(file.replace(/\.d\.ts$/, ".ts"));
    hidden.add(file.replace(/\.d\.ts$/, ".tsx"));
  }
  const { fileExists, readFile } = sys;
  sys.fileExists = (p) => (declarations.has(p) ? true : hidden.has(p) ? false : fileExists.call(sys, p));
  sys.readFile = (p, encoding) => declarations.get(p) ?? readFile.call(sys, p, encoding);
  return () => {
    sys.fileExists = fileExists;
    sys.readFile = readFile;
  };
}

/** tslab's side outputs (compiled modules the executor loads instead of files) for the cached code. */
export function cachedSideOutputs(build: LibraryBuild, libDir: string): { path: string; data: string }[] {
  return Object.entries(build.js).map(([rel, data]) => ({ path: normalizeJoin(libDir, rel), data }));
}
