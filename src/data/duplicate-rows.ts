/**
 * Repeated (user, item) pairs among loaded rows: found in linear time (rows bucketed by user with a counting
 * sort, then one stamp per item), and merged in place by a policy. Keeps density <= 100 % and stops a split
 * from putting the same pair in train and test.
 */

/** What a loader does with a repeated (user, item) pair: "error" (default), keep the "first" or "last", "mean", or "sum" (counts only). */
export type DuplicatePolicy = "error" | "first" | "last" | "mean" | "sum";

/** The accepted policies, for messages and option checks. */
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ["error", "first", "last", "mean", "sum"];

/** Whether the values are explicit ratings or counts (only counts may be summed). */
export type ValueKind = "ratings" | "counts";

/** Returns `policy` (default "error") checked against `kind`; a RangeError naming the option otherwise. */
export function checkDuplicatePolicy(where: string, policy: string | undefined, kind: ValueKind): DuplicatePolicy {
  const p = policy ?? "error";
  if ((DUPLICATE_POLICIES as readonly string[]).indexOf(p) < 0) {
    throw new RangeError(`${where}: option \`duplicates\` must be one of ${DUPLICATE_POLICIES.map((d) => `"${d}"`).join(", ")}, got ${JSON.stringify(policy)}`);
  }
  if (p === "sum" && kind !== "counts") {
    throw new RangeError(`${where}: duplicates: "sum" adds repeated rows up and is only for counts (values: "counts"); for explicit ratings use "first", "last" or "mean"`);
  }
  return p as DuplicatePolicy;
}

/** Rows repeating an earlier pair: `later[k]` repeats the pair first seen at row `first[k]`; ordered by user, then row. */
export interface Repeats {
  readonly later: Int32Array;
  readonly first: Int32Array;
}

/**
 * Finds every row whose (users[r], items[r]) pair occurred at an earlier row; O(n + numUsers + numItems). Rows
 * already grouped by user (each user's rows contiguous, as in LibimSeTi and MovieLens files) skip the bucketing.
 */
export function findRepeats(users: Int32Array, items: Int32Array, n: number, numUsers: number, numItems: number): Repeats {
  const grouped = findRepeatsGrouped(users, items, n, numItems);
  if (grouped !== null) return grouped;
  const start = new Int32Array(numUsers + 1);
  for (let r = 0; r < n; r++) start[users[r] + 1]++;
  for (let u = 0; u < numUsers; u++) start[u + 1] += start[u];
  const fill = start.slice(0, numUsers);
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[fill[users[r]]++] = r;
  const stamp = new Int32Array(numItems).fill(-1);
  const firstRow = new Int32Array(numItems);
  const later: number[] = [];
  const first: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    for (let k = start[u]; k < start[u + 1]; k++) {
      const r = order[k];
      const i = items[r];
      if (stamp[i] === u) {
        later.push(r);
        first.push(firstRow[i]);
      } else {
        stamp[i] = u;
        firstRow[i] = r;
      }
    }
  }
  return { later: Int32Array.from(later), first: Int32Array.from(first) };
}

/** findRepeats for rows whose user indices never decrease (each user's rows contiguous); null as soon as one does. */
function findRepeatsGrouped(users: Int32Array, items: Int32Array, n: number, numItems: number): Repeats | null {
  const stamp = new Int32Array(numItems).fill(-1);
  const firstRow = new Int32Array(numItems);
  const later: number[] = [];
  const first: number[] = [];
  let previous = 0;
  for (let r = 0; r < n; r++) {
    const u = users[r];
    if (u < previous) return null;
    previous = u;
    const i = items[r];
    if (stamp[i] === u) {
      later.push(r);
      first.push(firstRow[i]);
    } else {
      stamp[i] = u;
      firstRow[i] = r;
    }
  }
  return { later: Int32Array.from(later), first: Int32Array.from(first) };
}

/** The repeat with the smallest later row (the first one met reading the file), or -1 if none. */
export function earliestRepeat(repeats: Repeats): number {
  let best = -1;
  for (let k = 0; k < repeats.later.length; k++) if (best < 0 || repeats.later[k] < repeats.later[best]) best = k;
  return best;
}

/** Column arrays merged in place; `timestamps` may be null. */
export interface RowColumns {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  timestamps: Float64Array | null;
}

/**
 * Merges repeated pairs into the row of their first occurrence (which keeps its place) with `policy` ("first",
 * "last", "mean", "sum"; the merged row takes the latest timestamp, or for "last" the last row's), then drops the
 * repeats, compacting the columns; returns the new number of rows.
 */
export function mergeRepeats(cols: RowColumns, n: number, repeats: Repeats, policy: Exclude<DuplicatePolicy, "error">): number {
  const { values, timestamps } = cols;
  const drop = new Uint8Array(n);
  const sums = new Map<number, { sum: number; count: number }>();
  for (let k = 0; k < repeats.later.length; k++) {
    const r = repeats.later[k];
    const f = repeats.first[k];
    drop[r] = 1;
    if (policy === "last") {
      values[f] = values[r];
      if (timestamps) timestamps[f] = timestamps[r];
      continue;
    }
    if (timestamps && policy !== "first") timestamps[f] = Math.max(timestamps[f], timestamps[r]);
    if (policy === "mean" || policy === "sum") {
      const acc = sums.get(f) ?? { sum: values[f], count: 1 };
      acc.sum += values[r];
      acc.count++;
      sums.set(f, acc);
    }
  }
  sums.forEach((acc, f) => {
    values[f] = policy === "mean" ? acc.sum / acc.count : acc.sum;
  });
  let w = 0;
  for (let r = 0; r < n; r++) {
    if (drop[r]) continue;
    if (w !== r) {
      cols.users[w] = cols.users[r];
      cols.items[w] = cols.items[r];
      values[w] = values[r];
      if (timestamps) timestamps[w] = timestamps[r];
    }
    w++;
  }
  return w;
}
