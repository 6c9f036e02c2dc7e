/**
 * Release years from movies.dat titles and timestamps attached from a ratings file with them: known answers on
 * tiny files, and errors that name the file and line.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { loadMovieReleaseYears, releaseYearOfTitle } from "../../src/data/movie-release-years";
import { attachTimestamps } from "../../src/data/attach-timestamps";
import type { Ratings } from "../../src/data/ratings";
import { latin1, tempDirWith } from "./tmp-files";

describe("release years", () => {
  test("the trailing (YYYY) of a title, NaN without one", () => {
    assert.equal(releaseYearOfTitle("Toy Story (1995)"), 1995);
    assert.equal(releaseYearOfTitle("City of Lost Children, The (Cité des enfants perdus, La) (1995) "), 1995);
    assert.ok(Number.isNaN(releaseYearOfTitle("Untitled")));
    assert.ok(Number.isNaN(releaseYearOfTitle("1984 (film)")));
  });

  test("ml-1m movies.dat: aligned with the item index; unknown items and titles without a year NaN", async () => {
    const dir = tempDirWith({ "movies.dat": latin1("1::Toy Story (1995)::Animation\n2::Jumanji (1995)::Adventure\n3::Métisse (1993)::Comedy\n4::Untitled::Drama\n") });
    const r = await loadMovieReleaseYears("ml-1m", dir, ["3", "1", "99", "4"]);
    assert.deepEqual(Array.from(r.years.subarray(0, 2)), [1993, 1995]);
    assert.ok(Number.isNaN(r.years[2]) && Number.isNaN(r.years[3]));
    assert.equal(r.matched, 2);
  });

  test("ml-100k u.item: the title's year, else the release date's", async () => {
    const flags = Array(19).fill("0").join("|");
    const text = `1|Toy Story (1995)|01-Jan-1995||http://x|${flags}\n2|Heidi (TV)|09-Feb-1996||http://y|${flags}\n3|unknown|||http://z|${flags}\n`;
    const r = await loadMovieReleaseYears("ml-100k", tempDirWith({ "u.item": latin1(text) }), ["1", "2", "3"]);
    assert.deepEqual([r.years[0], r.years[1]], [1995, 1996]);
    assert.ok(Number.isNaN(r.years[2]));
  });

  test("ml-latest-small movies.csv: quoted titles; a missing title column is an error naming the line", async () => {
    const dir = tempDirWith({ "movies.csv": 'movieId,title,genres\n11,"American President, The (1995)",Comedy\n12,Babylon 5,Sci-Fi\n' });
    const r = await loadMovieReleaseYears("ml-latest-small", dir, ["12", "11"]);
    assert.ok(Number.isNaN(r.years[0]));
    assert.equal(r.years[1], 1995);
    const bad = tempDirWith({ "movies.csv": "movieId,name,genres\n11,x,y\n" });
    await assert.rejects(loadMovieReleaseYears("ml-latest-small", bad, ["11"]), /movies\.csv.*line 1.*title/s);
  });

  test("a repeated movie id is an error naming the file and line", async () => {
    const dir = tempDirWith({ "movies.dat": "1::Toy Story (1995)::Animation\n1::Jumanji (1995)::Adventure\n" });
    await assert.rejects(loadMovieReleaseYears("ml-1m", dir, ["1"]), /movies\.dat.*line 2.*twice/s);
  });
});

/** Two users (ids 10, 20), three items (ids 1, 2, 3): user 10 rated 1 and 2, user 20 rated 2 and 3. */
function ratings(): Ratings {
  return {
    indexId: "attach-test", name: "tiny", users: Int32Array.from([0, 0, 1, 1]), items: Int32Array.from([0, 1, 1, 2]),
    values: new Float32Array(4).fill(1), userIds: ["10", "20"], itemIds: ["1", "2", "3"], numUsers: 2, numItems: 3, size: 4, scale: { min: 1, max: 5 },
  };
}

describe("attachTimestamps", () => {
  test("matches (user, item) pairs, skips pairs the ratings lack, NaN where the file is silent", async () => {
    // User 10's two ratings and an extra (10, 3) the ratings lack; user 20 only its rating of item 3.
    const dir = tempDirWith({ "ratings.dat": "10::1::5::100\n10::3::4::300\n10::2::3::200\n20::3::4::50\n30::1::1::7\n" });
    const r = await attachTimestamps(ratings(), path.join(dir, "ratings.dat"));
    assert.equal(r.matched, 3);
    assert.equal(r.completeUsers, 1);
    const t = r.ratings.timestamps!;
    assert.deepEqual([t[0], t[1], t[3]], [100, 200, 50]);
    assert.ok(Number.isNaN(t[2]));
    assert.equal(r.ratings.indexId, "attach-test");
  });

  test("a pair twice, or a malformed timestamp, is an error naming the line", async () => {
    const twice = tempDirWith({ "ratings.dat": "10::1::5::100\n10::1::5::101\n" });
    await assert.rejects(attachTimestamps(ratings(), path.join(twice, "ratings.dat")), /line 2.*appear twice/s);
    const bad = tempDirWith({ "ratings.dat": "10::1::5::100\n10::2::5::soon\n" });
    await assert.rejects(attachTimestamps(ratings(), path.join(bad, "ratings.dat")), /line 2.*Timestamp/s);
  });
});
