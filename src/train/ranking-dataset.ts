/**
 * The NCF evaluation protocol for any data set name: "ml-1m-loo" reads the published leave-one-out split with
 * its 99 negatives per user; any other loadable data set (with timestamps) is turned into implicit interactions
 * and split the same way (each user's latest interaction held out, ranked among 99 sampled unrated items).
 */
import { datasetDir, loadDataset } from "../data/dataset-registry";
import type { ImplicitOptions } from "../data/implicit-interactions";
import { loadMl1mLoo } from "../data/load-ml-1m-loo";
import type { Rng } from "../random/rng";
import { ncfProtocolFromLoo, sampledProtocol } from "./ncf-protocol";
import type { RankingProtocol } from "./ranking-protocol";

/** Options of loadNcfProtocol beyond the implicit conversion. */
export interface NcfProtocolOptions {
  /**
   * Which interaction per user is held out: "latest" (needs timestamps), "random" (one seeded random interaction)
   * or "auto": "latest" when the data have timestamps, else "random" with a printed note. Default "auto".
   */
  holdout?: "latest" | "random" | "auto";
  /** Receives the note of the "auto" fallback; default console.log. */
  log?: (line: string) => void;
}

/**
 * Loads `name` (a registered data set or the path of the reader's own file or descriptor) and builds its NCF
 * protocol (`dir` overrides the data set's folder). `implicit` sets how ratings become interactions and
 * confidences (e.g. `{ countFrom: "values", confidence: { scheme: "linear", alpha: 1 } }` weights each interaction
 * by its star rating); the published ml-1m-loo split is always binary. Without timestamps the held-out
 * interaction is drawn at random (see NcfProtocolOptions.holdout).
 */
export async function loadNcfProtocol(name: string, rng: Rng, dir?: string, implicit?: ImplicitOptions, options: NcfProtocolOptions = {}): Promise<RankingProtocol> {
  if (name === "ml-1m-loo") return ncfProtocolFromLoo(await loadMl1mLoo(datasetDir("ml-1m-loo", dir)));
  const ratings = await loadDataset(name, { dir });
  const requested = options.holdout ?? "auto";
  if (requested !== "latest" && requested !== "random" && requested !== "auto") {
    throw new RangeError(`loadNcfProtocol: holdout must be "latest", "random" or "auto", got ${JSON.stringify(requested)}`);
  }
  let holdout: "latest" | "random" = requested === "auto" ? (ratings.timestamps ? "latest" : "random") : requested;
  if (holdout === "latest" && !ratings.timestamps) {
    throw new Error(`loadNcfProtocol: ${ratings.name} has no timestamps, so its latest interactions cannot be held out; set holdout: "random" (one seeded random interaction per user)${name === "ml-1m" ? ', or use DATASET "ml-1m-loo" (the published split)' : ""}`);
  }
  if (requested === "auto" && holdout === "random") {
    const hint = name === "ml-1m" ? '; the published NCF split of ml-1m is DATASET "ml-1m-loo"' : "";
    (options.log ?? console.log)(`${ratings.name} has no timestamps: holding out one random interaction per user (seeded) instead of the latest one${hint}`);
    holdout = "random";
  }
  return sampledProtocol(ratings, rng, { negatives: 99, holdout: holdout, implicit });
}
