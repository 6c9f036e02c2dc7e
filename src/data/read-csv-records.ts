/**
 * Streams the records of a real CSV file (quoted fields with commas or newlines, as in ml-latest-small's
 * movies.csv titles) through csv-parse, with csv-parse's errors turned into DataFormatErrors naming the line.
 * The text is decoded strictly (as read-lines.ts does: invalid UTF-8 names its line and byte offset).
 */
import { Readable } from "stream";
import { TextDecoder } from "util";
import { parse } from "csv-parse";
import { DataFormatError } from "./data-format-error";
import { openInput } from "./input-source";
import { checkEncoding, checkFirstBlock, countByte, firstInvalidUtf8, hexExcerpt, nulByteError, type TextEncoding } from "./text-decoding";

/** Called per record: the fields, and the 1-based line on which the record ends. */
export type CsvRecordCallback = (fields: string[], line: number) => void;

/** Options of forEachCsvRecord. */
export interface CsvRecordOptions {
  /** Field delimiter; default ",". */
  delimiter?: string;
  /** Text encoding; default "utf8" (strict). */
  encoding?: TextEncoding;
}

/** Yields the text of `file` block by block, decoded strictly with `encoding`. */
async function* decodedText(file: string, encoding: TextEncoding): AsyncGenerator<string, void, undefined> {
  const source = await openInput(file);
  const label = encoding === "utf8" ? "utf-8" : encoding === "latin1" ? "latin1" : "utf-16le";
  const decoder = new TextDecoder(label, { fatal: encoding !== "latin1", ignoreBOM: false });
  const buf = Buffer.allocUnsafe(1 << 16);
  let offset = 0;
  let lines = 0;
  try {
    for (;;) {
      const n = await source.read(buf, 0, buf.length);
      const view = buf.subarray(0, n);
      if (offset === 0 && n > 0) checkFirstBlock(file, encoding, view, n);
      if (encoding !== "utf16le") {
        const nul = view.indexOf(0);
        if (nul >= 0) throw nulByteError(file, lines + 1 + countByte(view, 10, 0, nul), offset + nul, view, 0, n);
      }
      let text: string;
      try {
        text = decoder.decode(view, { stream: n > 0 });
      } catch (err) {
        const bad = encoding === "utf8" ? Math.max(0, firstInvalidUtf8(view, 0, n)) : 0;
        const what = encoding === "utf8" ? `invalid UTF-8 at byte offset ${offset + bad} (bytes ${hexExcerpt(view, bad, n)}); if the file is Latin-1 (ISO-8859-1), pass encoding: "latin1"` : "invalid UTF-16LE";
        throw new DataFormatError(file, lines + 1 + countByte(view, 10, 0, bad), what, { cause: err });
      }
      if (encoding !== "utf16le") lines += countByte(view, 10, 0, n);
      offset += n;
      if (text.length > 0) yield text;
      if (n === 0) return;
    }
  } finally {
    await source.close();
  }
}

/** Calls `onRecord` for every non-empty record of the CSV file `file` (header included); resolves to the record count. */
export async function forEachCsvRecord(file: string, onRecord: CsvRecordCallback, options: CsvRecordOptions = {}): Promise<number> {
  const encoding = checkEncoding(`forEachCsvRecord(${file})`, options.encoding);
  const source = Readable.from(decodedText(file, encoding));
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
