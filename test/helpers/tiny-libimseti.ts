/**
 * Writes a small LibimSeTi-format data set (ratings.dat "UserID,ProfileID,Rating" on 1-10 with \r\n line ends,
 * gender.dat "UserID,Gender") with a planted rule: raters like profiles of the other gender (8-10) and dislike
 * their own (1-3). Used to test the LibimSeTi path end to end and to smoke-run notebooks quickly.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Rng } from "../../src/random/rng";

/** Temporary folders written by this process, deleted when it exits. */
const written = new Set<string>();

function removeWrittenOnExit(dir: string): void {
  if (written.size === 0) process.once("exit", () => written.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  written.add(dir);
}

/** Writes the files into a new temporary folder (deleted when the process exits) and returns its path. */
export function writeTinyLibimseti(raters = 60, profiles = 120, density = 0.4, seed = 17): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "libimseti-"));
  removeWrittenOnExit(dir);
  const rng = new Rng(seed);
  const gender = Array.from({ length: profiles }, (_, k) => (k % 2 === 0 ? "M" : "F"));
  const lines: string[] = [];
  for (let u = 1; u <= raters; u++) {
    for (let p = 1; p <= profiles; p++) {
      if (p === u || rng.next() > density) continue;
      const same = gender[u - 1] === gender[p - 1];
      lines.push(`${u},${p},${same ? 1 + rng.int(3) : 8 + rng.int(3)}`);
    }
  }
  fs.writeFileSync(path.join(dir, "ratings.dat"), lines.join("\r\n") + "\r\n");
  fs.writeFileSync(path.join(dir, "gender.dat"), gender.map((g, k) => `${k + 1},${g}`).join("\n") + "\n");
  return dir;
}
