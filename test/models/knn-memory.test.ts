import { test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../src/data/ratings";
import { createKnnBasic } from "../../src/models/knn/knn-model";
import { checkSimilarityMemory, DEFAULT_MAX_SIMILARITY_BYTES, similarityMatrixBytes } from "../../src/models/knn/knn-memory";
import { defaultKnnConfig } from "../../src/models/knn/knn-config";
import { Rng } from "../../src/random/rng";
import { silentProgress } from "../../src/train/progress";

/** 200 users who each rated the same 2 items: a 200 x 200 user similarity matrix is 4 x 200² = 160,000 bytes. */
function planted(): Ratings {
  const n = 200;
  const users = Int32Array.from({ length: 2 * n }, (_, k) => k >> 1);
  const items = Int32Array.from({ length: 2 * n }, (_, k) => k & 1);
  return {
    indexId: "knn-memory-planted", name: "planted", users, items, values: Float32Array.from(items, (i) => 1 + 3 * i),
    userIds: Array.from({ length: n }, (_, u) => `u${u}`), itemIds: ["x", "y"], numUsers: n, numItems: 2, size: 2 * n,
    scale: { min: 1, max: 5 },
  };
}

test("the default limit is 1 GB, and 25,000 users (2.5 GB) are refused before anything is allocated", () => {
  assert.equal(defaultKnnConfig.maxSimilarityBytes, DEFAULT_MAX_SIMILARITY_BYTES);
  assert.equal(DEFAULT_MAX_SIMILARITY_BYTES, 1e9);
  assert.equal(similarityMatrixBytes(25000), 2.5e9);
  assert.throws(
    () => checkSimilarityMemory("user", 25000, 1682, DEFAULT_MAX_SIMILARITY_BYTES),
    /the user-based similarity matrix of 25,000 users would take 2\.50 GB \(4 bytes x 25,000²\), above KnnConfig\.maxSimilarityBytes = 1\.00 GB; use basis: "item" \(1,682 items: 11\.3 MB\) or raise maxSimilarityBytes/,
  );
  checkSimilarityMemory("item", 25000, 1682, DEFAULT_MAX_SIMILARITY_BYTES); // 11.3 MB: fine
  checkSimilarityMemory("user", 15811, 1, DEFAULT_MAX_SIMILARITY_BYTES); // 4 x 15811² = 999,982,084 bytes: just fits
});

test("fit refuses a planted user-based matrix above the configured limit and builds the item-based one", async () => {
  const data = planted();
  const fitOptions = { rng: new Rng(1), progress: silentProgress };
  await assert.rejects(
    createKnnBasic({ maxSimilarityBytes: 159999 }).fit(data, fitOptions),
    /KnnModel\.fit: the user-based similarity matrix of 200 users would take 160\.0 kB .* above KnnConfig\.maxSimilarityBytes = 160\.0 kB; use basis: "item" \(2 items: 0\.0 kB\)/,
  );
  const exact = createKnnBasic({ maxSimilarityBytes: 160000 });
  await exact.fit(data, fitOptions); // exactly at the limit: allowed
  exact.dispose();
  const items = createKnnBasic({ basis: "item", maxSimilarityBytes: 100 });
  await items.fit(data, fitOptions); // 4 x 2² = 16 bytes
  // (u0, y): neighbours y itself (similarity 1, rating 4) and x (MSD over 200 co-raters, each differing by 3:
  // 1 / (9 + 1) = 0.1, rating 1): (1 x 4 + 0.1 x 1) / 1.1.
  assert.ok(Math.abs(items.predict(Int32Array.from([0]), Int32Array.from([1]))[0] - 4.1 / 1.1) < 1e-6);
  items.dispose();
  assert.throws(() => createKnnBasic({ maxSimilarityBytes: 0 }), /KnnConfig\.maxSimilarityBytes must be a number > 0 \(bytes\), got 0/);
});
