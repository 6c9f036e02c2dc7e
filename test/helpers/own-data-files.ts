/**
 * Writes small "own data" files of the two shapes a reader brings (issue 10): (a) a wide-layout CSV, one line per
 * user and one column per item on a -10..10 scale, 99 meaning "not rated", with its data-set descriptor; (b) a
 * tab-separated play-count log with a header, string ids and no timestamps. Planted structure: users of group g
 * rate (play) items of group g high (often), the others low (rarely). Deterministic (seeded).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Rng } from "../../src/random/rng";

/** Paths of the written files. */
export interface OwnDataFiles {
  /** The folder holding them. */
  dir: string;
  /** Wide-layout CSV (needs its descriptor: scale and sentinel). */
  wideCsv: string;
  /** Descriptor of wideCsv: `{ "path": "wide.csv", "layout": "wide", "missing": 99, "scale": { "min": -10, "max": 10 } }`. */
  wideDescriptor: string;
  /** Tab-separated play-count log, header `user_id\tartist\tplays`, loadable without a descriptor (sniffed). */
  playsTsv: string;
  /** Descriptor of playsTsv with a log confidence. */
  playsDescriptor: string;
  /** Descriptor of wideCsv with side features: users.csv (group, numeric age) and items.csv (multi-hot tags). */
  featuresDescriptor: string;
}

/** Writes the files into a new temporary folder; see the module comment. */
export function writeOwnDataFiles(users = 40, items = 200, seed = 7): OwnDataFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "own-data-"));
  const rng = new Rng(seed);
  const groupOf = (k: number) => k % 3;
  const header = ["user", ...Array.from({ length: items }, (_, i) => `item${i + 1}`)];
  const rows = [header.join(",")];
  for (let u = 0; u < users; u++) {
    const cells = [`u${u + 1}`];
    for (let i = 0; i < items; i++) {
      if (rng.next() > 0.25) cells.push(rng.next() < 0.5 ? "99" : "");
      else cells.push(String(groupOf(u) === groupOf(i) ? 4 + rng.int(7) : -10 + rng.int(7)));
    }
    rows.push(cells.join(","));
  }
  const wideCsv = path.join(dir, "wide.csv");
  fs.writeFileSync(wideCsv, rows.join("\n") + "\n");
  const wideDescriptor = path.join(dir, "wide.json");
  fs.writeFileSync(wideDescriptor, JSON.stringify({ path: "wide.csv", layout: "wide", missing: 99, scale: { min: -10, max: 10, step: 1 } }, null, 2));

  const log = ["user_id\tartist\tplays"];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      const liked = groupOf(u) === groupOf(i);
      if (rng.next() > (liked ? 0.3 : 0.04)) continue;
      const plays = liked ? (5 + rng.int(300)) * (rng.next() < 0.05 ? 20 : 1) : 1 + rng.int(4);
      log.push(`listener-${(u * 7919) % 1000}\tartist ${String.fromCharCode(65 + (i % 26))}${i}\t${plays}`);
    }
  }
  const playsTsv = path.join(dir, "plays.tsv");
  fs.writeFileSync(playsTsv, log.join("\n") + "\n");
  const playsDescriptor = path.join(dir, "plays.json");
  fs.writeFileSync(
    playsDescriptor,
    JSON.stringify({ path: "plays.tsv", delimiter: "\t", header: true, columns: { user: "user_id", item: "artist", count: "plays" }, confidence: { kind: "log", alpha: 1, epsilon: 1 } }, null, 2),
  );
  const users_ = Array.from({ length: users }, (_, u) => `u${u + 1},g${groupOf(u)},${18 + ((u * 7) % 50)}`);
  fs.writeFileSync(path.join(dir, "users.csv"), ["user,group,age", ...users_].join("\n") + "\n");
  const items_ = Array.from({ length: items }, (_, i) => `item${i + 1},tag${groupOf(i)}${i % 2 ? "|odd" : ""}`);
  fs.writeFileSync(path.join(dir, "items.csv"), ["item,tags", ...items_].join("\n") + "\n");
  const featuresDescriptor = path.join(dir, "wide-features.json");
  fs.writeFileSync(
    featuresDescriptor,
    JSON.stringify({
      path: "wide.csv", layout: "wide", missing: 99, scale: { min: -10, max: 10, step: 1 },
      userFeatures: { path: "users.csv", id: "user" },
      itemFeatures: { path: "items.csv", id: "item", columns: { tags: { kind: "multi-hot", separator: "|" } } },
    }, null, 2),
  );
  return { dir, wideCsv, wideDescriptor, playsTsv, playsDescriptor, featuresDescriptor };
}
