/**
 * Downloads the public rating archives (GroupLens MovieLens, LibimSeTi) into the git-ignored `data/cache/`,
 * verifies their SHA-256, writes atomically (temporary file, then rename) and unpacks them with `unzip`.
 * Without network it fails with a message saying which URL to fetch by hand and where to unpack it.
 */
import { repoRoot } from "../repo-root";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DATASET_PINS, type DatasetPins } from "./dataset-pins";
import { verifyDatasetFiles } from "./verify-dataset";

/** Data sets the downloader knows. */
export type DownloadableDataset = "ml-latest-small" | "ml-100k" | "ml-1m" | "libimseti";

/** Where a data set's archive lives and how to recognise its unpacked folder. */
export interface DatasetSource {
  /** Archive URL. */
  readonly url: string;
  /** Expected SHA-256 of the archive (hex). Undefined = unknown until verified: the computed hash is printed instead. */
  readonly sha256?: string;
  /** A file that the unpacked data set folder contains (used to find the folder inside the archive). */
  readonly marker: string;
}

/** The known archives. Only ml-latest-small's hash is verified so far (see ../shared/data/SOURCES.md). */
export const DATASET_SOURCES: Readonly<Record<DownloadableDataset, DatasetSource>> = {
  "ml-latest-small": {
    url: "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip",
    sha256: "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436",
    marker: "ratings.csv",
  },
  "ml-100k": { url: "https://files.grouplens.org/datasets/movielens/ml-100k.zip", marker: "u.data" },
  "ml-1m": { url: "https://files.grouplens.org/datasets/movielens/ml-1m.zip", marker: "ratings.dat" },
  libimseti: { url: "http://www.ksi.ms.mff.cuni.cz/~petricek/data/libimseti-complete.zip", marker: "ratings.dat" },
};

/** The part of a fetch Response the downloader uses (the global fetch's Response satisfies it). */
export interface FetchResponseLike {
  /** True for a 2xx status. */
  readonly ok: boolean;
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** The response bytes, streamed. */
  readonly body: AsyncIterable<Uint8Array> | null;
}

/** A fetch function (the global `fetch`, or a stub in tests). */
export type FetchLike = (url: string) => Promise<FetchResponseLike>;

/** Options of downloadDataset. */
export interface DownloadOptions {
  /** Cache folder; default `<repo>/data/cache`. */
  cacheDir?: string;
  /** Fetch function; default the global fetch. */
  fetch?: FetchLike;
  /** Archive URL, overriding DATASET_SOURCES (e.g. a mirror). */
  url?: string;
  /** Expected SHA-256, overriding DATASET_SOURCES. */
  sha256?: string;
  /** Download and unpack again even if the folder exists; default false. */
  force?: boolean;
  /** Progress messages; default console.log. */
  log?: (message: string) => void;
  /** The unzip program; default "unzip". */
  unzipCommand?: string;
  /** Digests the unpacked files must have, overriding DATASET_PINS (tests use stand-in archives). */
  pins?: DatasetPins;
  /** Stamp folder of verified folders (verify-dataset.ts); default data/cache/.verified. */
  stampDir?: string;
}

/** Default cache folder: `<repo>/data/cache` (this file sits in src/data/). */
export function defaultCacheDir(): string {
  return path.join(repoRoot(), "data", "cache");
}

/**
 * Makes `<cacheDir>/<name>/` hold the unpacked data set, downloading and verifying the archive if needed, and
 * checks the unpacked files against the data set's pins (DATASET_PINS) before resolving to the folder. An archive
 * already in the cache (e.g. fetched by hand) is reused when its SHA-256 matches or, when no archive hash is
 * known, when its unpacked files match their pins; otherwise it is downloaded again. An unpacked folder or a
 * downloaded archive whose files do not match is an error naming the file and both digests.
 */
export async function downloadDataset(name: DownloadableDataset, options: DownloadOptions = {}): Promise<string> {
  const source = DATASET_SOURCES[name];
  if (!source) throw new Error(`downloadDataset: unknown data set "${String(name)}" (known: ${Object.keys(DATASET_SOURCES).join(", ")})`);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const target = path.join(cacheDir, name);
  const log = options.log ?? ((m: string) => console.log(m));
  const pins = options.pins ?? DATASET_PINS[name];
  const verify = (): Promise<void> => verifyDatasetFiles(name, target, pins, { stampDir: options.stampDir });
  if (!options.force && fs.existsSync(path.join(target, source.marker))) {
    await verify();
    return target;
  }
  const url = options.url ?? source.url;
  const expected = options.sha256 ?? source.sha256;
  const zip = path.join(cacheDir, `${name}.zip`);
  fs.mkdirSync(cacheDir, { recursive: true });

  let reuse = false;
  if (!options.force && fs.existsSync(zip)) {
    const hash = await sha256File(zip);
    reuse = expected === undefined || hash === expected;
    if (!reuse) log(`${zip}: sha256 ${hash} does not match ${expected}; downloading again`);
  }
  const unzip = options.unzipCommand ?? "unzip";
  if (reuse) {
    // A cached archive is used only if what it unpacks matches the pins; a tampered one is downloaded again.
    try {
      extractZip(zip, cacheDir, name, source.marker, unzip);
      await verify();
    } catch (err) {
      fs.rmSync(target, { recursive: true, force: true });
      if (/is not installed/.test((err as Error).message)) throw err;
      log(`${zip}: ${(err as Error).message}; downloading again`);
      reuse = false;
    }
  }
  if (!reuse) {
    log(`downloading ${url} ...`);
    const hash = await downloadFile(url, zip, { fetch: options.fetch, sha256: expected, unpackInto: target });
    if (expected === undefined) log(`sha256 of ${path.basename(zip)}: ${hash} (no expected hash recorded yet; check it and add it to DATASET_SOURCES)`);
    extractZip(zip, cacheDir, name, source.marker, unzip);
    try {
      await verify();
    } catch (err) {
      fs.rmSync(target, { recursive: true, force: true });
      throw new Error(`${url}: the downloaded archive does not hold the published files (it was kept as ${zip}): ${(err as Error).message}`);
    }
  }
  log(`${name} is in ${target}`);
  return target;
}

