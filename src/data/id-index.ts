/**
 * Maps raw ids (strings as written in a data file) to dense 0-based indices in first-appearance order.
 * Canonical non-negative integers ("0", "17", not "017") take a fast path through a growable Int32Array,
 * so large integer-keyed files (LibimSeTi: 17.4M lines) intern ids without creating strings per line.
 */

import { newIndexId } from "./index-identity";

/** Integer ids below this bound use the lookup table (at most 4 bytes x bound of memory); larger ones a Map. */
const INT_TABLE_LIMIT = 1 << 25;

/** Dense index of raw ids, first-appearance order; shared by several builders to give one index space. */
export class IdIndex {
  /** Identity of this index (unique per instance); Ratings built on it carry it in `indexId`. */
  readonly identity: string = newIndexId("ids");
  private readonly byString = new Map<string, number>();
  private byInt: Int32Array = new Int32Array(0);
  private readonly rawIds: string[] = [];

  /** Number of distinct ids registered so far. */
  get size(): number {
    return this.rawIds.length;
  }

  /** Raw id of every dense index (index i -> raw id). Do not modify. */
  get ids(): readonly string[] {
    return this.rawIds;
  }

  /** Dense index of `raw`, registering it (as the next index) if it is new. */
  intern(raw: string): number {
    const n = canonicalUint(raw);
    if (n >= 0) return this.internInt(n);
    return this.internString(raw);
  }

  /** Dense index of the integer id `id` (a non-negative safe integer), registering it if new; same as intern(String(id)). */
  internInt(id: number): number {
    if ((id >>> 0) === id && id < INT_TABLE_LIMIT) {
      if (id >= this.byInt.length) this.growTo(id + 1);
      const found = this.byInt[id];
      if (found >= 0) return found;
      const index = this.rawIds.length;
      this.byInt[id] = index;
      this.rawIds.push(String(id));
      return index;
    }
    if (!(id >= 0 && Number.isSafeInteger(id))) {
      throw new RangeError(`IdIndex.internInt: id must be a non-negative safe integer, got ${id}`);
    }
    return this.internString(String(id));
  }

  /** Dense index of `raw`, or -1 if it was never registered. */
  lookup(raw: string): number {
    const n = canonicalUint(raw);
    if (n >= 0) return this.lookupInt(n);
    const found = this.byString.get(raw);
    return found === undefined ? -1 : found;
  }

  /** Dense index of the integer id `id`, or -1 if it was never registered. */
  lookupInt(id: number): number {
    if ((id >>> 0) === id && id < INT_TABLE_LIMIT) return id < this.byInt.length ? this.byInt[id] : -1;
    const found = this.byString.get(String(id));
    return found === undefined ? -1 : found;
  }

  /** Dense index of `raw` in the string map, registering it (as the next index) if it is new. */
  private internString(raw: string): number {
    const found = this.byString.get(raw);
    if (found !== undefined) return found;
    const index = this.rawIds.length;
    this.byString.set(raw, index);
    this.rawIds.push(raw);
    return index;
  }

  private growTo(minLength: number): void {
    let length = Math.max(1024, this.byInt.length);
    while (length < minLength) length *= 2;
    length = Math.min(length, INT_TABLE_LIMIT);
    const table = new Int32Array(length).fill(-1);
    table.set(this.byInt);
    this.byInt = table;
  }
}

/** The value of `s` if it is a canonical decimal non-negative integer below 2^31 written without a sign or leading zeros, else -1. */
export function canonicalUint(s: string): number {
  const len = s.length;
  if (len === 0 || len > 10) return -1;
  let c = s.charCodeAt(0);
  if (c === 48) return len === 1 ? 0 : -1;
  let n = 0;
  for (let k = 0; k < len; k++) {
    c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n < 2147483648 ? n : -1;
}
