/**
 * Seconds per training epoch of the bench's neural cases with the fused tower on one and on two threads,
 * alternating 1, 2, 1, 2, ... in one process (so that a machine whose load changes treats both alike), on a
 * loadable data set (default ml-1m) split as the bench splits it. Each round fits the case for `--epochs` epochs
 * per thread count; the first epoch of each fit (warm-up) is left out. Prints per round the epoch times, the CPU
 * time per wall time of the process (about 1 + the worker's share when the second core was free; near 1 when
 * another process held it) and the last validation RMSE (the same for both: the results are the same bits).
 *
 *   npx tsx scripts/measure-tower-threads.ts [--cases tfjs-mlp,tfjs-mlp-features] [--data ml-1m] [--epochs 3] [--rounds 2]
 */
import * as os from "node:os";
import { parseArgs } from "node:util";
import { initBackend } from "../src/backend/select-backend";
import { benchCase } from "../src/bench/bench-cases";
import { loadDataset } from "../src/data/dataset-registry";
import { randomSplit } from "../src/data/splits/random-split";
import { Rng } from "../src/random/rng";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: "string", default: "tfjs-mlp,tfjs-mlp-features" }, data: { type: "string", default: "ml-1m" }, epochs: { type: "string", default: "3" }, rounds: { type: "string", default: "2" } },
  });
  const epochs = Number(values.epochs);
  const rounds = Number(values.rounds);
  await initBackend();
  const ratings = await loadDataset(values.data!);
  const { train, test: validation } = randomSplit(ratings, new Rng(1).fork(), { testFraction: 0.05 });
  console.log(`${ratings.name}: ${train.size} training ratings; cores ${os.availableParallelism()}; load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  for (const id of values.cases!.split(",")) {
    const c = benchCase(id);
    const mean: Record<string, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round++) {
      for (const threads of ["1", "2"]) {
        process.env.RECSYS_TOWER_THREADS = threads;
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const result = await c.run(train, validation, epochs, new Rng(1));
        const cpu = process.cpuUsage(c0);
        const steady = result.slice(1).map((e) => e.seconds);
        mean[threads].push(...steady);
        const rmse = result[result.length - 1].validationRmse;
        console.log(`${id} threads ${threads}: epochs ${result.map((e) => e.seconds.toFixed(2)).join(" ")} s; cpu/wall ${((cpu.user + cpu.system) / 1000 / (performance.now() - w0)).toFixed(2)}; val RMSE ${rmse.toFixed(4)}; load ${os.loadavg()[0].toFixed(2)}`);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`${id}: median epoch ${med(mean[1]).toFixed(2)} s on 1 thread, ${med(mean[2]).toFixed(2)} s on 2 (${(med(mean[1]) / med(mean[2])).toFixed(2)}x)`);
  }
  delete process.env.RECSYS_TOWER_THREADS;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
