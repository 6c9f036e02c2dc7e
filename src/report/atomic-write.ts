/**
 * Atomic file writes: content goes to a uniquely named temporary file in the destination folder
 * (`.<name>.<pid>.<n>.tmp`, git-ignored), which is then renamed over the destination, so readers
 * never see a half-written report and an interrupted write never truncates the old file. A
 * failed write removes its temporary file; temporary files left by a process that was killed
 * mid-write (its pid no longer alive) are removed by the next write to the same destination.
 */
import * as fs from "fs";
import * as path from "path";

/** The file-system calls an atomic write makes (injectable so tests can make one fail on purpose). */
export interface AtomicWriteFs {
  mkdirSync: typeof fs.mkdirSync;
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  rmSync: typeof fs.rmSync;
  readdirSync: (dir: string) => string[];
}

/** The real file system (node:fs), the default of writeFileAtomic; tests override single calls of it. */
export const nodeAtomicWriteFs: AtomicWriteFs = {
  mkdirSync: fs.mkdirSync,
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
  readdirSync: (dir) => fs.readdirSync(dir),
};

let counter = 0;

function tempPathFor(dest: string): string {
  counter += 1;
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.${counter}.tmp`);
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `dest`'s temporary files whose writer process is gone (killed mid-write). */
function removeOrphanTemps(dest: string, io: AtomicWriteFs): void {
  const prefix = `.${path.basename(dest)}.`;
  let names: string[];
  try {
    names = io.readdirSync(path.dirname(dest));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const match = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    if (match && Number(match[1]) !== process.pid && !pidAlive(Number(match[1]))) {
      io.rmSync(path.join(path.dirname(dest), name), { force: true });
    }
  }
}

/**
 * Writes `data` to `dest` atomically, creating the destination folder if needed. On any failure
 * the destination keeps its old content, the temporary file is removed, and the error is rethrown.
 * @param dest - destination path
 * @param data - file content (strings are written as UTF-8)
 * @param io - file-system calls (tests inject failures; default: node's fs)
 */
export function writeFileAtomic(dest: string, data: string | Uint8Array, io: AtomicWriteFs = nodeAtomicWriteFs): void {
  io.mkdirSync(path.dirname(dest), { recursive: true });
  removeOrphanTemps(dest, io);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = tempPathFor(dest);
  try {
    const fd = io.openSync(tmp, "wx");
    try {
      for (let offset = 0; offset < bytes.length; ) offset += io.writeSync(fd, bytes, offset, bytes.length - offset);
      io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    io.renameSync(tmp, dest);
  } catch (e) {
    io.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Copies `src` to `dest` unless `dest` already holds identical bytes; the copy is atomic.
 * @returns true when the file was (re)written, false when it was already up to date
 */
export function copyFileIfChanged(src: string, dest: string): boolean {
  const srcStat = fs.statSync(src);
  let destStat: fs.Stats | null = null;
  try {
    destStat = fs.statSync(dest);
  } catch {
    destStat = null;
  }
  const content = fs.readFileSync(src);
  if (destStat && destStat.size === srcStat.size && fs.readFileSync(dest).equals(content)) {
    return false;
  }
  writeFileAtomic(dest, content);
  return true;
}
