/**
 * The time axis of timeSVD++ (Koren, "Collaborative Filtering with Temporal Dynamics", KDD 2009, section 4):
 * rating days, item-bias time bins over the training span, each user's mean rating day t_u, the drift
 * dev_u(t) = sign(t - t_u) |t - t_u|^β (t in days), and the (user, day) slots of the per-day user bias b_{u,t}.
 */
import type { Ratings } from "../../data/ratings";

/** Seconds per day: ratings carry seconds since the Unix epoch, the model works in whole days. */
export const SECONDS_PER_DAY = 86400;

/** Day number (whole days since the Unix epoch, UTC) of a timestamp in seconds. */
export function dayOf(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY);
}

/**
 * True when `r` carries a finite timestamp for every rating (ml-100k, ml-latest-small); false without timestamps
 * (ml-1m's derived ratings here) or with any missing (NaN) one.
 */
export function hasTimestamps(r: Ratings): boolean {
  const t = r.timestamps;
  if (t === undefined || t.length !== r.size) return false;
  for (let k = 0; k < t.length; k++) if (!Number.isFinite(t[k])) return false;
  return true;
}

/** The training set's time axis: bins over [firstDay, lastDay] and the users' mean rating days. */
export interface TimeAxis {
  /** First and last training day (days since the epoch). */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Number of equal-width item-bias bins over [firstDay, lastDay]. */
  readonly bins: number;
  /** Exponent β of dev_u(t). */
  readonly beta: number;
  /** t_u: mean training rating day of each user (NaN for users without training ratings), shape [numUsers]. */
  readonly userMeanDay: Float64Array;
}

/** Builds the time axis of `train` (which must have timestamps: see `hasTimestamps`) with `bins` bins and exponent β. */
export function buildTimeAxis(train: Ratings, bins: number, beta: number): TimeAxis {
  const t = train.timestamps!;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  const sum = new Float64Array(train.numUsers);
  const count = new Float64Array(train.numUsers);
  for (let k = 0; k < train.size; k++) {
    const day = dayOf(t[k]);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    sum[train.users[k]] += day;
    count[train.users[k]]++;
  }
  const userMeanDay = new Float64Array(train.numUsers);
  for (let u = 0; u < train.numUsers; u++) userMeanDay[u] = count[u] > 0 ? sum[u] / count[u] : NaN;
  return { firstDay, lastDay, bins, beta, userMeanDay };
}

/** Bin of `day` in [0, bins): equal-width bins over the training span; days outside it go to the first or last bin. */
export function binOf(axis: TimeAxis, day: number): number {
  const span = axis.lastDay - axis.firstDay + 1;
  const b = Math.floor(((day - axis.firstDay) * axis.bins) / span);
  return b < 0 ? 0 : b >= axis.bins ? axis.bins - 1 : b;
}

/** dev_u(t) = sign(t - t_u) |t - t_u|^β in days^β; 0 for a user without training ratings. */
export function deviation(axis: TimeAxis, user: number, day: number): number {
  const mean = axis.userMeanDay[user];
  if (Number.isNaN(mean)) return 0;
  const d = day - mean;
  return d === 0 ? 0 : Math.sign(d) * Math.pow(Math.abs(d), axis.beta);
}

/** Key of a (user, day) pair in `UserDays` (days < 2^22, about 11,000 years after 1970). */
function dayKey(user: number, day: number): number {
  return user * 4194304 + day;
}

/** The (user, day) pairs of the training ratings, numbered 0 .. size - 1: the slots of b_{u,t}. */
export class UserDays {
  private readonly slots = new Map<number, number>();

  /** Slot of (user, day), or -1 when the user has no training rating on that day (then b_{u,t} = 0). */
  slotOf(user: number, day: number): number {
    return this.slots.get(dayKey(user, day)) ?? -1;
  }

  /** Number of distinct (user, day) pairs. */
  get size(): number {
    return this.slots.size;
  }

  /** Numbers the (user, day) pairs of `train` (which must have timestamps) in order of first occurrence. */
  static of(train: Ratings): UserDays {
    const days = new UserDays();
    const t = train.timestamps!;
    for (let k = 0; k < train.size; k++) {
      const key = dayKey(train.users[k], dayOf(t[k]));
      if (!days.slots.has(key)) days.slots.set(key, days.slots.size);
    }
    return days;
  }
}

/** Per-rating time features of a ratings set: bin, dev_u(t) and the b_{u,t} slot (-1: none). Shapes [size]. */
export interface RatingTimeRows {
  bin: Int32Array;
  dev: Float64Array;
  slot: Int32Array;
}

/** The time features of pairs (users[k], items[k]) rated at `timestamps[k]` (seconds) on `axis` and `days`. */
export function timeRows(axis: TimeAxis, days: UserDays, users: Int32Array, timestamps: Float64Array): RatingTimeRows {
  const n = users.length;
  const bin = new Int32Array(n);
  const dev = new Float64Array(n);
  const slot = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const ts = timestamps[k];
    if (!Number.isFinite(ts)) throw new RangeError(`timeRows: timestamp ${ts} of pair ${k} is not a finite number of seconds`);
    const day = dayOf(ts);
    bin[k] = binOf(axis, day);
    dev[k] = deviation(axis, users[k], day);
    slot[k] = days.slotOf(users[k], day);
  }
  return { bin, dev, slot };
}
