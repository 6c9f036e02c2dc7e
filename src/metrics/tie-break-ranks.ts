/**
 * Where the relevant candidates land when a list is ordered by descending score, with ties in a seeded random
 * order. Deterministic tie-breaking (by index, or "relevant first/last") biases evaluation: a popularity
 * baseline ties many items, and the NCF protocol's published numbers assume ties fall in random order.
 *
 * Definition: every candidate j gets an independent uniform 32-bit priority pi_j; the order is by score
 * descending, then pi ascending, then index ascending (the last only for equal priorities, probability ~2^-32
 * per pair). So the items of a tie group are in uniformly random order. Only the relevant candidates and the
 * candidates tied with one of them draw a priority, so the cost is O(n log R) time and O(R) memory for n
 * candidates of which R are relevant (no sort of the whole list).
 */
import type { Rng } from "../random/rng";

/** The result of tieBreakRanks. */
export interface RankedRelevant {
  /** 0-based positions of the relevant candidates in the ranking, ascending; shape [R]. */
  readonly ranks: Int32Array;
  /** Number of candidates ranked (n minus the excluded ones). */
  readonly candidates: number;
}

/**
 * Ranks the candidates `0 .. scores.length - 1` by descending `scores[j]` (ties in seeded random order; see the
 * module comment) and returns the positions of the relevant ones, `relevant` (candidate indices, distinct, any
 * order). Candidates with `excluded[j]` non-zero (shape [n], optional) are left out of the ranking unless they
 * are relevant. NaN scores are errors. Draws from `rng`: R priorities, plus one per non-relevant candidate whose
 * score equals a relevant one's.
 */
export function tieBreakRanks(scores: ArrayLike<number>, relevant: ArrayLike<number>, rng: Rng, excluded?: Uint8Array): RankedRelevant {
  const n = scores.length;
  const r = relevant.length;
  if (excluded && excluded.length !== n) throw new RangeError(`tieBreakRanks: excluded has ${excluded.length} entries but scores has ${n}`);
  const pos = Int32Array.from(relevant).sort();
  for (let m = 0; m < r; m++) {
    const j = pos[m];
    if (!(Number.isInteger(j) && j >= 0 && j < n)) throw new RangeError(`tieBreakRanks: relevant candidate ${j} is outside [0, ${n})`);
    if (m > 0 && pos[m - 1] === j) throw new RangeError(`tieBreakRanks: relevant candidate ${j} is listed twice`);
    if (Number.isNaN(scores[j])) throw new RangeError(`tieBreakRanks: the score of candidate ${j} is NaN`);
  }
  // Relevant candidates in ranking order: by score descending, then priority ascending, then index.
  const prio = new Float64Array(r);
  for (let m = 0; m < r; m++) prio[m] = rng.nextUint32();
  const order = Array.from({ length: r }, (_, m) => m).sort((a, b) => {
    const sa = scores[pos[a]];
    const sb = scores[pos[b]];
    if (sa !== sb) return sb > sa ? 1 : -1;
    if (prio[a] !== prio[b]) return prio[a] - prio[b];
    return pos[a] - pos[b];
  });
  const relScore = new Float64Array(r);
  const relPrio = new Float64Array(r);
  const relPos = new Int32Array(r);
  for (let m = 0; m < r; m++) {
    relScore[m] = scores[pos[order[m]]];
    relPrio[m] = prio[order[m]];
    relPos[m] = pos[order[m]];
  }
  // above[m]: non-relevant candidates ranked above the m-th relevant one and below the (m-1)-th.
  const above = new Int32Array(r + 1);
  let candidates = r;
  let next = 0; // pointer into pos (ascending), to skip relevant candidates
  for (let j = 0; j < n; j++) {
    if (next < r && pos[next] === j) {
      next++;
      continue;
    }
    if (excluded && excluded[j]) continue;
    candidates++;
    const s = scores[j];
    if (s !== s) throw new RangeError(`tieBreakRanks: the score of candidate ${j} is NaN`);
    // First relevant (in ranking order) that j beats: the first with a lower score, or a tie with a larger priority.
    let lo = 0;
    let hi = r;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (relScore[mid] > s) lo = mid + 1;
      else hi = mid;
    }
    if (lo < r && relScore[lo] === s) {
      const p = rng.nextUint32();
      while (lo < r && relScore[lo] === s && (relPrio[lo] < p || (relPrio[lo] === p && relPos[lo] < j))) lo++;
    }
    above[lo]++;
  }
  const ranks = new Int32Array(r);
  let before = 0;
  for (let m = 0; m < r; m++) {
    before += above[m];
    ranks[m] = before + m;
  }
  return { ranks, candidates };
}
