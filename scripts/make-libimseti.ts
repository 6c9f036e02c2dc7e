/**
 * `npm run make:libimseti -- --out <dir> [--scale 1] [--seed 1]`: writes a synthetic LibimSeTi-format data set
 * (ratings.dat, gender.dat, SYNTHETIC.md) of the real shape times `scale` into `<dir>` (src/data/synthetic-libimseti.ts).
 */
import * as path from "node:path";
import { writeSyntheticLibimseti } from "../src/data/synthetic-libimseti";

const usage = "usage: npm run make:libimseti -- --out <dir> [--scale 1] [--seed 1]";

function main(argv: string[]): number {
  const values: Record<string, string> = {};
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    if (!["--out", "--scale", "--seed"].includes(flag) || k + 1 >= argv.length) {
      console.error(`make:libimseti: unexpected argument ${JSON.stringify(flag)}\n${usage}`);
      return 2;
    }
    values[flag.slice(2)] = argv[++k];
  }
  if (!values.out) {
    console.error(`make:libimseti: --out is required\n${usage}`);
    return 2;
  }
  const scale = Number(values.scale ?? "1");
  const seed = Number(values.seed ?? "1");
  if (!Number.isSafeInteger(seed)) {
    console.error(`make:libimseti: --seed must be an integer, got ${JSON.stringify(values.seed)}`);
    return 2;
  }
  const started = Date.now();
  let lastShown = 0;
  try {
    const s = writeSyntheticLibimseti(path.resolve(values.out), {
      scale,
      seed,
      onProgress: (done, total) => {
        if (done - lastShown >= 1_000_000 || done === total) {
          lastShown = done;
          process.stderr.write(`\r${done.toLocaleString("en")} / ${total.toLocaleString("en")} ratings`);
        }
      },
    });
    process.stderr.write("\n");
    console.log(`wrote ${s.ratings} ratings of ${s.users} users on ${s.profiles} profiles, ${s.genderRows} gender rows, to ${s.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    console.error(`make:libimseti: ${(e as Error).message}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
