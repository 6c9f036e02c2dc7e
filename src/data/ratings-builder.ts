/**
 * Accumulates (user, item, rating[, timestamp]) rows into growable typed arrays (no per-rating objects: 12 bytes
 * per rating, 20 with timestamps), maps raw ids to dense indices in first-appearance order, validates every
 * rating against the declared scale, and builds a `Ratings`.
 */
import { DataFormatError } from "./data-format-error";
import { checkDuplicatePolicy, earliestRepeat, findRepeats, mergeRepeats, type DuplicatePolicy, type ValueKind } from "./duplicate-rows";
import type { FeatureTable } from "./features";
import { IdIndex } from "./id-index";
import { attachLoadReport, type SideRowsReport } from "./load-report";
import { RowSources } from "./row-sources";
import type { RatingScale, Ratings } from "./ratings";

/** Options of a RatingsBuilder. */
export interface RatingsBuilderOptions {
  /** Data set name given to the built Ratings. */
  name: string;
  /** Declared rating scale; every added rating is checked against it. */
  scale: RatingScale;
  /** File named in error messages; can be changed later through `file`. */
  file?: string;
  /** Whether rows carry timestamps; when omitted, the first added row decides. */
  timestamps?: boolean;
  /** User index to share with other builders (one index space for train and test files); default a new one. */
  users?: IdIndex;
  /** Item index to share with other builders; default a new one. */
  items?: IdIndex;
  /** Initial capacity in rows (the arrays grow when full); default 65,536. */
  initialCapacity?: number;
  /** Repeated (user, item) pairs: "error" (default, naming both lines), "first", "last", "mean", or "sum" (counts only). */
  duplicates?: DuplicatePolicy;
  /** Whether values are explicit ratings (default) or counts; only counts may use duplicates: "sum". */
  values?: ValueKind;
}

/** Extra parts of the built Ratings. */
export interface BuildOptions {
  /** Per-user features, rows aligned to the dense user index. */
  userFeatures?: FeatureTable;
  /** Per-item features, rows aligned to the dense item index. */
  itemFeatures?: FeatureTable;
  /** How the user side-feature file(s) lined up with the rated users, for the load report. */
  userFeatureRows?: readonly SideRowsReport[];
  /** How the item side-feature file(s) lined up with the rated items, for the load report. */
  itemFeatureRows?: readonly SideRowsReport[];
}

/** Checks a rating scale (finite, min <= max, positive step) and returns it; throws a RangeError otherwise. */
export function checkScale(scale: RatingScale): RatingScale {
  const { min, max, step } = scale;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`rating scale must have finite min <= max, got ${JSON.stringify(scale)}`);
  }
  if (step !== undefined && !(Number.isFinite(step) && step > 0)) {
    throw new RangeError(`rating scale step must be a positive number, got ${step}`);
  }
  return step === undefined ? { min, max } : { min, max, step };
}

/** Human-readable scale, e.g. "0.5 to 5 in steps of 0.5". */
export function describeScale(scale: RatingScale): string {
  return `${scale.min} to ${scale.max}` + (scale.step !== undefined ? ` in steps of ${scale.step}` : "");
}

/** Growable column store of ratings with dense id maps; see the module comment. */
export class RatingsBuilder {
  /** Raw user id -> dense user index (shareable). */
  readonly users: IdIndex;
  /** Raw item id -> dense item index (shareable). */
  readonly items: IdIndex;
  /** File named in error messages for the rows added next. */
  file: string;
  private readonly name: string;
  private readonly scale: RatingScale;
  private readonly tolerance: number;
  private hasTimestamps: boolean | undefined;
  private userCol: Int32Array;
  private itemCol: Int32Array;
  private valueCol: Float32Array;
  private timeCol: Float64Array | null = null;
  private n = 0;
  private built = false;
  private readonly duplicates: DuplicatePolicy;
  private merged = 0;
  private readonly sources = new RowSources();

