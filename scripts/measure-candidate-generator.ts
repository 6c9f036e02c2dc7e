/**
 * Trains the YouTube-style candidate generator on ml-1m-loo (../shared/data) with ml-1m's users.dat demographics
 * and prints full-catalogue HR/NDCG/Recall@K, HR@10 / NDCG@10 on the 99 published negatives, and the time to score
 * all users. For tuning on the validation holdout: --validation (one random training interaction per user held
 * out; the test split is not read then). Records nothing.
 *
 * With --ease 300,500 EASE is fitted and scored on the same split for each λ listed. With --curve the
 * full-catalogue HR@10 / NDCG@10 on the split being evaluated is printed after every epoch (use with --validation).
 *
 *   npx tsx scripts/measure-candidate-generator.ts [--validation] [--ease 300,500] [--config '{"dim":64}'] [--seed 1]
 *
 * With --dataset NAME (e.g. ml-latest-small) the data set is loaded as the candidate-generation notebook loads it
 * (loadNcfProtocol with Rng(--protocol-seed, default 42), the training data's own user features) and the generator
 * is fitted once with Rng(--seed) (the notebook's main fit: --seed 47) and the notebook's settings (the defaults,
 * patience 0); it prints each epoch's training loss to full precision, seconds per epoch and a checksum of every
 * variable, so that two builds can be compared bit for bit. Profile with
 *   nice -n 5 node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx scripts/measure-candidate-generator.ts --dataset ml-latest-small --seed 47
 */
import { datasetDir } from "../src/data/dataset-registry";
import { loadMl1mLoo } from "../src/data/load-ml-1m-loo";
import { loadMovielens1m } from "../src/data/load-movielens-1m";
import { ratingsByUser } from "../src/data/rating-matrix";
import { reindexFeatureTable } from "../src/data/reindex-features";
import { perUserHoldout } from "../src/data/splits/per-user-holdout";
import { createCandidateGenerator } from "../src/models/candidate-generator";
import { createEase } from "../src/models/implicit/ease";
import { Rng } from "../src/random/rng";
import { evaluateFullCatalogue } from "../src/train/full-catalogue-evaluation";
import { ncfProtocolFromLoo } from "../src/train/ncf-protocol";
import { lineProgress, silentProgress } from "../src/train/progress";
import { loadNcfProtocol } from "../src/train/ranking-dataset";
import { evaluateRanking } from "../src/train/ranking-evaluation";
import { fullCatalogueFromLoo, relevantByUser, type RankingProtocol } from "../src/train/ranking-protocol";
import { initBackend } from "../src/backend/select-backend";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const seed = Number(option("seed") ?? 1);
const config = JSON.parse(option("config") ?? "{}");

/** Fits the notebook's configuration on a data set loaded as the notebook loads it (module comment, --dataset). */
async function fitLikeNotebook(dataset: string): Promise<void> {
  const sampled = await loadNcfProtocol(dataset, new Rng(Number(option("protocol-seed") ?? 42)));
  const model = createCandidateGenerator({ patience: 0, ...config }, sampled.train.userFeatures);
  const t0 = performance.now();
  const history = await model.fit(sampled.train, { rng: new Rng(seed), progress: silentProgress });
  const seconds = (performance.now() - t0) / 1000;
  for (const e of history.epochs) console.log(`epoch ${e.epoch}: loss ${e.trainLoss} (${e.seconds.toFixed(2)} s)`);
  const sums = model.variables().map((v) => {
    const x = v.dataSync();
    let s = 0;
    let a = 0;
    for (let j = 0; j < x.length; j++) {
      s += x[j];
      a += Math.abs(x[j]) * ((j % 7) + 1);
    }
    return `${s.toPrecision(12)}/${a.toPrecision(12)}`;
  });
  console.log(`variables: ${sums.join(" ")}`);
  console.log(`fit ${seconds.toFixed(2)} s, ${(seconds / history.epochs.length).toFixed(3)} s per epoch`);
  model.dispose();
}

async function main(): Promise<void> {
  await initBackend();
  const dataset = option("dataset");
  if (dataset) return fitLikeNotebook(dataset);
  const data = await loadMl1mLoo(datasetDir("ml-1m-loo"));
  const ml1m = await loadMovielens1m(datasetDir("ml-1m"), { itemFeatures: false });
  const users = reindexFeatureTable(ml1m.userFeatures!, ml1m.userIds, data.train.userIds, "measure-candidate-generator");
  let full: RankingProtocol = fullCatalogueFromLoo(data);
  if (args.includes("--validation")) {
    const { train, test } = perUserHoldout(full.train, new Rng(seed + 100), { testPerUser: 1 });
    full = { name: "validation", train, test, ...relevantByUser(test), negatives: null, negativesPerUser: 0, excluded: ratingsByUser(train) };
  }
  for (const lambda of (option("ease") ?? "").split(",").filter((x) => x).map(Number)) {
    const ease = createEase({ lambda });
    await ease.fit(full.train, { rng: new Rng(seed) });
    const em = evaluateFullCatalogue(ease, full, { k: [10, 50, 200] }).metrics;
    console.log(`EASE λ=${lambda}: hr@10 ${em["hr@10"].toFixed(4)} ndcg@10 ${em["ndcg@10"].toFixed(4)} recall@50 ${em["recall@50"].toFixed(4)} recall@200 ${em["recall@200"].toFixed(4)}`);
    ease.dispose();
  }
  if (args.includes("--ease-only")) return;
  const model = createCandidateGenerator(config, users);
  console.log(JSON.stringify(model.config));
  const t0 = performance.now();
  const split = full;
  const validator = args.includes("--curve") ? {
    metric: "ndcg@10", lowerIsBetter: false,
    evaluate: () => {
      const v = evaluateFullCatalogue(model, split, { k: [10] }).metrics;
      console.log(`  ${split.name}: hr@10 ${v["hr@10"].toFixed(4)} ndcg@10 ${v["ndcg@10"].toFixed(4)}`);
      return v;
    },
  } : undefined;
  await model.fit(full.train, { rng: new Rng(seed), progress: lineProgress(), validator: validator });
  console.log(`fit ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const e = evaluateFullCatalogue(model, full, { k: [10, 20, 50, 100, 200] });
  const m = e.metrics;
  console.log(`full catalogue: hr@10 ${m["hr@10"].toFixed(4)} ndcg@10 ${m["ndcg@10"].toFixed(4)} recall@50 ${m["recall@50"].toFixed(4)} recall@200 ${m["recall@200"].toFixed(4)}; scoring all ${full.users.length} users ${e.retrievalSeconds.toFixed(2)} s`);
  if (!args.includes("--validation")) {
    const s = evaluateRanking(model, ncfProtocolFromLoo(data), { k: 10, rng: new Rng(seed) });
    console.log(`99 negatives: hr@10 ${s["hr@10"].toFixed(4)} ndcg@10 ${s["ndcg@10"].toFixed(4)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
