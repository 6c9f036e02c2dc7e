/**
 * Loader for the wide layout: one line per user, one column per item (a user x item matrix as spreadsheets keep
 * it), where an empty cell or the `missing` sentinel (e.g. 99) means "not rated". The header names the items;
 * without a header the items are named by their 0-based column position.
 */
import { DataFormatError } from "./data-format-error";
import type { ColumnRef } from "./load-delimited";
import type { RatingScale, Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { fieldCountMessage, isBlank, parseRatingField, splitFields } from "./parse-fields";
import { forEachLine, type LineEncoding } from "./read-lines";

/** How to read one wide-layout file. */
export interface LoadWideOptions {
  /** Path of the file. */
  file: string;
  /** Data set name. */
  name: string;
  /** Field delimiter; default ",". */
  delimiter?: string;
  /** Whether the first non-blank line names the columns (the items); default true. */
  header?: boolean;
  /** The user id column (0-based position or header name); default 0. */
  user?: ColumnRef;
  /** Value that means "not rated" (compared as a number); empty cells always mean it. */
  missing?: number;
  /** Declared scale; every other value must lie on it. */
  scale: RatingScale;
  /** Text encoding; default "utf8". */
  encoding?: LineEncoding;
}

/** Loads a wide-layout file into long Ratings (one row per rated cell, in file order; no timestamps). */
export async function loadWide(options: LoadWideOptions): Promise<Ratings> {
  const file = options.file;
  const delimiter = options.delimiter ?? ",";
  const header = options.header ?? true;
  const builder = new RatingsBuilder({ name: options.name, scale: options.scale, file, timestamps: false });
  let itemIds: string[] | null = null;
  let userCol = typeof options.user === "number" ? options.user : header ? -1 : 0;
  let width = -1;
  const userLine = new Map<string, number>();
  await forEachLine(
    file,
    (line, ln) => {
      if (isBlank(line)) return;
      const f = splitFields(line, delimiter, file, ln).map((x) => x.trim());
      if (width < 0) {
        width = f.length;
        if (typeof options.user === "string") {
          if (!header) throw new DataFormatError(file, ln, `the user column is given by name ("${options.user}") but the file has no header`);
          userCol = f.indexOf(options.user);
          if (userCol < 0) throw new DataFormatError(file, ln, `user column "${options.user}" not in the header; columns are ${f.slice(0, 8).map((h) => `"${h}"`).join(", ")}${f.length > 8 ? ", ..." : ""}`);
        }
        if (userCol < 0) userCol = 0;
        if (userCol >= width) throw new DataFormatError(file, ln, `user column ${userCol} is beyond the ${width} fields of the line`);
        if (width < 2) throw new DataFormatError(file, ln, fieldCountMessage("at least 2", delimiter, width));
        itemIds = f.map((h, k) => (header ? h : String(k)));
        const seen = new Map<string, number>();
        itemIds.forEach((id, k) => {
          if (k === userCol) return;
          if (id.length === 0) throw new DataFormatError(file, ln, `item name of column ${k} is empty`);
          if (seen.has(id)) throw new DataFormatError(file, ln, `item "${id}" names columns ${seen.get(id)} and ${k}`);
          seen.set(id, k);
        });
        if (header) return;
      }
      if (f.length !== width) throw new DataFormatError(file, ln, fieldCountMessage(width, delimiter, f.length, "(as in the first line)"));
      const user = f[userCol];
      if (user.length === 0) throw new DataFormatError(file, ln, "user id is empty");
      const earlier = userLine.get(user);
      if (earlier !== undefined) throw new DataFormatError(file, ln, `user "${user}" already has a line (line ${earlier}); the wide layout has one line per user`);
      userLine.set(user, ln);
      builder.registerUser(user);
      for (let k = 0; k < width; k++) {
        if (k === userCol || f[k].length === 0) continue;
        const v = parseRatingField(f[k], file, ln);
        if (v === options.missing) continue;
        try {
          builder.add(user, itemIds![k], v, undefined, ln);
        } catch (e) {
          if (e instanceof DataFormatError && options.missing === undefined) {
            throw new DataFormatError(file, ln, `${e.detail} (column ${k}, item "${itemIds![k]}"); if it means "not rated", declare it as "missing" in the descriptor`);
          }
          throw e;
        }
      }
    },
    { encoding: options.encoding },
  );
  if (builder.size === 0) throw new DataFormatError(file, undefined, "no rated cells (every cell is empty or the missing-value sentinel)");
  return builder.build();
}
