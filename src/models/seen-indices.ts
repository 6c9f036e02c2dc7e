/**
 * Which users and items have at least one rating in a set: the models' rule for the unseen-entity fallback.
 */
import type { Ratings } from "../data/ratings";

/** 0/1 flags per dense user (shape [numUsers]) and item (shape [numItems]) that occur in `r`. */
export function seenIndices(r: Ratings): { users: Uint8Array; items: Uint8Array } {
  const users = new Uint8Array(r.numUsers);
  const items = new Uint8Array(r.numItems);
  for (let k = 0; k < r.size; k++) {
    users[r.users[k]] = 1;
    items[r.items[k]] = 1;
  }
  return { users, items };
}
