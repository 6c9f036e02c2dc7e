/**
 * Identity of an id index (the raw id -> dense index maps of users and items), so that ratings loaded
 * independently (a train file and a test file read by two loader calls) are never mixed up: dense index 7 in one
 * load is a different user from index 7 in another. Every `Ratings` carries the identity in `indexId`; splits
 * and selections keep it; evaluation, protocols and models refuse a mix.
 */
import type { Ratings } from "./ratings";

// A per-module-instance prefix (process id and load time) plus a counter: unique within a process even if this
// module is loaded twice (e.g. by tsx and by the tslab kernel), and never drawn from a random generator.
const prefix = `${process.pid.toString(36)}.${Date.now().toString(36)}`;
let counter = 0;

/** A fresh identity for a new id index, e.g. "users#3" (label first, for readable error messages). */
export function newIndexId(label: string): string {
  counter += 1;
  return `${label}#${counter}@${prefix}`;
}

/** How to load several files into one index space; quoted by every index-mismatch error. */
export const SHARED_INDEX_HINT =
  "load both files into one index: loadDelimitedFiles({ files: [trainFile, testFile], ... }) " +
  "(src/data/load-delimited-files.ts) returns one Ratings per file sharing one id index, " +
  "or load one file and split it (randomSplit, perUserHoldout, ...)";

/**
 * Throws an Error unless every given part (e.g. { train, validation, test }) has the same `indexId` and the same
 * numbers of users and items; `where` names the caller. Undefined parts are skipped.
 */
export function assertSameIndex(where: string, parts: Record<string, Ratings | undefined>): void {
  let first: [string, Ratings] | undefined;
  for (const [label, r] of Object.entries(parts)) {
    if (r === undefined) continue;
    if (first === undefined) {
      first = [label, r];
      continue;
    }
    const [label0, r0] = first;
    if (r.indexId !== r0.indexId) {
      throw new Error(
        `${where}: ${label} ("${r.name}", ${r.numUsers} users, ${r.numItems} items) and ${label0} ("${r0.name}", ` +
          `${r0.numUsers} users, ${r0.numItems} items) come from different id indices (indexId ${r.indexId} vs ` +
          `${r0.indexId}), so the same dense index means different users or items in them; ${SHARED_INDEX_HINT}`,
      );
    }
    if (r.numUsers !== r0.numUsers || r.numItems !== r0.numItems) {
      throw new Error(
        `${where}: ${label} has ${r.numUsers} users and ${r.numItems} items but ${label0} has ${r0.numUsers} and ` +
          `${r0.numItems}, although they share index ${r.indexId} (built before all ids were registered?); ${SHARED_INDEX_HINT}`,
      );
    }
  }
}

/**
 * Throws an Error unless `model` was last fitted on ratings of `r`'s id index (`model.fittedIndexId`, set by every
 * model's fit; a model without it, e.g. a hand-written stub, is not checked). `what` names `r` in the message.
 */
export function assertFittedOn(model: { readonly name: string; readonly fittedIndexId?: string }, r: Ratings, what: string): void {
  if (model.fittedIndexId === undefined || model.fittedIndexId === r.indexId) return;
  throw new Error(
    `${model.name}: ${what} ("${r.name}", ${r.numUsers} users, ${r.numItems} items) comes from id index ${r.indexId}, but the model ` +
      `was fitted on index ${model.fittedIndexId}, so its dense indices mean other users and items; ${SHARED_INDEX_HINT}`,
  );
}

/**
 * Throws a RangeError naming `owner` unless users[k] is in [0, numUsers) and items[k] in [0, numItems) for every k
 * (an index outside the training index space comes from another index, never a cold start).
 */
export function assertPairsInRange(owner: string, users: Int32Array, items: Int32Array, numUsers: number, numItems: number): void {
  if (users.length !== items.length) throw new RangeError(`${owner}: users has ${users.length} entries but items has ${items.length}`);
  for (let k = 0; k < users.length; k++) {
    const u = users[k];
    const i = items[k];
    if (!(u >= 0 && u < numUsers)) throw new RangeError(outOfRange(owner, "user", u, numUsers, k));
    if (!(i >= 0 && i < numItems)) throw new RangeError(outOfRange(owner, "item", i, numItems, k));
  }
}

function outOfRange(owner: string, kind: string, index: number, n: number, k: number): string {
  return (
    `${owner}: ${kind} index ${index} (pair ${k}) is outside the ${n} ${kind}s of the training index space [0, ${n}); ` +
    `the pairs come from another id index (a separately loaded file?): ${SHARED_INDEX_HINT}`
  );
}