  /** Creates an empty builder; see RatingsBuilderOptions. */
  constructor(options: RatingsBuilderOptions) {
    this.name = options.name;
    this.scale = checkScale(options.scale);
    this.tolerance = 1e-6 * Math.max(1, Math.abs(this.scale.min), Math.abs(this.scale.max));
    this.file = options.file ?? options.name;
    this.users = options.users ?? new IdIndex();
    this.items = options.items ?? new IdIndex();
    this.hasTimestamps = options.timestamps;
    this.duplicates = checkDuplicatePolicy(`RatingsBuilder(${options.name})`, options.duplicates, options.values ?? "ratings");
    const capacity = Math.max(16, Math.floor(options.initialCapacity ?? 1 << 16));
    this.userCol = new Int32Array(capacity);
    this.itemCol = new Int32Array(capacity);
    this.valueCol = new Float32Array(capacity);
    if (this.hasTimestamps) this.timeCol = new Float64Array(capacity);
  }

  /** Number of rows added so far. */
  get size(): number {
    return this.n;
  }

  /** Repeated pairs merged away by the last build (0 before it, and always 0 under "error"). */
  get duplicatesMerged(): number {
    return this.merged;
  }

  /** Whether rows carry timestamps (undefined until the first row when not declared). */
  get withTimestamps(): boolean | undefined {
    return this.hasTimestamps;
  }

  /** Registers a user id ahead of its ratings (e.g. in users.dat order) and returns its dense index. */
  registerUser(rawId: string): number {
    return this.users.intern(rawId);
  }

  /** Registers an item id ahead of its ratings and returns its dense index. */
  registerItem(rawId: string): number {
    return this.items.intern(rawId);
  }

  /** Adds one rating by raw ids; `line` (1-based) is used in error messages. */
  add(rawUser: string, rawItem: string, rating: number, timestamp?: number, line?: number): void {
    this.addIndexed(this.users.intern(rawUser), this.items.intern(rawItem), rating, timestamp, line);
  }

  /** Adds one rating by dense indices (obtained from `users`/`items`), the allocation-free fast path. */
  addIndexed(user: number, item: number, rating: number, timestamp: number | undefined, line?: number): void {
    if (this.built) throw new Error(`RatingsBuilder(${this.name}): already built`);
    this.checkRating(rating, line);
    if (timestamp === undefined) {
      if (this.hasTimestamps) throw new DataFormatError(this.file, line, "timestamp missing, but earlier rows have one");
      this.hasTimestamps = false;
    } else {
      if (this.hasTimestamps === false) {
        throw new DataFormatError(this.file, line, "row has a timestamp, but earlier rows have none");
      }
      if (!Number.isFinite(timestamp)) throw new DataFormatError(this.file, line, `timestamp ${timestamp} is not a number`);
      if (this.hasTimestamps === undefined) {
        this.hasTimestamps = true;
        this.timeCol = new Float64Array(this.userCol.length);
      }
    }
    if (this.n === this.userCol.length) this.grow();
    const k = this.n++;
    this.sources.record(k, this.file, line);
    this.userCol[k] = user;
    this.itemCol[k] = item;
    this.valueCol[k] = rating;
    if (timestamp !== undefined) this.timeCol![k] = timestamp;
  }

  /** Throws a DataFormatError unless `rating` is a finite number on the declared scale. */
  checkRating(rating: number, line?: number): void {
    const s = this.scale;
    const tol = this.tolerance;
    if (!(rating >= s.min - tol && rating <= s.max + tol)) {
      if (Number.isNaN(rating)) throw new DataFormatError(this.file, line, "rating is not a number");
      throw new DataFormatError(this.file, line, `rating ${rating} is outside the declared scale ${describeScale(s)}`);
    }
    if (s.step !== undefined) {
      const q = (rating - s.min) / s.step;
      if (Math.abs(q - Math.round(q)) > 1e-6) {
        throw new DataFormatError(this.file, line, `rating ${rating} is not on the declared scale ${describeScale(s)}`);
      }
    }
  }

