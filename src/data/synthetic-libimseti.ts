/**
 * Writes a synthetic data set in LibimSeTi's format and of its shape (17,359,346 ratings of 168,791 profiles by
 * 135,359 users at scale 1), for tests, the bench and anyone without the real files: `ratings.dat`
 * (`UserID,ProfileID,Rating`, whole numbers 1-10, CRLF line ends like the real file), `gender.dat` (`UserID,Gender`,
 * M/F/U for every id) and `SYNTHETIC.md` (the marker that makes loadLibimseti name the data "libimseti-synthetic").
 * Planted structure (the model of `syntheticRatings` in synthetic-ratings.ts, rounded to the scale):
 * r = round(μ + b_u + b_p + p_u · q_p + g(u, p) + ε), clipped to 1-10, where g is +genderEffect when the rater and
 * the profile have opposite genders (M/F), -genderEffect for the same gender, 0 when either is U.
 * Streamed to disk user by user: memory is O(users + profiles), not O(ratings).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Rng } from "../random/rng";
import { libimsetiShape } from "./synthetic-ratings";

/** Options of writeSyntheticLibimseti. */
export interface SyntheticLibimsetiOptions {
  /** Fraction of the real shape: users, profiles and ratings are each multiplied by it; default 1. */
  scale?: number;
  /** Seed of every random draw; default 1. */
  seed?: number;
  /** Rank of the planted factors; default libimsetiShape.rank (8). */
  rank?: number;
  /** Standard deviation of the noise ε before rounding (rating units); default libimsetiShape.noise (1.9). */
  noise?: number;
  /** Gender effect g (rating units); default 1. */
  genderEffect?: number;
  /** Called after every user with the ratings written so far. */
  onProgress?: (ratingsWritten: number, totalRatings: number) => void;
}

/** Counts of a written data set. */
export interface SyntheticLibimsetiSummary {
  dir: string;
  ratings: number;
  users: number;
  profiles: number;
  /** Rows of gender.dat (ids 1 to max(users, profiles)). */
  genderRows: number;
}

/** Name of the marker file that labels a folder as synthetic. */
export const SYNTHETIC_MARKER = "SYNTHETIC.md";

/** Share of each gender among ids (M, F, U). */
const GENDER_SHARE = [0.4, 0.35, 0.25];
const GENDERS = ["M", "F", "U"];

/** Numbers of ratings, users and profiles at `scale` (each rounded; at least 1 user and profile). */
export function syntheticLibimsetiCounts(scale: number): { ratings: number; users: number; profiles: number } {
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1)) throw new RangeError(`scale must be a number in (0, 1], got ${scale}`);
  const users = Math.max(1, Math.round(libimsetiShape.numUsers * scale));
  const profiles = Math.max(2, Math.round(libimsetiShape.numItems * scale));
  const ratings = Math.round(libimsetiShape.size * scale);
  // each user rates at most half of the other profiles (the pairs are distinct, as in the real file)
  const capacity = users * Math.floor((profiles - 1) / 2);
  if (ratings > capacity || ratings < Math.max(users, profiles)) {
    throw new RangeError(`scale ${scale} is too small: ${ratings} ratings do not fit ${users} users x ${profiles} profiles at most half dense (use scale >= 0.002)`);
  }
  return { ratings, users, profiles };
}

