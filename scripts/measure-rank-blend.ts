/**
 * Measures the score blend (src/models/implicit/score-blend.ts) on ml-1m-loo (../shared/data/ml-1m-loo) under the
 * NCF protocol: for each seed the blend carves a validation holdout from the training data, fits its members on
 * the rest, searches the weights on validation NDCG@10, refits on all training data, and is scored on the 99
 * published negatives. Prints the validation grid's best points, each seed's test HR@10 / NDCG@10 and the mean
 * and range; records nothing.
 *
 *   npx tsx scripts/measure-rank-blend.ts [--members ease:1000,ials-quick] [--seeds 1,2,3] [--step 0.05]
 *
 * Members: ease:<λ>; ials-quick, ials (implicitMfPresets); ials:<dim>:<reg>:<α0>:<epochs>; mf-quick.
 */
import { datasetDir } from "../src/data/dataset-registry";
import { loadMl1mLoo } from "../src/data/load-ml-1m-loo";
import { createEase } from "../src/models/implicit/ease";
import { createIals } from "../src/models/implicit/ials";
import { implicitMfPresets } from "../src/models/implicit/presets";
import { createSampledLogisticMf } from "../src/models/implicit/sampled-logistic-mf";
import { createScoreBlend, type BlendMember } from "../src/models/implicit/score-blend";
import { Rng } from "../src/random/rng";
import { ncfProtocolFromLoo } from "../src/train/ncf-protocol";
import { silentProgress } from "../src/train/progress";
import { evaluateRanking } from "../src/train/ranking-evaluation";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const memberSpecs = option("members", "ease:1000,ials-quick").split(",");
const seeds = option("seeds", "1,2,3").split(",").map(Number);
const step = Number(option("step", "0.05"));

function member(spec: string): BlendMember {
  const [kind, ...rest] = spec.split(":");
  if (kind === "ease") return createEase({ lambda: Number(rest[0] ?? 1000), name: `EASE λ=${rest[0] ?? 1000}` });
  if (kind === "ials-quick") return createIals(implicitMfPresets.ialsQuick);
  if (kind === "ials" && rest.length === 0) return createIals(implicitMfPresets.ials);
  if (kind === "ials") {
    const [dim, reg, alpha, epochs] = rest.map(Number);
    return createIals({ dim, reg, unobservedWeight: alpha, epochs });
  }
  if (kind === "mf-quick") return createSampledLogisticMf(implicitMfPresets.sampledLogisticQuick);
  throw new RangeError(`--members: unknown member ${JSON.stringify(spec)}`);
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const protocol = ncfProtocolFromLoo(await loadMl1mLoo(datasetDir("ml-1m-loo")));
  console.log(`Blend of ${memberSpecs.join(" + ")} on ${protocol.name}; grid step ${step}; seeds ${seeds.join(", ")}`);
  const hr: number[] = [];
  const ndcg: number[] = [];
  for (const seed of seeds) {
    const blend = createScoreBlend(memberSpecs.map(member), { step });
    const cpu0 = cpuSeconds();
    const wall0 = performance.now();
    await blend.fit(protocol.train, { rng: new Rng(seed), progress: silentProgress });
    const fitCpu = cpuSeconds() - cpu0;
    const s = blend.search!;
    const top = [...s.grid].sort((a, b) => b.ndcg - a.ndcg).slice(0, 3);
    const units = s.grid.filter((g) => g.weights.some((w) => w === 1));
    console.log(`  seed ${seed}: ${s.validation}`);
    for (const g of units) console.log(`    validation, member alone [${g.weights.join(", ")}]: HR@10 ${g.hr.toFixed(4)}, NDCG@10 ${g.ndcg.toFixed(4)}`);
    for (const g of top) console.log(`    validation [${g.weights.map((w) => w.toFixed(2)).join(", ")}]: HR@10 ${g.hr.toFixed(4)}, NDCG@10 ${g.ndcg.toFixed(4)}`);
    const m = evaluateRanking(blend, protocol, { k: 10, rng: new Rng(seed) });
    hr.push(m["hr@10"]);
    ndcg.push(m["ndcg@10"]);
    console.log(`    test, weights [${blend.weights.join(", ")}]: HR@10 ${m["hr@10"].toFixed(4)}, NDCG@10 ${m["ndcg@10"].toFixed(4)} (fit ${fitCpu.toFixed(0)} CPU-s, total ${((performance.now() - wall0) / 1000).toFixed(0)} s wall)`);
    blend.dispose();
  }
  const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
  console.log(`mean over ${seeds.length} seeds: HR@10 ${mean(hr).toFixed(4)} [${Math.min(...hr).toFixed(4)}, ${Math.max(...hr).toFixed(4)}], NDCG@10 ${mean(ndcg).toFixed(4)} [${Math.min(...ndcg).toFixed(4)}, ${Math.max(...ndcg).toFixed(4)}]`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
