/**
 * Recommended AutoRec settings per data set, chosen on a validation split carved from a training fold (never on a
 * test fold); see scripts/measure-autorec.ts for the runs that chose them.
 */
import { defaultAutoRecConfig, type AutoRecConfig } from "./autorec-config";

/** I-AutoRec settings per data set (provisional until measured: the defaults). */
export const autoRecPresets: Readonly<Record<"ml1m" | "ml100k", AutoRecConfig>> = {
  /** ml-1m: provisional. */
  ml1m: { ...defaultAutoRecConfig },
  /** ml-100k: provisional. */
  ml100k: { ...defaultAutoRecConfig },
};
