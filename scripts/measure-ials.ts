/**
 * Measures iALS (Hu et al. 2008 with Rendle et al. 2022's all-pairs weight and frequency-scaled regularisation) on
 * ml-1m-loo (../shared/data/ml-1m-loo): a grid over λ and α0 scored on a validation holdout carved from the
 * training data (one random interaction per user + 99 sampled negatives; never the test split), then the
 * validation winner refitted on all training data with several seeds: HR@10 / NDCG@10 on the 99 published
 * negatives (mean and range over seeds) and the full catalogue. Prints everything; records nothing.
 *
 *   npx tsx scripts/measure-ials.ts [--dims 64] [--regs 0.001,0.003,0.01] [--alphas 0.03,0.1,0.3]
 *                                   [--epochs 16] [--cg-steps 3] [--seeds 1,2,3]
 */
import { datasetDir } from "../src/data/dataset-registry";
import { loadMl1mLoo } from "../src/data/load-ml-1m-loo";
import { createIals, type IalsConfig } from "../src/models/implicit/ials";
import { Rng } from "../src/random/rng";
import { evaluateFullCatalogue } from "../src/train/full-catalogue-evaluation";
import { ncfProtocolFromLoo, validationProtocol } from "../src/train/ncf-protocol";
import { silentProgress } from "../src/train/progress";
import { evaluateRanking } from "../src/train/ranking-evaluation";
import { fullCatalogueFromLoo, type RankingProtocol } from "../src/train/ranking-protocol";

const args = process.argv.slice(2);
const list = (name: string, fallback: string): number[] => {
  const at = args.indexOf(`--${name}`);
  return (at >= 0 ? args[at + 1] : fallback).split(",").map(Number);
};
const dims = list("dims", "64");
const regs = list("regs", "0.001,0.003,0.01");
const alphas = list("alphas", "0.03,0.1,0.3");
const epochs = list("epochs", "16")[0];
const cgSteps = list("cg-steps", "3")[0];
const seeds = list("seeds", "1,2,3");

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function fitAndScore(config: Partial<IalsConfig>, train: RankingProtocol, seed: number) {
  const model = createIals({ ...config, epochs, cgSteps });
  const cpu0 = cpuSeconds();
  const history = await model.fit(train.train, { rng: new Rng(seed), progress: silentProgress });
  return { model, trainSeconds: history.trainSeconds, cpu: cpuSeconds() - cpu0 };
}

async function main(): Promise<void> {
  const data = await loadMl1mLoo(datasetDir("ml-1m-loo"));
  const sampled = ncfProtocolFromLoo(data);
  const full = fullCatalogueFromLoo(data);
  const validation = validationProtocol(sampled.train, new Rng(7));
  console.log(`iALS on ${sampled.name}; ${epochs} epochs, ${cgSteps} CG steps; validation: ${validation.name}`);
  let best = { score: -1, config: {} as Partial<IalsConfig> };
  for (const dim of dims) {
    for (const reg of regs) {
      for (const unobservedWeight of alphas) {
        const config = { dim, reg, unobservedWeight };
        const { model, trainSeconds, cpu } = await fitAndScore(config, validation, seeds[0]);
        const m = evaluateRanking(model, validation, { k: 10, rng: new Rng(1) });
        console.log(`  d=${dim} λ=${reg} α0=${unobservedWeight}: validation HR@10 ${m["hr@10"].toFixed(4)}, NDCG@10 ${m["ndcg@10"].toFixed(4)} (fit ${trainSeconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU)`);
        if (m["ndcg@10"] > best.score) best = { score: m["ndcg@10"], config };
        model.dispose();
      }
    }
  }
  console.log(`Validation winner (NDCG@10): ${JSON.stringify(best.config)}; test with seeds ${seeds.join(", ")}:`);
  const hr: number[] = [];
  const ndcg: number[] = [];
  for (const seed of seeds) {
    const { model, trainSeconds } = await fitAndScore(best.config, sampled, seed);
    const m = evaluateRanking(model, sampled, { k: 10, rng: new Rng(seed) });
    const f = evaluateFullCatalogue(model, full, { k: [10, 20, 50, 100, 200] });
    hr.push(m["hr@10"]);
    ndcg.push(m["ndcg@10"]);
    console.log(`  seed ${seed}: 99 negatives HR@10 ${m["hr@10"].toFixed(4)}, NDCG@10 ${m["ndcg@10"].toFixed(4)}; full catalogue HR@10 ${f.metrics["hr@10"].toFixed(4)}, NDCG@10 ${f.metrics["ndcg@10"].toFixed(4)}, HR@200 ${f.metrics["hr@200"].toFixed(4)} (fit ${trainSeconds.toFixed(1)} s, retrieval ${f.retrievalSeconds.toFixed(2)} s)`);
    model.dispose();
  }
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  console.log(`  mean over ${seeds.length} seeds: HR@10 ${mean(hr).toFixed(4)} [${Math.min(...hr).toFixed(4)}, ${Math.max(...hr).toFixed(4)}], NDCG@10 ${mean(ndcg).toFixed(4)} [${Math.min(...ndcg).toFixed(4)}, ${Math.max(...ndcg).toFixed(4)}]`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
