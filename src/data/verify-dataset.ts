/**
 * Checks a data set's folder against its pins (dataset-pins.ts) before use: every pinned file present is hashed
 * and compared; a required file that is missing or any mismatch is an error naming the file and both digests.
 * Cheap after the first time: a verified folder is remembered for the process and in a stamp file (keyed by each
 * file's size and modification time) in the git-ignored `data/cache/.verified/`, so it is hashed again only when
 * a file changed. Loaded ratings are checked against published counts where a data set has them.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../repo-root";
import type { DatasetCounts, DatasetPins, FilePin } from "./dataset-pins";
import type { Ratings } from "./ratings";

/** Options of verifyDatasetFiles. */
export interface VerifyOptions {
  /** Folder of the stamp files; default `<repo>/data/cache/.verified`. Unwritable: verified once per process. */
  stampDir?: string;
}

/** Folders verified in this process: folder -> signature of its files when verified. */
const verifiedInProcess = new Map<string, string>();

/** Default stamp folder: `<repo>/data/cache/.verified` (git-ignored with data/cache/). */
export function defaultStampDir(): string {
  return path.join(repoRoot(), "data", "cache", ".verified");
}

/** Digest of `file` as `pin` asks for it: ["sha256", hex] or ["git blob sha1", hex]; streamed. */
export async function fileDigest(file: string, pin: FilePin): Promise<[string, string]> {
  if (pin.sha256 !== undefined) {
    const h = createHash("sha256");
    for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
    return ["sha256", h.digest("hex")];
  }
  const h = createHash("sha1");
  h.update(`blob ${fs.statSync(file).size}\0`);
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return ["git blob sha1", h.digest("hex")];
}

/**
 * Verifies the files of data set `name` in folder `dir` against `pins`; resolves when they match, throws an Error
 * naming the file and both digests (or the missing required file) otherwise.
 */
export async function verifyDatasetFiles(name: string, dir: string, pins: DatasetPins, options: VerifyOptions = {}): Promise<void> {
  const folder = path.resolve(dir);
  const entries = Object.entries(pins.files);
  if (entries.length === 0) return;
  const signature = folderSignature(name, folder, pins);
  if (verifiedInProcess.get(folder) === signature) return;
  const stamp = path.join(options.stampDir ?? defaultStampDir(), `${name}-${createHash("sha1").update(folder).digest("hex").slice(0, 16)}.json`);
  if (readStamp(stamp) === signature) {
    verifiedInProcess.set(folder, signature);
    return;
  }
  for (const [rel, pin] of entries) {
    const file = path.join(folder, rel);
    if (!fs.existsSync(file)) {
      if (pin.required) throw new Error(`${name}: ${file} is missing; the folder does not hold the published data set (delete it and run downloadDataset("${name}"))`);
      continue;
    }
    const expected = (pin.sha256 ?? pin.gitBlobSha1 ?? "").toLowerCase();
    const [algorithm, actual] = await fileDigest(file, pin);
    if (actual !== expected) {
      throw new Error(
        `${name}: ${file} has ${algorithm} ${actual}, but the published file has ${expected} (pinned in src/data/dataset-pins.ts): ` +
          `the file is damaged or not the published one; delete ${folder} and run downloadDataset("${name}", { force: true }), or unpack the archive by hand`,
      );
    }
  }
  verifiedInProcess.set(folder, signature);
  writeStamp(stamp, signature);
}

/**
 * Checks loaded ratings against published counts (ratings, distinct users and distinct items with a rating);
 * throws an Error naming the data set, the folder and both values.
 */
export function verifyDatasetCounts(name: string, dir: string, r: Ratings, counts: DatasetCounts): void {
  const users = new Uint8Array(r.numUsers);
  const items = new Uint8Array(r.numItems);
  let nu = 0;
  let ni = 0;
  for (let k = 0; k < r.size; k++) {
    if (!users[r.users[k]]) (users[r.users[k]] = 1), nu++;
    if (!items[r.items[k]]) (items[r.items[k]] = 1), ni++;
  }
  const found = { ratings: r.size, users: nu, items: ni };
  for (const key of ["ratings", "users", "items"] as const) {
    if (found[key] !== counts[key]) {
      throw new Error(
        `${name}: the files in ${path.resolve(dir)} hold ${found[key]} ${key === "items" ? "rated items" : key === "users" ? "rating users" : "ratings"}, ` +
          `but the published data set has ${counts[key]} (${counts.ratings} ratings, ${counts.users} users, ${counts.items} items; ` +
          `src/data/dataset-pins.ts): the files are damaged, truncated or not the published ones`,
      );
    }
  }
}

/** Size and modification time of every pinned file (or "missing"), plus the pins themselves. */
function folderSignature(name: string, folder: string, pins: DatasetPins): string {
  const parts = [name, JSON.stringify(pins.files)];
  for (const rel of Object.keys(pins.files).sort()) {
    const st = fs.statSync(path.join(folder, rel), { throwIfNoEntry: false });
    parts.push(st ? `${rel}:${st.size}:${st.mtimeMs}:${st.ino}` : `${rel}:missing`);
  }
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function readStamp(stamp: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(stamp, "utf8")) as { signature?: string }).signature ?? null;
  } catch {
    return null;
  }
}

function writeStamp(stamp: string, signature: string): void {
  try {
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    const tmp = `${stamp}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ signature }) + "\n");
    fs.renameSync(tmp, stamp);
  } catch {
    // An unwritable cache only costs hashing again in the next process.
  }
}
