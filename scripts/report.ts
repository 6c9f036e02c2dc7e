/**
 * `npm run report [-- --out <dir>] [--reports <dir>] [--results <dir>]`: rebuilds the results site
 * (reports/index.html and every report page) and the README's headline table from results/*.json and the executed
 * notebooks in reports/, without
 * running anything. With --out, writes a self-contained copy for a static host.
 */
import * as path from "node:path";
import { repoRoot } from "../src/repo-root";
import { updateReadmeHighlights } from "../src/report/readme-highlights";
import { buildSite } from "../src/runner/site-builder";

const USAGE = `usage: npm run report [-- --out <dir>] [--reports <dir>] [--results <dir>]
  --reports  folder with the executed notebooks and their run records (default: reports)
  --results  folder with the results files (default: results)
  --out      write a self-contained copy of the site there instead of into the reports folder`;

function parse(argv: string[]): { reports: string; results: string; out?: string } | string {
  const root = repoRoot();
  const opts: { reports: string; results: string; out?: string } = { reports: path.join(root, "reports"), results: path.join(root, "results") };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    if (flag === "--help" || flag === "-h") return USAGE;
    const value = argv[k + 1];
    if (!["--out", "--reports", "--results"].includes(flag)) return `error: unknown argument ${JSON.stringify(flag)}\n${USAGE}`;
    if (value === undefined || value.startsWith("--")) return `error: ${flag} needs a folder\n${USAGE}`;
    k++;
    if (flag === "--out") opts.out = path.resolve(value);
    else if (flag === "--reports") opts.reports = path.resolve(value);
    else opts.results = path.resolve(value);
  }
  return opts;
}

const parsed = parse(process.argv.slice(2));
if (typeof parsed === "string") {
  const error = parsed.startsWith("error");
  (error ? process.stderr : process.stdout).write(parsed + "\n");
  process.exitCode = error ? 2 : 0;
} else {
  if (parsed.results === path.join(repoRoot(), "results")) updateReadmeHighlights(parsed.results, path.join(repoRoot(), "README.md"));
  const built = buildSite({ reportsDir: parsed.reports, resultsDir: parsed.results, outDir: parsed.out, notebooksDir: path.join(repoRoot(), "notebooks") });
  const where = path.relative(process.cwd(), built.indexPath) || built.indexPath;
  process.stdout.write(`${where}: ${built.cards.length} notebooks, ${built.pages.length} report pages, built in ${built.seconds.toFixed(1)} s\n`);
}
