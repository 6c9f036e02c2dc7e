/**
 * Several delimited ratings files (e.g. a published train file and test file) loaded into ONE id index: the same
 * raw user or item id gets the same dense index in every file, and all returned Ratings share one `indexId`,
 * so a model fitted on the first can be evaluated on the others. Two separate `loadDelimited` calls would give two
 * unrelated index spaces, which evaluation refuses (see index-identity.ts).
 */
import * as path from "path";
import { DataFormatError } from "./data-format-error";
import { IdIndex } from "./id-index";
import { isFile } from "./input-files";
import { readDelimitedInto, type DelimitedFileOptions, type LoadDelimitedOptions } from "./load-delimited";
import type { Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";

/** Options of loadDelimitedFiles: those of loadDelimited, with `files` (read in order) instead of `file`. */
export interface LoadDelimitedFilesOptions extends Omit<LoadDelimitedOptions, "file" | "name"> {
  /** Paths of the files, read in this order (ids are indexed in first-appearance order across them). */
  files: readonly string[];
  /** Data set name per file; default each file's name without extension. */
  names?: readonly string[];
}

/**
 * Loads every file of `options.files` with the same format options into one shared id index; resolves to one
 * Ratings per file, in order, all with the same numUsers, numItems, ids and indexId (users or items that appear in
 * only one file are in the index of all of them).
 */
export async function loadDelimitedFiles(options: LoadDelimitedFilesOptions): Promise<Ratings[]> {
  const { files, names } = options;
  if (!Array.isArray(files) || files.length === 0) throw new RangeError("loadDelimitedFiles: option `files` must list at least one file");
  if (names !== undefined && names.length !== files.length) {
    throw new RangeError(`loadDelimitedFiles: ${names.length} names for ${files.length} files`);
  }
  for (const file of files) {
    if (!isFile(file)) throw new DataFormatError(file, undefined, "file not found (loadDelimitedFiles option `files`)");
  }
  const users = new IdIndex();
  const items = new IdIndex();
  const builders: RatingsBuilder[] = [];
  for (let f = 0; f < files.length; f++) {
    const file = files[f];
    const name = names?.[f] ?? path.basename(file).replace(/\.[^.]*$/, "");
    const builder = new RatingsBuilder({ name, scale: options.scale, file, users, items });
    const fileOptions: DelimitedFileOptions = { ...options, file };
    await readDelimitedInto(builder, fileOptions);
    builders.push(builder);
  }
  // Build only after every file is read, so that all parts see the full index (RatingsBuilder.build).
  return builders.map((b) => b.build());
}
