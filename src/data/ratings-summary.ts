/**
 * Headline statistics of a ratings set: size, users, items, density and the rating distribution's mean,
 * as shown at the top of every notebook.
 */
import type { Ratings } from "./ratings";

/** Summary of a ratings set. */
export interface RatingsSummary {
  dataset: string;
  ratings: number;
  /** Users with at least one rating. */
  users: number;
  /** Items with at least one rating. */
  items: number;
  /** ratings / (users x items), as a fraction. */
  density: number;
  /** Mean rating. */
  mean: number;
  /** Declared scale, e.g. "0.5-5 step 0.5". */
  scale: string;
  /** Whether timestamps are present. */
  timestamps: boolean;
}

/** Computes the summary of `r` (users and items counted among those that occur). */
export function summarizeRatings(r: Ratings): RatingsSummary {
  const seenU = new Uint8Array(r.numUsers);
  const seenI = new Uint8Array(r.numItems);
  let sum = 0;
  for (let k = 0; k < r.size; k++) {
    seenU[r.users[k]] = 1;
    seenI[r.items[k]] = 1;
    sum += r.values[k];
  }
  const users = seenU.reduce((a, b) => a + b, 0);
  const items = seenI.reduce((a, b) => a + b, 0);
  return {
    dataset: r.name,
    ratings: r.size,
    users,
    items,
    density: users && items ? r.size / (users * items) : 0,
    mean: r.size ? sum / r.size : NaN,
    scale: `${r.scale.min}-${r.scale.max}${r.scale.step ? ` step ${r.scale.step}` : ""}`,
    timestamps: r.timestamps !== undefined,
  };
}
