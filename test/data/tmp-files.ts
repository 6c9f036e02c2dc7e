/** Test helper: a fresh temporary folder with given files, removed after the test file finishes. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { after } from "node:test";

const created: string[] = [];
after(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** Creates a temporary folder holding `files` (relative path -> text, written as UTF-8, or bytes); returns its path. */
export function tempDirWith(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recsys-data-test-"));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

/** Text encoded as Latin-1 bytes (for u.item and movies.dat fixtures). */
export function latin1(text: string): Buffer {
  return Buffer.from(text, "latin1");
}

/** Asserts-friendly matcher: a RegExp matching `text` literally. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
