/**
 * The repository root, found from this file's real location: notebooks reach `src/` through the
 * `notebooks/src` link, where `__dirname` would otherwise point into `notebooks/`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Absolute path of the repository (the folder holding src/, data/, results/). */
export function repoRoot(): string {
  return path.dirname(fs.realpathSync(__dirname));
}