  /**
   * Builds the Ratings (arrays trimmed to size; the builder cannot be used afterwards). Build only after all ids
   * are registered: numUsers/numItems are read from the (possibly shared) indices now.
   */
  build(options: BuildOptions = {}): Ratings {
    if (this.built) throw new Error(`RatingsBuilder(${this.name}): already built`);
    this.built = true;
    const n = this.resolveDuplicates();
    const users = this.userCol.slice(0, n);
    this.userCol = new Int32Array(0);
    const items = this.itemCol.slice(0, n);
    this.itemCol = new Int32Array(0);
    const values = this.valueCol.slice(0, n);
    this.valueCol = new Float32Array(0);
    const timestamps = this.hasTimestamps && this.timeCol ? this.timeCol.slice(0, n) : undefined;
    this.timeCol = null;
    const userIds = this.users.ids.slice();
    const itemIds = this.items.ids.slice();
    checkFeatureRows("user", options.userFeatures, userIds.length);
    checkFeatureRows("item", options.itemFeatures, itemIds.length);
    const ratings: Ratings = {
      name: this.name,
      indexId: `${this.users.identity}+${this.items.identity}`,
      users,
      items,
      values,
      ...(timestamps ? { timestamps } : {}),
      userIds,
      itemIds,
      numUsers: userIds.length,
      numItems: itemIds.length,
      size: n,
      scale: { ...this.scale },
      ...(options.userFeatures ? { userFeatures: options.userFeatures } : {}),
      ...(options.itemFeatures ? { itemFeatures: options.itemFeatures } : {}),
    };
    return attachLoadReport(ratings, {
      duplicates: this.duplicates,
      duplicatesMerged: this.merged,
      ...(options.userFeatureRows ? { userFeatureRows: options.userFeatureRows } : {}),
      ...(options.itemFeatureRows ? { itemFeatureRows: options.itemFeatureRows } : {}),
    });
  }

  /** Applies the duplicate policy to rows [0, n): an error naming both lines, or a merge; returns the new row count. */
  private resolveDuplicates(): number {
    const n = this.n;
    if (n === 0) return 0;
    const repeats = findRepeats(this.userCol, this.itemCol, n, this.users.size, this.items.size);
    if (repeats.later.length === 0) return n;
    if (this.duplicates === "error") {
      const k = earliestRepeat(repeats);
      const r = repeats.later[k];
      const at = this.sources.sourceOf(r);
      const firstAt = this.sources.describe(repeats.first[k], at.file);
      const user = JSON.stringify(this.users.ids[this.userCol[r]]);
      const item = JSON.stringify(this.items.ids[this.itemCol[r]]);
      throw new DataFormatError(
        at.file,
        at.line,
        `user ${user} and item ${item} appear again (first on ${firstAt}; ${repeats.later.length} repeated pair${repeats.later.length === 1 ? "" : "s"} in all); pass duplicates: "first", "last" or "mean" to merge repeated ratings`,
      );
    }
    const kept = mergeRepeats({ users: this.userCol, items: this.itemCol, values: this.valueCol, timestamps: this.timeCol }, n, repeats, this.duplicates);
    this.merged = n - kept;
    this.n = kept;
    if (this.duplicates === "sum") {
      for (let k = 0; k < kept; k++) {
        if (this.valueCol[k] > this.scale.max + this.tolerance) {
          throw new DataFormatError(this.file, undefined, `summed count ${this.valueCol[k]} of user ${JSON.stringify(this.users.ids[this.userCol[k]])} and item ${JSON.stringify(this.items.ids[this.itemCol[k]])} exceeds the declared scale maximum ${this.scale.max}`);
        }
      }
    }
    return kept;
  }

  private grow(): void {
    const old = this.userCol.length;
    // Double while small; grow by half once large, to keep the slack (and the peak during the copy) modest.
    const capacity = old < 1 << 22 ? old * 2 : Math.ceil(old * 1.5);
    const users = new Int32Array(capacity);
    users.set(this.userCol);
    this.userCol = users;
    const items = new Int32Array(capacity);
    items.set(this.itemCol);
    this.itemCol = items;
    const values = new Float32Array(capacity);
    values.set(this.valueCol);
    this.valueCol = values;
    if (this.timeCol) {
      const times = new Float64Array(capacity);
      times.set(this.timeCol);
      this.timeCol = times;
    }
  }
}

function checkFeatureRows(kind: string, table: FeatureTable | undefined, rows: number): void {
  if (table && table.rows !== rows) {
    throw new RangeError(`RatingsBuilder: ${kind} features have ${table.rows} rows but there are ${rows} ${kind}s`);
  }
}
