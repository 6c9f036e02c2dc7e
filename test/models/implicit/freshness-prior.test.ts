/**
 * The freshness prior: hand-computed scores, the same catalogue row for every user, bad settings refused; the
 * latest-timestamped-interaction holdout on planted data; and a blend that chooses its weights on that holdout
 * puts weight on the prior where each user's latest item is one of the newest (planted).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Ratings } from "../../../src/data/ratings";
import { Rng } from "../../../src/random/rng";
import { createFreshnessPrior } from "../../../src/models/implicit/freshness-prior";
import { createScoreBlend } from "../../../src/models/implicit/score-blend";
import { createPopularity } from "../../../src/models/popularity-model";
import { latestTimestampedValidation } from "../../../src/train/timestamped-validation";
import { freshnessBlendSweep } from "../../../src/train/freshness-blend-sweep";
import { releaseYearSourceOf } from "../../../src/data/movie-release-years";

function tiny(numItems: number, pairs: [number, number, number][], numUsers = 1 + Math.max(...pairs.map((p) => p[0]))): Ratings {
  return {
    indexId: "fresh-test", name: "planted", users: Int32Array.from(pairs.map((p) => p[0])), items: Int32Array.from(pairs.map((p) => p[1])),
    values: new Float32Array(pairs.length).fill(1), timestamps: Float64Array.from(pairs.map((p) => p[2])),
    userIds: Array.from({ length: numUsers }, (_, u) => `u${u}`), itemIds: Array.from({ length: numItems }, (_, i) => `i${i}`),
    numUsers, numItems, size: pairs.length, scale: { min: 1, max: 1 },
  };
}

describe("freshness prior", () => {
  test("exp(-(newest - year) / tau), 0 for unknown years, the same for every user", async () => {
    const m = createFreshnessPrior(Float64Array.from([2000, 1999, NaN, 1998]), { tau: 1 });
    await m.fit(tiny(4, [[0, 0, 1], [1, 1, 2]]), { rng: new Rng(1) });
    const s = m.score(Int32Array.from([0, 1, 0, 1]), Int32Array.from([0, 1, 2, 3]));
    const want = [1, Math.exp(-1), 0, Math.exp(-2)];
    want.forEach((w, k) => assert.ok(Math.abs(s[k] - w) < 1e-6, `item ${k}: ${s[k]} vs ${w}`));
    const rows = new Float32Array(8);
    m.scoreCatalogue(Int32Array.from([0, 1]), rows);
    assert.deepEqual(Array.from(rows.subarray(0, 4)), Array.from(rows.subarray(4, 8)));
    assert.deepEqual(Array.from(rows.subarray(0, 4)), Array.from(s));
  });

  test("bad settings and use before fit are refused", async () => {
    assert.throws(() => createFreshnessPrior(new Float64Array(2), { tau: 0 }), /tau/);
    const m = createFreshnessPrior(Float64Array.from([2000]));
    assert.throws(() => m.score(Int32Array.from([0]), Int32Array.from([0])), /before fit/);
    await assert.rejects(m.fit(tiny(2, [[0, 1, 1]]), { rng: new Rng(1) }), /releaseYears has 1 entries/);
  });
});

describe("latestTimestampedValidation", () => {
  test("holds out the latest interaction of users whose interactions all have timestamps", () => {
    // User 0: items 0 (t 5), 1 (t 9), 2 (t 7) -> item 1 held out. User 1: a NaN timestamp -> kept. User 2: one interaction -> kept.
    const r = tiny(120, [[0, 0, 5], [0, 1, 9], [0, 2, 7], [1, 3, 1], [1, 4, NaN], [2, 5, 3]]);
    const v = latestTimestampedValidation(r, new Rng(3));
    assert.deepEqual(Array.from(v.users), [0]);
    assert.deepEqual(Array.from(v.relevantItems), [1]);
    assert.equal(v.train.size, 5);
    const negs = Array.from(v.negatives!);
    assert.equal(negs.length, 99);
    assert.equal(new Set(negs).size, 99);
    for (const i of [0, 1, 2]) assert.ok(!negs.includes(i), `negative ${i} is one of the user's items`);
  });

  test("no timestamps, or no qualifying user, is an error", () => {
    const r = tiny(120, [[0, 0, NaN], [0, 1, 2]]);
    assert.throws(() => latestTimestampedValidation(r, new Rng(1)), /no user/);
    assert.throws(() => latestTimestampedValidation({ ...r, timestamps: undefined }, new Rng(1)), /no timestamps/);
  });
});

describe("blend of popularity and the freshness prior", () => {
  // 200 items with release years 1900 + i % 100: the items 99, 199 are the newest. Each of 150 users rates 20
  // random items at times 1..20, then one of the two newest at time 21 (its latest interaction).
  const rng = new Rng(11);
  const pairs: [number, number, number][] = [];
  for (let u = 0; u < 150; u++) {
    const seen = new Set<number>();
    for (let t = 1; t <= 20; t++) {
      let i = rng.int(200);
      while (seen.has(i) || i % 100 === 99) i = rng.int(200);
      seen.add(i);
      pairs.push([u, i, t]);
    }
    pairs.push([u, rng.int(2) === 0 ? 99 : 199, 21]);
  }
  const data = tiny(200, pairs);
  const years = Float64Array.from({ length: 200 }, (_, i) => 1900 + (i % 100));
  const members = () => [createPopularity(), createFreshnessPrior(years, { tau: 1 })];

  test("the latest-interaction holdout puts weight on the prior", async () => {
    const blend = createScoreBlend(members(), { step: 0.25 }, (t, r) => latestTimestampedValidation(t, r));
    await blend.fit(data, { rng: new Rng(2) });
    assert.ok(blend.weights[1] > 0, `weights ${blend.weights}`);
    assert.match(blend.search!.validation, /latest training interaction/);
    assert.ok(blend.search!.best.hr > 0.9, `validation HR@10 ${blend.search!.best.hr}`);
  });

  test("the τ sweep keeps the blend with the best validation NDCG@10, fitted and usable", async () => {
    const sweep = await freshnessBlendSweep(data, years, 10, [0.5, 1, 40], 2);
    assert.equal(sweep.rows.length, 3);
    assert.equal(sweep.best.ndcg, Math.max(...sweep.rows.map((r) => r.ndcg)));
    assert.match(sweep.validation, /latest training interaction/);
    assert.ok(sweep.best.weights[1] > 0, `weights ${sweep.best.weights}`);
    assert.equal(sweep.model.score(Int32Array.from([0]), Int32Array.from([99])).length, 1);
    sweep.model.dispose();
  });
});

describe("releaseYearSourceOf", () => {
  test("ml-1m-loo reads ml-1m's movies; data sets without movie files have none", () => {
    assert.equal(releaseYearSourceOf("ml-1m-loo"), "ml-1m");
    assert.equal(releaseYearSourceOf("ml-100k"), "ml-100k");
    assert.equal(releaseYearSourceOf("ml-latest-small"), "ml-latest-small");
    assert.equal(releaseYearSourceOf("libimseti"), null);
  });
});
