/**
 * Streams the records of a real CSV file (quoted fields with commas or newlines, as in ml-latest-small's
 * movies.csv titles) through csv-parse, with csv-parse's errors turned into DataFormatErrors naming the line.
 */
import * as fs from "fs";
import { parse } from "csv-parse";
import { DataFormatError } from "./data-format-error";
import type { LineEncoding } from "./read-lines";

/** Called per record: the fields, and the 1-based line on which the record ends. */
export type CsvRecordCallback = (fields: string[], line: number) => void;

/** Options of forEachCsvRecord. */
export interface CsvRecordOptions {
  /** Field delimiter; default ",". */
  delimiter?: string;
  /** Text encoding; default "utf8". */
  encoding?: LineEncoding;
}

/** Calls `onRecord` for every non-empty record of the CSV file `file` (header included); resolves to the record count. */
export async function forEachCsvRecord(file: string, onRecord: CsvRecordCallback, options: CsvRecordOptions = {}): Promise<number> {
  const source = fs.createReadStream(file, { encoding: options.encoding ?? "utf8" });
  const parser = source.pipe(
    parse({
      delimiter: options.delimiter ?? ",",
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  // pipe() does not forward the source's errors (e.g. ENOENT): without this the loop would wait forever.
  source.on("error", (err) => parser.destroy(err));
  let count = 0;
  try {
    for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      onRecord(entry.record, entry.info.lines);
      count++;
    }
  } catch (err) {
    if (err instanceof DataFormatError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e && e.code === "ENOENT") throw new DataFormatError(file, undefined, "file not found");
    if (e && typeof e.code === "string" && e.code.startsWith("CSV_")) {
      throw new DataFormatError(file, typeof e.lines === "number" ? e.lines : undefined, `CSV error: ${e.message ?? e.code}`, { cause: err });
    }
    throw err;
  } finally {
    parser.destroy();
    source.destroy();
  }
  return count;
}
