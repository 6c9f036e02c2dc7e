/**
 * Loader for the LibimSeTi dating data set ("libimseti": 17,359,346 ratings of 168,791 profiles by 135,359
 * users, integers 1-10): ratings.dat (`UserID,ProfileID,Rating`) streamed and parsed from the bytes without
 * per-line strings or objects, and gender.dat (`UserID,Gender`, M/F/U) as the categorical feature "gender" of users and
 * of items (the rated profiles are users too).
 */
import * as fs from "fs";
import * as path from "path";
import { DataFormatError } from "./data-format-error";
import { featureTable } from "./feature-columns";
import type { CategoricalFeature } from "./features";
import { requireDirectory, requireFile } from "./input-files";
import type { LoaderInputOptions } from "./loader-options";
import type { SideRowsReport } from "./load-report";
import { fieldCountMessage, isBlank, parseIdField, parseRatingField } from "./parse-fields";
import type { RatingScale, Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { forEachLineBytes } from "./read-line-bytes";
import { forEachLine } from "./read-lines";
import { checkEncoding } from "./text-decoding";
import { requireOneOf } from "./read-records";
import { SYNTHETIC_MARKER } from "./synthetic-libimseti";

/** Rating scale of LibimSeTi: whole numbers 1 to 10. */
export const LIBIMSETI_SCALE: RatingScale = { min: 1, max: 10, step: 1 };

/** Gender categories of gender.dat, in code order: male, female, unknown. */
export const LIBIMSETI_GENDERS: readonly string[] = ["M", "F", "U"];

/** Options of loadLibimseti. */
export interface LibimsetiOptions extends LoaderInputOptions {
  /** Ratings file inside the folder; default "ratings.dat". */
  ratingsFile?: string;
  /** Gender file inside the folder; default "gender.dat". */
  genderFile?: string;
  /** Read the gender file for the user and item feature "gender"; default true. */
  features?: boolean;
  /** Called every `progressEvery` ratings with the number read so far (e.g. to drive a progress bar). */
  onProgress?: (ratingsRead: number) => void;
  /** Ratings between onProgress calls; default 1,000,000. */
  progressEvery?: number;
}

/**
 * Loads LibimSeTi from folder `dir` (named "libimseti", or "libimseti-synthetic" when the folder holds the
 * generator's SYNTHETIC.md marker, see synthetic-libimseti.ts). Users and items (profiles) are separate index spaces, each in order of
 * first appearance in ratings.dat; "gender" codes index LIBIMSETI_GENDERS. Ids are canonical whole numbers
 * (`007` is an error, not user 7). A rated user or profile missing from gender.dat is an error unless
 * `missingFeatures: "allow"` (code -1, counted in the load report).
 */
export async function loadLibimseti(dir: string, options: LibimsetiOptions = {}): Promise<Ratings> {
  const loader = "loadLibimseti";
  requireDirectory(dir, loader);
  const ratingsFile = requireFile(dir, options.ratingsFile ?? "ratings.dat", loader, options.ratingsFile ? "ratingsFile" : undefined);
  const encoding = checkEncoding(loader, options.encoding);
  const withFeatures = options.features ?? true;
  const genderFile = withFeatures ? requireFile(dir, options.genderFile ?? "gender.dat", loader, options.genderFile ? "genderFile" : undefined) : "";

  const bytes = fs.statSync(ratingsFile).size;
  const builder = new RatingsBuilder({
    // a folder written by the synthetic generator carries its marker: its results must never pass for real ones
    name: fs.existsSync(path.join(dir, SYNTHETIC_MARKER)) ? "libimseti-synthetic" : "libimseti",
    scale: LIBIMSETI_SCALE,
    file: ratingsFile,
    timestamps: false,
    initialCapacity: Math.max(1 << 16, Math.ceil(bytes / 11)),
    duplicates: options.duplicates,
  });
  const users = builder.users;
  const items = builder.items;
  const onProgress = options.onProgress;
  const every = options.progressEvery ?? 1_000_000;

  if (encoding === "utf16le") await forEachLine(ratingsFile, (line, ln) => slowLine(builder, line, ln), { encoding });
  else await forEachLineBytes(ratingsFile, (buf, start, end, ln) => {
    // Fast path: three canonical unsigned integers (at most 9 digits, no leading zero) separated by single commas.
    let k = start;
    let c = 0;
    let user = 0;
    let profile = 0;
    let rating = 0;
    let from = k;
    while (k < end && (c = buf[k] - 48) >= 0 && c <= 9) {
      user = user * 10 + c;
      k++;
    }
    if (k === from || k - from > 9 || k >= end || buf[k] !== 44 || (buf[from] === 48 && k - from > 1)) return slowLine(builder, buf.toString("latin1", start, end), ln);
    from = ++k;
    while (k < end && (c = buf[k] - 48) >= 0 && c <= 9) {
      profile = profile * 10 + c;
      k++;
    }
    if (k === from || k - from > 9 || k >= end || buf[k] !== 44 || (buf[from] === 48 && k - from > 1)) return slowLine(builder, buf.toString("latin1", start, end), ln);
    from = ++k;
    while (k < end && (c = buf[k] - 48) >= 0 && c <= 9) {
      rating = rating * 10 + c;
      k++;
    }
    if (k === from || k !== end) return slowLine(builder, buf.toString("latin1", start, end), ln);
    builder.addIndexed(users.internInt(user), items.internInt(profile), rating, undefined, ln);
    if (onProgress !== undefined && builder.size % every === 0) onProgress(builder.size);
  });
  if (builder.size === 0) throw new DataFormatError(ratingsFile, undefined, "file is empty (no ratings)");

  if (!withFeatures) return builder.build();
  const genderByRawId = await readGenders(genderFile);
  const missing = options.missingFeatures ?? "error";
  const codesFor = (ids: readonly string[], what: string): { feature: CategoricalFeature; report: SideRowsReport } => {
    const codes = new Int32Array(ids.length);
    let absent = 0;
    let first = "";
    for (let i = 0; i < ids.length; i++) {
      const raw = Number(ids[i]);
      codes[i] = raw < genderByRawId.length ? genderByRawId[raw] : -1;
      if (codes[i] < 0 && absent++ === 0) first = ids[i];
    }
    if (absent > 0 && missing === "error") {
      throw new DataFormatError(genderFile, undefined, `${absent} rated ${what}${absent === 1 ? " has" : "s have"} no row here (first: ${what} ${JSON.stringify(first)}); add the rows, or pass missingFeatures: "allow" to load them with gender code -1`);
    }
    return { feature: { kind: "categorical", name: "gender", codes, categories: LIBIMSETI_GENDERS.slice() }, report: { file: genderFile, missing: absent, unmatched: 0 } };
  };
  const userGender = codesFor(users.ids, "user");
  const itemGender = codesFor(items.ids, "profile");
  let unmatched = 0;
  let firstUnmatched = -1;
  for (let id = 0; id < genderByRawId.length; id++) {
    if (genderByRawId[id] < 0 || users.lookupInt(id) >= 0 || items.lookupInt(id) >= 0) continue;
    if (unmatched++ === 0) firstUnmatched = id;
  }
  if (unmatched > 0 && options.unmatchedFeatureRows === "error") {
    throw new DataFormatError(genderFile, undefined, `${unmatched} rows match no rated user or profile (first: UserID ${firstUnmatched}); remove them, or pass unmatchedFeatureRows: "allow"`);
  }
  return builder.build({
    userFeatures: featureTable(users.size, [userGender.feature]),
    itemFeatures: featureTable(items.size, [itemGender.feature]),
    userFeatureRows: [{ ...userGender.report, unmatched }],
    itemFeatureRows: [{ ...itemGender.report, unmatched }],
  });
}

/** Largest UserID accepted in gender.dat (the table costs one byte per id up to the largest one). */
const MAX_GENDER_ID = 1 << 26;

/** Reads gender.dat (`UserID,Gender`) into a table: raw id -> code in LIBIMSETI_GENDERS, -1 where absent. */
async function readGenders(file: string): Promise<Int8Array> {
  let table = new Int8Array(1 << 18).fill(-1);
  let count = 0;
  await forEachLineBytes(file, (buf, start, end, ln) => {
    const line = buf.toString("latin1", start, end);
    if (isBlank(line)) return;
    const f = line.split(",");
    if (f.length !== 2) throw new DataFormatError(file, ln, fieldCountMessage(2, ",", f.length));
    const id = parseId(f[0], "UserID", file, ln);
    const code = LIBIMSETI_GENDERS.indexOf(requireOneOf(f[1].trim(), LIBIMSETI_GENDERS, "gender", file, ln));
    if (id >= MAX_GENDER_ID) throw new DataFormatError(file, ln, `UserID ${id} is larger than ${MAX_GENDER_ID - 1}, the largest this loader supports`);
    if (id >= table.length) {
      let length = table.length;
      while (length <= id) length *= 2;
      const bigger = new Int8Array(length).fill(-1);
      bigger.set(table);
      table = bigger;
    }
    if (table[id] >= 0) throw new DataFormatError(file, ln, `UserID ${id} appears twice`);
    table[id] = code;
    count++;
  });
  if (count === 0) throw new DataFormatError(file, undefined, "file is empty (no records)");
  return table;
}

/** Handles a line off the fast path: skips blank lines, adds well-formed ones with spaces or long ids, else explains. */
function slowLine(builder: RatingsBuilder, line: string, ln: number): void {
  if (isBlank(line)) return;
  const file = builder.file;
  const f = line.split(",");
  if (f.length !== 3) throw new DataFormatError(file, ln, fieldCountMessage(3, ",", f.length));
  const user = parseId(f[0], "UserID", file, ln);
  const profile = parseId(f[1], "ProfileID", file, ln);
  const rating = parseRatingField(f[2], file, ln);
  builder.addIndexed(builder.users.internInt(user), builder.items.internInt(profile), rating, undefined, ln);
}

/** A canonical whole-number id (digits, no sign, no leading zero unless 0) as a number. */
function parseId(text: string, what: string, file: string, ln: number): number {
  const v = Number(parseIdField(text, what, "integer", file, ln));
  if (!Number.isSafeInteger(v)) throw new DataFormatError(file, ln, `${what} ${JSON.stringify(text.trim())} is too large`);
  return v;
}
