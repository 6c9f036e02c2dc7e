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

/** Throws unless `file` is a regular file: a DataFormatError saying "is a directory, not a file" or "file not found" and naming `option`. */
export function requireInputFile(file: string, loader: string, option: string): string {
  if (isDirectory(file)) throw new DataFormatError(file, undefined, `is a directory, not a file (${loader} option \`${option}\`)`);
  if (!isFile(file)) throw new DataFormatError(file, undefined, `file not found (${loader} option \`${option}\`)`);
  return file;
}

/** Throws unless `dir` is a directory; `loader` and `option` name who expected it (e.g. "loadMovielens100k", "dir"). */
export function requireDirectory(dir: string, loader: string, option = "dir"): string {
  if (isFile(dir)) throw new DataFormatError(dir, undefined, `is a file, not a directory (${loader} expects the data set folder here, from option \`${option}\`)`);
  if (!isDirectory(dir)) {
    throw new DataFormatError(dir, undefined, `directory not found (${loader} expected the data set folder here, from option \`${option}\`)`);
  }
  return dir;
}

/**
 * Returns `dir/name` if it is a file, else `dir/name.gz` if that is one (read transparently); otherwise throws a DataFormatError naming the path and the loader, and
 * the option that named the file (`option`, e.g. "ratingsFile") if it did not come from the loader's defaults.
 */
export function requireFile(dir: string, name: string, loader: string, option?: string): string {
  const p = path.join(dir, name);
  if (isDirectory(p)) {
    const from = option === undefined || option === "dir" ? "option `dir`" : `${loader}'s option \`${option}\``;
    throw new DataFormatError(p, undefined, `is a directory, not a file (${loader} expects ${name} there, from ${from})`);
  }
  if (!isFile(p)) {
    if (!/\.gz$/i.test(p) && isFile(p + ".gz")) return p + ".gz"; // a compressed copy is read transparently
    const why = option === undefined || option === "dir"
      ? `${loader} expects ${name} in the folder given by option \`dir\``
      : `named by ${loader}'s option \`${option}\`, relative to the folder given by option \`dir\``;
    throw new DataFormatError(p, undefined, `file not found (${why})`);
  }
  return p;
}
