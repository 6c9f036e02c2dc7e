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

/**
 * Loads `name` and builds its NCF protocol (`dir` overrides the data set's folder). `implicit` sets how ratings
 * become interactions and confidences (e.g. `{ countFrom: "values", confidence: { scheme: "linear", alpha: 1 } }`
 * weights each interaction by its star rating); the published ml-1m-loo split is always binary.
 */
export async function loadNcfProtocol(name: string, rng: Rng, dir?: string, implicit?: ImplicitOptions): Promise<RankingProtocol> {
  if (name === "ml-1m-loo") return ncfProtocolFromLoo(await loadMl1mLoo(datasetDir("ml-1m-loo", dir)));
  const ratings = await loadDataset(name, { dir });
  if (!ratings.timestamps) {
    throw new Error(`loadNcfProtocol: ${name} has no timestamps, so its latest interactions cannot be held out; use "ml-1m-loo" for ml-1m`);
  }
  return sampledProtocol(ratings, rng, { negatives: 99, holdout: "latest", implicit });
}
