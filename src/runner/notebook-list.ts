/**
 * The notebooks of a folder, as the runner lists them when none is named and as the suite's time counts them
 * (after-experiments.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./cli-args";

/** Every `*.ipynb` directly in `dir`, in name order (code-unit order, independent of locale). */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new UsageError(`no notebooks given and ${dir}/ does not exist (run from the project root)`);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.startsWith("."))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(dir, name));
}
