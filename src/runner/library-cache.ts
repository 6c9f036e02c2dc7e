/**
 * A persistent cache of what tslab makes of a notebook folder's library link (`notebooks/src -> ../src`):
 * for every `.ts` file, the CommonJS code tslab's converter would emit and run, and its declarations (`.d.ts`).
 * Without it, the first cell that imports `./src/index` makes tslab parse, type-check and emit all of src in
 * every kernel (about 8-13 s per notebook). With it, the kernel type-checks cells against the declarations and
 * runs the cached code (see declaration-overlay.ts and kernel.ts).
 *
 * The cache is built (library-build.ts) with tslab's own TypeScript (5.0) and the compiler options of tslab's converter, so the
 * code is what tslab would have emitted, and the declarations are what its checker would have inferred. An entry
 * is keyed by a hash of every file under the library folder, the package's lock file, the tslab and TypeScript
 * versions, the Node.js major version and the kernel's folder, so any change to src makes a new entry. A build
 * with type errors in the library is recorded as such and not used: the kernel then compiles src itself and
 * reports the errors in the importing cell, as plain tslab does. Entries live in the git-ignored
 * `<package>/reports/.cache/tslab-library/` (the newest {@link KEEP_ENTRIES} are kept).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pidAlive, writeFileAtomic } from "../report/atomic-write";
import { buildLibrary, filesUnder, FORMAT, nodeMajor, ts, type StoredEntry } from "./library-build";

/** Entries kept in the cache folder (older ones are deleted when a new one is written). */
export const KEEP_ENTRIES = 6;
/** How long a kernel waits for another one that is building the same entry (then it builds it itself). */
const LOCK_WAIT_MS = 180_000;
/** Files TypeScript can read from the library (the key ignores the others, e.g. README.md or .wat sources). */
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json)$/;
/** Set to "0" to disable the cache (the kernel then compiles the library itself, as plain tslab). */
export const LIBRARY_CACHE_ENV = "RECSYS_TSLAB_CACHE";

/** Where a kernel folder's library is and where its cache goes; null when the cache does not apply. */
export interface LibraryLocation {
  /** The kernel's folder (tslab's root directory). */
  rootDir: string;
  /** The library folder as tslab sees it: `<rootDir>/<name>` (usually a symbolic link). */
  libDir: string;
  /** The package folder holding `node_modules` for both the kernel's folder and the library. */
  packageDir: string;
  /** The cache folder. */
  cacheDir: string;
}

/** A usable cache entry: paths relative to the library folder, with forward slashes. */
export interface LibraryBuild {
  key: string;
  /** CommonJS code per `x/y.js`, as tslab's converter emits it. */
  js: Record<string, string>;
  /** Declarations per `x/y.d.ts`. */
  dts: Record<string, string>;
}

/** What {@link loadOrBuildLibrary} did. */
export interface LibraryLoad {
  /** The entry, or null when the library has type errors (see `diagnostics`). */
  build: LibraryBuild | null;
  /** True when the entry came from the cache, false when it was built now. */
  cached: boolean;
  /** The library's type errors under tslab's options (`file:line:col - message`), empty when none. */
  diagnostics: string[];
  seconds: number;
}


/** The nearest folder at or above `dir` that has a `node_modules` entry, or null. */
function packageDirOf(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "node_modules"))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Where the cache applies for a kernel folder: it needs a library folder `<rootDir>/<name>` whose real location
 * resolves packages from the same `node_modules` as the kernel's folder (so that building it elsewhere would
 * give the same result); a folder without one, or a library from another package, is compiled by tslab as usual.
 * @param rootDir - the kernel's folder
 * @param name - the library link's name inside it
 * @param env - the environment ({@link LIBRARY_CACHE_ENV} "0" disables the cache)
 */
export function libraryLocation(rootDir: string, name = "src", env: NodeJS.ProcessEnv = process.env): LibraryLocation | null {
  if (env[LIBRARY_CACHE_ENV] === "0") return null;
  const libDir = path.join(rootDir, name);
  if (!fs.existsSync(libDir) || !fs.statSync(libDir).isDirectory()) return null;
  const packageDir = packageDirOf(path.resolve(rootDir));
  if (packageDir === null || packageDirOf(fs.realpathSync(libDir)) !== fs.realpathSync(packageDir)) return null;
  return { rootDir: path.resolve(rootDir), libDir: path.resolve(libDir), packageDir, cacheDir: path.join(packageDir, "reports", ".cache", "tslab-library") };
}


