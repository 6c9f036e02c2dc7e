/**
 * Times one forward and backward pass of the fused dense tower (src/backend/fused-tower.ts) on one and on two
 * threads, for the towers the notebooks train and a few small ones, at several batch sizes; prints ms per pass,
 * the speed-up, the batch's work (rows x Σ inPadded x outPadded, what `PARALLEL_MIN_WORK` compares) and the CPU
 * time per wall time of the two-thread runs (below about 1.9 another process is taking a core: with Linux's
 * autogroup scheduling, a busy process in another session gets a whole core whatever its nice value).
 *
 *   npx tsx scripts/measure-fused-tower.ts [--quick]
 */
import * as os from "node:os";
import { FusedTower } from "../src/backend/fused-tower";
import { Rng } from "../src/random/rng";

const quick = process.argv.includes("--quick");

/** [input width, hidden layers]: the ml-1m MLP (ID embeddings 2 x 32 plus features), the talk's MLP, small ones. */
const towers: [number, number[]][] = quick
  ? [[64, [128, 64, 32]], [64, [32, 16, 8]]]
  : [[64, [128, 64, 32]], [160, [128, 64, 32]], [64, [256, 128, 64, 32]], [64, [64, 32, 16]], [64, [32, 16, 8]], [16, [16, 8]]];
const batches = quick ? [256, 1024] : [64, 128, 256, 512, 1024, 2048];

function tower(threads: 1 | 2, width: number, hidden: number[], rows: number): FusedTower {
  const rng = new Rng(1);
  const t = new FusedTower(width, hidden, rows, { threads });
  const sizes = [width, ...hidden, 1];
  t.setWeights(sizes.slice(1).map((o, l) => Float32Array.from({ length: sizes[l] * o }, () => 0.1 * rng.normal())), sizes.slice(1).map((o) => new Float32Array(o)));
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < width; j++) t.input.data[t.input.offset + k * t.input.stride + j] = rng.normal();
    t.targets[k] = rng.normal();
  }
  return t;
}

/** Median ms per pass over 5 runs of about 40 ms each, and CPU time per wall time. */
function time(t: FusedTower, rows: number): { ms: number; cpu: number } {
  for (let i = 0; i < 20; i++) t.run(rows, 1 / rows);
  const t0 = performance.now();
  t.run(rows, 1 / rows);
  const reps = Math.max(3, Math.round(40 / Math.max(0.01, performance.now() - t0)));
  const runs: number[] = [];
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let r = 0; r < 5; r++) {
    const s = performance.now();
    for (let i = 0; i < reps; i++) t.run(rows, 1 / rows);
    runs.push((performance.now() - s) / reps);
  }
  const c = process.cpuUsage(c0);
  runs.sort((a, b) => a - b);
  return { ms: runs[2], cpu: (c.user + c.system) / 1000 / (performance.now() - w0) };
}

console.log(`cores ${os.availableParallelism()}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log("tower                 rows      work   1 thread   2 threads  speed-up  cpu/wall(2)");
for (const [width, hidden] of towers) {
  for (const rows of batches) {
    const one = time(tower(1, width, hidden, rows), rows);
    const two = time(tower(2, width, hidden, rows), rows);
    const sizes = [width, ...hidden, 1].map((w) => Math.ceil(w / 8) * 8);
    let work = 0;
    for (let l = 1; l < sizes.length; l++) work += sizes[l - 1] * sizes[l];
    const name = `${width}-${hidden.join("-")}`;
    console.log(`${name.padEnd(20)} ${String(rows).padStart(5)} ${(rows * work / 1e6).toFixed(2).padStart(8)}M ${one.ms.toFixed(3).padStart(8)} ms ${two.ms.toFixed(3).padStart(8)} ms ${(one.ms / two.ms).toFixed(2).padStart(8)}x ${two.cpu.toFixed(2).padStart(8)}`);
  }
}
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
