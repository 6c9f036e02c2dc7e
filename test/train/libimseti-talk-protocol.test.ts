import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadLibimseti } from "../../src/data/load-libimseti";
import { createBiasBaseline } from "../../src/models/bias-baseline";
import { createBiasedMf } from "../../src/models/biased-mf";
import { createGlobalMean } from "../../src/models/global-mean";
import { Rng } from "../../src/random/rng";
import { evaluateRatingModels } from "../../src/train/evaluate-rating-models";
import { silentProgress } from "../../src/train/progress";
import { talkProtocolSplit } from "../../src/train/protocol-splits";
import { useTestBackend } from "../helpers/test-backend";

before(useTestBackend);

/**
 * Writes a LibimSeTi-format pair of files (ratings.dat "UserID,ProfileID,Rating" on 1-10, gender.dat
 * "UserID,Gender") with a planted rule: raters like profiles of the other gender (8-10) and dislike their own (1-3).
 */
function writeLibimsetiFiles(dir: string): void {
  const rng = new Rng(17);
  const people = 120;
  const gender = Array.from({ length: people }, (_, k) => (k % 2 === 0 ? "M" : "F"));
  const lines: string[] = [];
  for (let u = 1; u <= 60; u++) {
    for (let p = 1; p <= people; p++) {
      if (p === u || rng.next() > 0.4) continue;
      const same = gender[u - 1] === gender[p - 1];
      lines.push(`${u},${p},${same ? 1 + rng.int(3) : 8 + rng.int(3)}`);
    }
  }
  fs.writeFileSync(path.join(dir, "ratings.dat"), lines.join("\r\n") + "\r\n");
  fs.writeFileSync(path.join(dir, "gender.dat"), gender.map((g, k) => `${k + 1},${g}`).join("\n") + "\n");
}

test("the talk's protocol runs end to end on LibimSeTi-format files", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "libimseti-"));
  writeLibimsetiFiles(dir);
  const ratings = await loadLibimseti(dir);
  assert.equal(ratings.scale.max, 10);
  const rng = new Rng(3);
  const split = talkProtocolSplit(ratings, rng);
  assert.equal(split.test.size, 60 * 5, "5 held-out ratings for each of the 60 raters");
  const models = [
    createGlobalMean(),
    createBiasBaseline(),
    createBiasedMf({ dim: 4, initStd: 0.1, training: { epochs: 60, learningRate: 0.02, batchSize: 64, patience: 5 } }),
  ];
  const results = await evaluateRatingModels(models, { ...split, rng, progress: silentProgress });
  const [mean, bias, mf] = results.map((r) => r.metrics.rmse);
  // Ratings are 1-3 or 8-10 by a gender interaction that biases cannot express: only MF captures it.
  assert.ok(mean > 3, `global mean RMSE ${mean}`);
  assert.ok(mf < 1.5 && mf < bias - 1, `MF RMSE ${mf} vs bias baseline ${bias}`);
  models.forEach((m) => m.dispose());
});
