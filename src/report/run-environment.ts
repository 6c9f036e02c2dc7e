/**
 * Describes the machine, runtime, backend and code version of the current run, for `RunEnvironment`.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import type { RunEnvironment } from "./result-entry";

/**
 * The git commit at `cwd`, with "+dirty" if tracked files other than results/ and README.md (both rewritten by runs
 * themselves: results, run times, the headline table) have uncommitted changes; undefined outside git.
 */
export function gitCommit(cwd: string): string | undefined {
  try {
    const rev = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results", ":(top,exclude)README.md"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    return dirty ? `${rev}+dirty` : rev;
  } catch {
    return undefined;
  }
}

/** The current environment, given the backend description returned by `initBackend`. */
export function describeEnvironment(backend: { name: string; detail?: string; tfjsVersion: string }, repoRoot: string): RunEnvironment {
  const cpus = os.cpus();
  return {
    backend: backend.detail ? `${backend.name} (${backend.detail})` : backend.name,
    tfjs: backend.tfjsVersion,
    node: process.version,
    cpu: `${cpus.length} x ${cpus[0]?.model?.trim() ?? "unknown CPU"}`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: gitCommit(repoRoot),
    peakMemoryMb: peakMemoryMb(),
  };
}

/** Peak resident memory of this process so far, in MB (process.resourceUsage().maxRSS is in kilobytes). */
export function peakMemoryMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
