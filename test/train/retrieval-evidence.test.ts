/** Retrieval evidence: hand-computed rank buckets and z-scores, and a Wide & Deep ranker that learns from it alone. */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { rankBucket, retrievalEvidence } from "../../src/train/retrieval-evidence";
import type { TopKLists } from "../../src/train/full-catalogue-retrieval";
import { createWideDeepRanker } from "../../src/models/wide-deep/wide-deep-ranker";
import type { PairEvidence } from "../../src/models/wide-deep/pair-evidence";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";
import { useTestBackend } from "../helpers/test-backend";
import { plantedFeatureRatings } from "../helpers/zoo-neural";

before(useTestBackend);

test("rankBucket counts the edges at or below the position", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 9, 10].map((p) => rankBucket(p, [1, 3, 10])), [0, 1, 1, 2, 2, 2, 3]);
});

test("retrievalEvidence: buckets by position, scores z-scored over the first depth items, outside and padding", () => {
  // Row of user 7: items 2, 5, 1, 9 with scores 3, 1, -1, 10; depth 3 -> mean 1, sd sqrt(8/3); item 9 is outside.
  // Row of user 8: item 4 then padding: sd 0 -> z 0.
  const lists: TopKLists = { users: Int32Array.from([7, 8]), k: 4, items: Int32Array.from([2, 5, 1, 9, 4, -1, -1, -1]), scores: Float32Array.from([3, 1, -1, 10, 2, -Infinity, -Infinity, -Infinity]), seconds: 0 };
  const e = retrievalEvidence(lists, 3, [1, 2]);
  assert.equal(e.buckets, 4);
  const users = Int32Array.from([7, 7, 7, 7, 8, 3]), items = Int32Array.from([2, 5, 1, 9, 4, 2]);
  const b = new Int32Array(6), v = new Float32Array(6);
  e.lookup(users, items, b, v);
  assert.deepEqual(Array.from(b), [0, 1, 2, 3, 0, 3]);
  const z = 2 / Math.sqrt(8 / 3);
  [z, 0, -z, 0, 0, 0].forEach((x, k) => assert.ok(Math.abs(v[k] - x) < 1e-6, `value ${k}: ${v[k]} vs ${x}`));
  assert.throws(() => retrievalEvidence(lists, 0), /depth/);
  assert.throws(() => retrievalEvidence(lists, 3, [3, 2]), /edges/);
});

test("a Wide & Deep ranker learns labels planted in the evidence value, and scores with the evidence set at serving", async () => {
  const data = plantedFeatureRatings(30, 20, 0.4, 0.1, 5);
  const rng = new Rng(8);
  const n = 3000;
  const users = Int32Array.from({ length: n }, () => rng.int(30)), items = Int32Array.from({ length: n }, () => rng.int(20));
  const pairLabel = Array.from({ length: 30 * 20 }, () => rng.int(2));
  const labels = Float32Array.from({ length: n }, (_, k) => pairLabel[users[k] * 20 + items[k]]);
  const planted = (sign: number): PairEvidence => ({
    buckets: 2, lookup: (u, i, bucket, value) => { for (let k = 0; k < u.length; k++) { bucket[k] = 0; value[k] = sign * (pairLabel[u[k] * 20 + i[k]] * 2 - 1); } },
  });
  const ranker = createWideDeepRanker({ parts: "wide", wide: { ids: false, sideFeatures: false, crosses: false }, epochs: 5, patience: 0 });
  ranker.setEvidence(planted(1));
  await ranker.fitExamples(data, { users: users, items: items, labels: labels }, { rng: new Rng(1), progress: silentProgress });
  const s = ranker.score(users, items);
  let right = 0;
  for (let k = 0; k < n; k++) if ((s[k] > 0) === (labels[k] === 1)) right++;
  assert.ok(right / n > 0.95, `accuracy ${right / n}`);
  ranker.setEvidence(planted(-1));
  const flipped = ranker.score(users, items);
  let wrong = 0;
  for (let k = 0; k < n; k++) if ((flipped[k] > 0) !== (labels[k] === 1)) wrong++;
  assert.ok(wrong / n > 0.95, "scores follow the evidence set at serving");
  ranker.setEvidence({ buckets: 3, lookup: () => undefined });
  assert.throws(() => ranker.score(users, items), /3 buckets/);
  ranker.dispose();
});
