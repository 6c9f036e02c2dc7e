/**
 * Existence checks for loader inputs, so that a missing directory or file fails up front with a message that
 * names the path, the loader and the option that pointed there (instead of a bare ENOENT halfway through).
 */
import * as fs from "fs";
import * as path from "path";
import { DataFormatError } from "./data-format-error";

/** True if `p` exists and is a regular file. */
export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** True if `p` exists and is a directory. */
export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Throws unless `dir` is a directory; `loader` and `option` name who expected it (e.g. "loadMovielens100k", "dir"). */
export function requireDirectory(dir: string, loader: string, option = "dir"): string {
  if (!isDirectory(dir)) {
    throw new DataFormatError(dir, undefined, `directory not found (${loader} expected the data set folder here, from option \`${option}\`)`);
  }
  return dir;
}

/**
 * Returns `dir/name` if it is a file; otherwise throws a DataFormatError naming the path and the loader, and
 * the option that named the file (`option`, e.g. "ratingsFile") if it did not come from the loader's defaults.
 */
export function requireFile(dir: string, name: string, loader: string, option?: string): string {
  const p = path.join(dir, name);
  if (!isFile(p)) {
    const why = option === undefined || option === "dir"
      ? `${loader} expects ${name} in the folder given by option \`dir\``
      : `named by ${loader}'s option \`${option}\`, relative to the folder given by option \`dir\``;
    throw new DataFormatError(p, undefined, `file not found (${why})`);
  }
  return p;
}