function versionOf(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;
}

/**
 * The cache key of a library: a SHA-256 over every source file under the library folder (name and content), the
 * package's `package-lock.json` (or `package.json`), the tslab and TypeScript versions, the Node.js major version
 * (tslab's emit target depends on it) and the kernel folder's path inside the package.
 */
export function libraryCacheKey(loc: LibraryLocation): string {
  const hash = createHash("sha256");
  const add = (label: string, data: string | Buffer): void => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add("format", String(FORMAT));
  add("tslab", versionOf("tslab"));
  add("typescript", ts.version);
  add("node", String(nodeMajor()));
  add("root", path.relative(loc.packageDir, loc.rootDir));
  for (const lock of ["package-lock.json", "package.json"]) {
    const file = path.join(loc.packageDir, lock);
    if (fs.existsSync(file)) {
      add(lock, fs.readFileSync(file));
      break;
    }
  }
  for (const rel of filesUnder(loc.libDir).filter((f) => SOURCE_FILE.test(f))) add(`file:${rel}`, fs.readFileSync(path.join(loc.libDir, rel)));
  return hash.digest("hex").slice(0, 32);
}

function readEntry(file: string, key: string): StoredEntry | null {
  try {
    const entry = JSON.parse(fs.readFileSync(file, "utf8")) as StoredEntry;
    return entry.format === FORMAT && entry.key === key ? entry : null;
  } catch {
    return null;
  }
}

/** Deletes all but the newest `keep` entries of the cache folder (best effort: another kernel may prune at once). */
function prune(cacheDir: string, keep: number): void {
  try {
    pruneEntries(cacheDir, keep);
  } catch {
    // an entry another process deleted meanwhile; the next write prunes again
  }
}

function pruneEntries(cacheDir: string, keep: number): void {
  const entries = fs
    .readdirSync(cacheDir)
    .filter((n) => n.endsWith(".json"))
    .map((n) => ({ file: path.join(cacheDir, n), mtime: fs.statSync(path.join(cacheDir, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of entries.slice(keep)) fs.rmSync(file, { force: true });
}

/** Creates the lock file holding this process's id; false when another process holds it. */
function tryLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

/** Waits while a live process holds `lock` (at most {@link LOCK_WAIT_MS}), then reads the entry it wrote, if any. */
function awaitOtherBuild(file: string, lock: string, key: string): StoredEntry | null {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (Date.now() < deadline) {
    let holder: number;
    try {
      holder = Number(fs.readFileSync(lock, "utf8"));
    } catch {
      break; // released
    }
    if (!(holder > 0 && pidAlive(holder))) break;
    Atomics.wait(sleeper, 0, 0, 200);
  }
  return readEntry(file, key);
}

/**
 * The library's cache entry for the current sources: read from the cache folder, or built and written there
 * (atomically). A kernel that finds another one building the same entry (its lock file `<key>.lock`) waits for it
 * instead of building it a second time; a lock whose process is gone is ignored.
 */
export function loadOrBuildLibrary(loc: LibraryLocation): LibraryLoad {
  const started = Date.now();
  const key = libraryCacheKey(loc);
  const file = path.join(loc.cacheDir, `${key}.json`);
  const lock = path.join(loc.cacheDir, `${key}.lock`);
  let entry = readEntry(file, key);
  let cached = entry !== null;
  if (entry === null) {
    fs.mkdirSync(loc.cacheDir, { recursive: true });
    const locked = tryLock(lock);
    if (!locked) {
      entry = awaitOtherBuild(file, lock, key);
      cached = entry !== null;
    }
    try {
      if (entry === null) {
        entry = buildLibrary(loc, key);
        writeFileAtomic(file, JSON.stringify(entry));
        prune(loc.cacheDir, KEEP_ENTRIES);
      }
    } finally {
      if (locked) fs.rmSync(lock, { force: true });
    }
  }
  const build = entry.diagnostics.length > 0 ? null : { key, js: entry.js, dts: entry.dts };
  return { build, cached, diagnostics: entry.diagnostics, seconds: (Date.now() - started) / 1000 };
}
