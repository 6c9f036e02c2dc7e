import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Rng } from "../../src/random/rng";
import { loadNcfProtocol } from "../../src/train/ranking-dataset";
import { sampledProtocol } from "../../src/train/ncf-protocol";
import { loadDataset } from "../../src/data/dataset-registry";

/** 110 artists, no timestamps: listener k (0-3) played artists k, k + 1, k + 2; 106 users played one artist each. */
function writeLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncf-holdout-"));
  const lines = ["user\tartist\tplays"];
  for (let u = 0; u < 4; u++) for (let j = 0; j < 3; j++) lines.push(`listener ${u}\tartist ${u + j}\t${1 + j}`);
  for (let i = 4; i < 110; i++) lines.push(`solo ${i}\tartist ${i}\t1`); // users with one play: never evaluated
  const file = path.join(dir, "log.tsv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const file = writeLog();
const quiet = { log: () => {} };

test("without timestamps the NCF protocol holds out one seeded random interaction per user, and says so", async () => {
  const notes: string[] = [];
  const a = await loadNcfProtocol(file, new Rng(3), undefined, undefined, { log: (l) => notes.push(l) });
  assert.deepEqual(notes.filter((l) => /timestamps/.test(l)), ["log has no timestamps: holding out one random interaction per user (seeded) instead of the latest one"]);
  assert.match(a.name, /^log: one random held-out interaction per user, 99 sampled negatives$/);
  assert.equal(a.test.size, 4, "listeners 0-3 have 3 interactions each; the solo users keep their one");
  assert.equal(a.train.size + a.test.size, 4 * 3 + 106);
  const b = await loadNcfProtocol(file, new Rng(3), undefined, undefined, quiet);
  assert.deepEqual(Array.from(b.relevantItems), Array.from(a.relevantItems), "same seed, same held-out items");
});

test("asking for the latest interaction without timestamps is an error naming holdout: \"random\"", async () => {
  await assert.rejects(loadNcfProtocol(file, new Rng(3), undefined, undefined, { holdout: "latest" }), /log has no timestamps, so its latest interactions cannot be held out; set holdout: "random"/);
  const r = await loadDataset(file, quiet);
  assert.throws(() => sampledProtocol(r, new Rng(1)), /sampledProtocol: "log" has no timestamps, .* set holdout: "random"/);
  assert.doesNotMatch(String(await loadNcfProtocol(file, new Rng(3), undefined, undefined, { holdout: "latest" }).catch((e) => e)), /randomSplit or perUserHoldout/);
});
