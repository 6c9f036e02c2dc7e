/**
 * The wide part's sparse binary features (Cheng et al. 2016, section 3.1): for a (user, item) pair, the indices of
 * the active one-hot features of a linear model, over typed arrays:
 *
 * - a bias (always on);
 * - ids: the user id and the item id;
 * - side features: every categorical user column and every categorical or multi-hot item column (one-hot, the
 *   present labels of a multi-hot column each on);
 * - cross-product transformations: user id x each present item label (user x genre), and each categorical user
 *   column x each present item label (e.g. gender x genre, age group x genre, occupation x genre).
 *
 * Numeric columns are left to the deep part. A missing categorical value is a category of its own.
 */
import type { CategoricalFeature, FeatureTable, MultiHotFeature } from "../../data/features";
import type { Ratings } from "../../data/ratings";

/** Which feature groups the wide part uses. */
export interface WideFeatureConfig {
  /** One-hot user id and item id. */
  ids: boolean;
  /** One-hot side-feature columns (categorical users; categorical and multi-hot items). */
  sideFeatures: boolean;
  /** Crosses of the user id and of each categorical user column with each multi-hot item column's labels. */
  crosses: boolean;
}

/** An item column as a list of active labels per item (categorical: one; multi-hot: the present ones). */
interface ItemLabels {
  readonly name: string;
  readonly labels: number;
  /** CSR rows: item i's labels are values[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Int32Array;
  readonly values: Int32Array;
  readonly multiHot: boolean;
}

function itemLabels(f: CategoricalFeature | MultiHotFeature, rows: number): ItemLabels {
  const offsets = new Int32Array(rows + 1);
  const values: number[] = [];
  if (f.kind === "categorical") {
    const slots = f.categories.length + 1;
    for (let i = 0; i < rows; i++) {
      values.push(f.codes[i] < 0 ? slots - 1 : f.codes[i]);
      offsets[i + 1] = values.length;
    }
    return { name: f.name, labels: slots, offsets, values: Int32Array.from(values), multiHot: false };
  }
  const L = f.labels.length;
  for (let i = 0; i < rows; i++) {
    for (let l = 0; l < L; l++) if (f.matrix[i * L + l]) values.push(l);
    offsets[i + 1] = values.length;
  }
  return { name: f.name, labels: L, offsets, values: Int32Array.from(values), multiHot: true };
}

/** Categorical user columns as per-user slots (missing: the last slot). */
function userSlots(table: FeatureTable | undefined): { name: string; slots: number; index: Int32Array }[] {
  if (!table) return [];
  return table.columns.flatMap((f) => {
    if (f.kind !== "categorical") return [];
    const slots = f.categories.length + 1;
    return [{ name: f.name, slots, index: Int32Array.from(f.codes, (c) => (c < 0 ? slots - 1 : c)) }];
  });
}

/** The wide feature space of one index space: maps a pair to its active feature indices. */
export class WideFeatureSpace {
  /** Total number of wide features (coordinates of the wide weight vector). */
  readonly size: number;
  /** Upper bound on the active features of one pair (length of the buffer `active` writes into). */
  readonly maxActive: number;
  /** Name and first index of every feature group, in index order (for display). */
  readonly groups: { name: string; offset: number; size: number }[] = [];
  private readonly numUsers: number;
  private readonly numItems: number;
  private readonly users: { name: string; slots: number; index: Int32Array; offset: number }[] = [];
  private readonly items: (ItemLabels & { offset: number })[] = [];
  private readonly userCrosses: { label: ItemLabels; offset: number }[] = [];
  private readonly columnCrosses: { user: { slots: number; index: Int32Array }; label: ItemLabels; offset: number }[] = [];
  private readonly idOffsets: [number, number] | null;

  constructor(train: Ratings, readonly config: WideFeatureConfig) {
    this.numUsers = train.numUsers;
    this.numItems = train.numItems;
    let size = 1;
    let maxActive = 1;
    this.groups.push({ name: "bias", offset: 0, size: 1 });
    const add = (name: string, n: number): number => {
      this.groups.push({ name, offset: size, size: n });
      size += n;
      return size - n;
    };
    this.idOffsets = config.ids ? [add("user id", train.numUsers), add("item id", train.numItems)] : null;
    if (config.ids) maxActive += 2;
    const uCols = userSlots(train.userFeatures);
    const iCols = (train.itemFeatures?.columns ?? []).filter((f): f is CategoricalFeature | MultiHotFeature => f.kind !== "numeric").map((f) => itemLabels(f, train.numItems));
    if (config.sideFeatures) {
      for (const c of uCols) this.users.push({ ...c, offset: add(`user ${c.name}`, c.slots) });
      for (const c of iCols) this.items.push({ ...c, offset: add(`item ${c.name}`, c.labels) });
      maxActive += uCols.length + iCols.reduce((s, c) => s + c.labels, 0);
    }
    if (config.crosses) {
      for (const c of iCols.filter((x) => x.multiHot)) {
        this.userCrosses.push({ label: c, offset: add(`user id x ${c.name}`, train.numUsers * c.labels) });
        for (const u of uCols) this.columnCrosses.push({ user: u, label: c, offset: add(`${u.name} x ${c.name}`, u.slots * c.labels) });
        maxActive += c.labels * (1 + uCols.length);
      }
    }
    this.size = size;
    this.maxActive = maxActive;
  }

  /** Writes the active feature indices of pair (u, i) into `out` (length >= maxActive) and returns their number. */
  active(u: number, i: number, out: Int32Array): number {
    let n = 0;
    out[n++] = 0;
    if (this.idOffsets) {
      out[n++] = this.idOffsets[0] + u;
      out[n++] = this.idOffsets[1] + i;
    }
    for (const c of this.users) out[n++] = c.offset + c.index[u];
    for (const c of this.items) for (let k = c.offsets[i]; k < c.offsets[i + 1]; k++) out[n++] = c.offset + c.values[k];
    for (const x of this.userCrosses) {
      const base = x.offset + u * x.label.labels;
      for (let k = x.label.offsets[i]; k < x.label.offsets[i + 1]; k++) out[n++] = base + x.label.values[k];
    }
    for (const x of this.columnCrosses) {
      const base = x.offset + x.user.index[u] * x.label.labels;
      for (let k = x.label.offsets[i]; k < x.label.offsets[i + 1]; k++) out[n++] = base + x.label.values[k];
    }
    return n;
  }

  /** Σ w[active(u, i)] for each pair k: the wide logits, shape [users.length]. */
  logits(w: Float64Array, users: Int32Array, items: Int32Array, out: Float64Array): void {
    const buf = new Int32Array(this.maxActive);
    for (let k = 0; k < users.length; k++) {
      const n = this.active(users[k], items[k], buf);
      let s = 0;
      for (let a = 0; a < n; a++) s += w[buf[a]];
      out[k] = s;
    }
  }

  /** Number of users and items of the index space. */
  get shape(): [number, number] {
    return [this.numUsers, this.numItems];
  }
}
