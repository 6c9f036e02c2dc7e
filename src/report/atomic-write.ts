/**
 * Atomic file writes: content goes to a temporary file in the destination folder, which is
 * then renamed over the destination, so readers never see a half-written report and an
 * interrupted run never leaves a truncated file behind.
 */
import * as fs from "fs";
import * as path from "path";

let counter = 0;

function tempPathFor(dest: string): string {
  counter += 1;
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.${counter}.tmp`);
}

/**
 * Writes `data` to `dest` atomically, creating the destination folder if needed.
 * @param dest - destination path
 * @param data - file content (strings are written as UTF-8)
 */
export function writeFileAtomic(dest: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest);
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
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
