/**
 * Atomic file writes: write a temporary file beside the target, then rename over it, so that a failed or
 * interrupted run never leaves a half-written result behind.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Writes `content` to `file` atomically, creating parent folders. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