/** Writes the data set into `dir` (created if missing; existing files of the same names are replaced). */
export function writeSyntheticLibimseti(dir: string, options: SyntheticLibimsetiOptions = {}): SyntheticLibimsetiSummary {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const rank = options.rank ?? libimsetiShape.rank;
  const noise = options.noise ?? libimsetiShape.noise;
  const gEffect = options.genderEffect ?? 1;
  const { ratings: total, users: numUsers, profiles: numProfiles } = syntheticLibimsetiCounts(scale);
  const rng = new Rng(seed);
  const numIds = Math.max(numUsers, numProfiles);

  // Ids 1..numIds; rater u (0-based) has id u + 1, profile p has id p + 1: a profile that rates is the same person.
  const gender = new Uint8Array(numIds);
  for (let k = 0; k < numIds; k++) {
    const x = rng.next();
    gender[k] = x < GENDER_SHARE[0] ? 0 : x < GENDER_SHARE[0] + GENDER_SHARE[1] ? 1 : 2;
  }
  const spread = 9 / 4;
  const factorStd = Math.sqrt(spread / Math.sqrt(rank)) * 0.8;
  const P = Float32Array.from({ length: numUsers * rank }, () => rng.normal() * factorStd);
  const Q = Float32Array.from({ length: numProfiles * rank }, () => rng.normal() * factorStd);
  const bu = Float32Array.from({ length: numUsers }, () => rng.normal() * spread * 0.4);
  const bp = Float32Array.from({ length: numProfiles }, () => rng.normal() * spread * 0.4);
  const counts = ratingsPerUser(rng, numUsers, total, Math.floor((numProfiles - 1) / 2));

  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Int32Array(numProfiles).fill(-1); // stamp[p] === u: user u already rated profile p
  const perm = Int32Array.from({ length: numProfiles }, (_, k) => k);
  const chosen = new Int32Array(Math.floor((numProfiles - 1) / 2) + 1);
  let cursor = 0; // profiles below it have been rated by someone (every profile is rated at least once)
  let deferred = -1;
  let written = 0;
  const out = new ChunkedWriter(path.join(dir, "ratings.dat"));
  for (let u = 0; u < numUsers; u++) {
    const n = counts[u];
    if (u < numProfiles) stamp[u] = u; // nobody rates their own profile
    let m = 0;
    if (deferred >= 0 && deferred !== u) {
      stamp[deferred] = u;
      chosen[m++] = deferred;
      deferred = -1;
    }
    while (m < n && cursor < numProfiles) {
      if (cursor === u) deferred = cursor++; // their own profile: the next user covers it
      else {
        stamp[cursor] = u;
        chosen[m++] = cursor++;
      }
    }
    if (8 * n > numProfiles) {
      // dense user: distinct profiles by a partial Fisher-Yates shuffle (uniform)
      for (let j = 0; m < n; j++) {
        const k = j + rng.int(numProfiles - j);
        const p = perm[k];
        perm[k] = perm[j];
        perm[j] = p;
        if (stamp[p] === u) continue;
        stamp[p] = u;
        chosen[m++] = p;
      }
    } else {
      // sparse user: popular profiles more often (index = floor(P x^skew)), repeats redrawn
      while (m < n) {
        const p = Math.min(numProfiles - 1, Math.floor(numProfiles * Math.pow(rng.next(), libimsetiShape.skew)));
        if (stamp[p] === u) continue;
        stamp[p] = u;
        chosen[m++] = p;
      }
    }
    const mine = chosen.subarray(0, n).sort();
    const gu = gender[u];
    for (let j = 0; j < n; j++) {
      const p = mine[j];
      const gp = gender[p];
      let dot = 0;
      for (let f = 0; f < rank; f++) dot += P[u * rank + f] * Q[p * rank + f];
      const g = gu === 2 || gp === 2 ? 0 : gu === gp ? -gEffect : gEffect;
      const r = Math.min(10, Math.max(1, Math.round(5.5 + bu[u] + bp[p] + dot + g + rng.normal() * noise)));
      out.write(`${u + 1},${p + 1},${r}\r\n`);
    }
    written += n;
    options.onProgress?.(written, total);
  }
  out.close();
  if (cursor < numProfiles || deferred >= 0) throw new Error(`writeSyntheticLibimseti: only ${cursor} of ${numProfiles} profiles were rated; use a larger scale`);

  const genderOut = new ChunkedWriter(path.join(dir, "gender.dat"));
  for (let k = 0; k < numIds; k++) genderOut.write(`${k + 1},${GENDERS[gender[k]]}\r\n`);
  genderOut.close();
  fs.writeFileSync(path.join(dir, SYNTHETIC_MARKER), markerText({ scale, seed, rank, noise, gEffect, total, numUsers, numProfiles, numIds }));
  return { dir, ratings: total, users: numUsers, profiles: numProfiles, genderRows: numIds };
}

/**
 * Ratings per user: 1 + a log-normal share (σ = 1.2) of the rest, at most `cap`, summing exactly to `total`
 * (rounding remainders and capped excess go one by one to users with room, in index order).
 */
function ratingsPerUser(rng: Rng, numUsers: number, total: number, cap: number): Int32Array {
  const w = Float64Array.from({ length: numUsers }, () => Math.exp(1.2 * rng.normal()));
  const sum = w.reduce((a, b) => a + b, 0);
  const counts = new Int32Array(numUsers);
  let left = total;
  for (let u = 0; u < numUsers; u++) {
    counts[u] = Math.min(cap, 1 + Math.floor(((total - numUsers) * w[u]) / sum));
    left -= counts[u];
  }
  while (left > 0) {
    for (let u = 0; u < numUsers && left > 0; u++) {
      if (counts[u] < cap) {
        counts[u]++;
        left--;
      }
    }
  }
  return counts;
}

/** Buffers text and writes it synchronously in chunks of about 1 MB. */
class ChunkedWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private length = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "w");
  }

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.length > 0) fs.writeSync(this.fd, this.parts.join(""), null, "latin1");
    this.parts = [];
    this.length = 0;
  }
}

function markerText(o: { scale: number; seed: number; rank: number; noise: number; gEffect: number; total: number; numUsers: number; numProfiles: number; numIds: number }): string {
  return [
    "# Synthetic LibimSeTi-format data (not the real data set)",
    "",
    "Written by `npm run make:libimseti` (src/data/synthetic-libimseti.ts). Results on this folder are recorded",
    "under the data set name `libimseti-synthetic` and must never be compared as if they were LibimSeTi results.",
    "",
    `- scale: ${o.scale}, seed: ${o.seed}`,
    `- ratings: ${o.total}, users: ${o.numUsers}, profiles: ${o.numProfiles}, gender rows: ${o.numIds}`,
    `- planted: r = round(5.5 + b_u + b_p + p_u . q_p + g + noise), clipped to 1-10; rank ${o.rank}, noise sd ${o.noise},`,
    `  g = +${o.gEffect} for opposite genders (M/F), -${o.gEffect} for the same gender, 0 when either is U`,
    "",
  ].join("\n");
}
