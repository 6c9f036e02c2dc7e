/**
 * An exclusive lock file for short read-modify-write sections shared by several processes (e.g.
 * two notebook runs recording into the same results folder). The lock is created with
 * `open(path, "wx")` and holds `{ pid, host, acquired }`; a lock whose process is gone (same host)
 * or that is older than `staleMs` is broken. Synchronous, so it can guard synchronous writers.
 */
import * as fs from "fs";
import * as os from "os";
import { pidAlive } from "./atomic-write";

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up (with an error naming the lock file) after this many ms; default 30 000. */
  timeoutMs?: number;
  /** A lock held this long (ms) is taken as abandoned whoever holds it; default 120 000. */
  staleMs?: number;
  /** Pause between attempts in ms; default 5 (plus up to 5 ms of jitter). */
  retryMs?: number;
}

interface LockContent {
  pid: number;
  host: string;
  acquired: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readLock(lockPath: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockContent;
    return typeof parsed.pid === "number" && typeof parsed.acquired === "number" ? parsed : null;
  } catch {
    return null;
  }
}

/** Why the current lock may be broken, or null while it is legitimately held. */
function staleReason(lockPath: string, staleMs: number): string | null {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(lockPath).mtimeMs;
  } catch {
    return null; // released meanwhile: just retry
  }
  const content = readLock(lockPath);
  if (content && content.host === os.hostname() && !pidAlive(content.pid)) return `its process ${content.pid} is gone`;
  const age = Date.now() - (content?.acquired ?? mtimeMs);
  // An unreadable lock may be one being written right now: only its age can condemn it.
  return age > staleMs ? `it is ${Math.round(age / 1000)} s old` : null;
}

/**
 * Runs `fn` while holding the lock file `lockPath`, and releases it afterwards (also when `fn` throws).
 * @throws Error naming the lock file and its holder when the lock cannot be had within the timeout
 */
export function withFileLock<T>(lockPath: string, fn: () => T, options: FileLockOptions = {}): T {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 120_000;
  const retryMs = options.retryMs ?? 5;
  const deadline = Date.now() + timeoutMs;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = fs.openSync(lockPath, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const stale = staleReason(lockPath, staleMs);
      if (stale !== null) {
        process.stderr.write(`breaking the lock ${lockPath}: ${stale}\n`);
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        const holder = readLock(lockPath);
        const who = holder ? `process ${holder.pid} on ${holder.host}` : "an unknown process";
        throw new Error(`could not lock ${lockPath} within ${timeoutMs / 1000} s: held by ${who}; delete the file if that process is gone`);
      }
      sleepSync(retryMs + Math.floor((process.pid % 7) * (retryMs / 7)));
    }
  }
  try {
    const content: LockContent = { pid: process.pid, host: os.hostname(), acquired: Date.now() };
    fs.writeSync(fd, JSON.stringify(content));
    fs.closeSync(fd);
    fd = null;
    return fn();
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(lockPath, { force: true });
  }
}
