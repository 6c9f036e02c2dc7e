/** Test helper: the lines of a file as every line reader of src/data/read-lines.ts reports them ("n:text"). */
import { forEachLine, forEachLineSync, readLines, type ReadLinesOptions } from "../../src/data/read-lines";

/** [forEachLine, forEachLineSync, readLines] results for `file`, each line as `${lineNumber}:${text}`. */
export async function linesFromAllReaders(file: string, options?: ReadLinesOptions): Promise<string[][]> {
  const a: string[] = [];
  await forEachLine(file, (l, n) => a.push(`${n}:${l}`), options);
  const b: string[] = [];
  forEachLineSync(file, (l, n) => b.push(`${n}:${l}`), options);
  const c: string[] = [];
  for await (const { text, lineNumber } of readLines(file, options)) c.push(`${lineNumber}:${text}`);
  return [a, b, c];
}