/** SHA-256 of a file, hex, computed by streaming. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Downloads `url` to `dest` atomically (into `dest.<pid>.part`, renamed when complete and verified) and resolves
 * to its SHA-256. A hash mismatch deletes the partial file and throws. `unpackInto` only feeds error messages.
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: { fetch?: FetchLike; sha256?: string; unpackInto?: string } = {},
): Promise<string> {
  const fetchFn = options.fetch ?? globalFetch();
  const byHand = `Download ${url} by hand and unpack it into ${options.unpackInto ?? path.dirname(dest)}`;
  let response: FetchResponseLike;
  try {
    response = await fetchFn(url);
  } catch (err) {
    const cause = describeCause(err);
    const e = new Error(`could not reach ${hostOf(url)}: no network? ${byHand}.${cause ? ` (${cause})` : ""}`);
    Object.defineProperty(e, "cause", { value: err, enumerable: false });
    throw e;
  }
  if (!response.ok || !response.body) {
    throw new Error(`${url}: HTTP ${response.status} ${response.statusText}. ${byHand}.`);
  }
  const part = `${dest}.${process.pid}.part`;
  const hash = createHash("sha256");
  const out = await fs.promises.open(part, "w");
  try {
    for await (const chunk of response.body) {
      hash.update(chunk);
      await out.write(chunk);
    }
  } catch (err) {
    await out.close();
    fs.rmSync(part, { force: true });
    throw new Error(`${url}: download interrupted (${describeCause(err)}). ${byHand}.`);
  }
  await out.close();
  const hex = hash.digest("hex");
  if (options.sha256 !== undefined && hex !== options.sha256.toLowerCase()) {
    fs.rmSync(part, { force: true });
    throw new Error(`${url}: sha256 mismatch: expected ${options.sha256}, got ${hex}; the download was deleted`);
  }
  fs.renameSync(part, dest);
  return hex;
}

/**
 * Unpacks `zip` with `unzipCommand` and moves the folder holding `marker` to `<cacheDir>/<name>`
 * (replacing an older copy). Throws with install instructions when unzip is missing.
 */
export function extractZip(zip: string, cacheDir: string, name: string, marker: string, unzipCommand = "unzip"): string {
  const target = path.join(cacheDir, name);
  const probe = spawnSync(unzipCommand, ["-v"], { stdio: "ignore" });
  if (probe.error) {
    throw new Error(
      `"${unzipCommand}" is not installed, so ${zip} cannot be unpacked. Install it (Debian/Ubuntu: sudo apt-get install unzip; ` +
        `Fedora: sudo dnf install unzip; macOS: it comes with the system) or unpack ${zip} by hand into ${target}`,
    );
  }
  const tmp = fs.mkdtempSync(path.join(cacheDir, `.${name}.unpack-`));
  try {
    const run = spawnSync(unzipCommand, ["-q", "-o", zip, "-d", tmp], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${unzipCommand} failed on ${zip} (exit ${run.status}): ${(run.stderr || "").trim()}`);
    const found = findFolderWith(tmp, marker, 3);
    if (!found) throw new Error(`${zip} holds no ${marker}; is it the right archive? Unpack it by hand into ${target}`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(found, target);
    return target;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function findFolderWith(dir: string, marker: string, depth: number): string | null {
  if (fs.existsSync(path.join(dir, marker))) return dir;
  if (depth === 0) return null;
  const subdirs = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "__MACOSX");
  for (const d of subdirs.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const found = findFolderWith(path.join(dir, d.name), marker, depth - 1);
    if (found) return found;
  }
  return null;
}

function globalFetch(): FetchLike {
  const f = (globalThis as unknown as { fetch?: FetchLike }).fetch;
  if (!f) throw new Error("downloadDataset: this Node has no global fetch (Node 18+ needed); pass options.fetch");
  return f;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function describeCause(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } } | null;
  if (!e) return "";
  const code = e.cause?.code ?? e.code;
  const msg = e.cause?.message ?? e.message ?? String(err);
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}
