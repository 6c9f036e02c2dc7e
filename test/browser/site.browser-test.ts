/**
 * `npm run test:browser`: runs every notebook with the smoke parameters into a scratch folder (results into a
 * scratch results folder), builds the results site from them, and checks the index and every report page in
 * Debian's chromium (test/browser/site-checker.ts), saving a screenshot of each page under reports/screenshots/.
 * Then shows the checker is not blind: a copy with a chart's data removed and a broken link must be reported.
 * Where Debian's Jupyter is installed, also executes a notebook with several charts under `jupyter nbconvert
 * --execute` (tslab kernel) and checks that the bundle went out once and every chart renders in the exported page.
 * RECSYS_BROWSER_SMOKE_DIR=<dir> reuses an earlier smoke run in <dir> (reports/, results/) instead of running again.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { buildSite, type SiteBuild } from "../../src/runner/site-builder";
import { checkPage, launchChromium } from "./site-checker";
import { smokeRun } from "./smoke-run";

const repo = path.resolve(__dirname, "..", "..");
const screenshots = path.join(repo, "reports", "screenshots");
const notebooks = fs.readdirSync(path.join(repo, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.replace(/\.ipynb$/, "")).sort();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "site-browser-"));
const reused = process.env.RECSYS_BROWSER_SMOKE_DIR;
const smokeDir = reused ? path.resolve(reused) : path.join(scratch, "smoke");

let browser: Browser;
let site: SiteBuild;

before(async () => {
  if (!reused || !fs.existsSync(path.join(smokeDir, "reports"))) {
    const run = await smokeRun(smokeDir, (line) => process.stderr.write(`smoke: ${line}\n`));
    assert.deepEqual(run.failed, [], "every notebook runs with the smoke parameters");
  }
  site = buildSite({ reportsDir: path.join(smokeDir, "reports"), resultsDir: path.join(smokeDir, "results"), notebooksDir: path.join(repo, "notebooks") });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the results site of a smoke run", () => {
  test("executed notebooks load the shared Plotly asset and stay under 1 MB (also the chart-heaviest)", () => {
    const sizes = notebooks.map((nb) => ({ nb, bytes: fs.statSync(path.join(smokeDir, "reports", `${nb}.ipynb`)).size }));
    for (const { nb, bytes } of sizes) assert.ok(bytes < 1_000_000, `${nb}.ipynb is ${bytes} bytes`);
    const charts = (nb: string) => (fs.readFileSync(path.join(smokeDir, "reports", `${nb}.ipynb`), "utf8").match(/Plotly\.newPlot/g) ?? []).length;
    const heaviest = [...notebooks].sort((a, b) => charts(b) - charts(a))[0];
    assert.ok(charts(heaviest) >= 3, `${heaviest} has ${charts(heaviest)} charts`);
    assert.doesNotMatch(fs.readFileSync(path.join(smokeDir, "reports", `${heaviest}.ipynb`), "utf8"), /plotly\.js v\d/, "no inlined Plotly bundle");
  });

  test("the index has a card per notebook with run time and status, and leaderboards", () => {
    assert.deepEqual(site.cards.map((c) => c.notebook), notebooks);
    for (const c of site.cards) {
      assert.equal(c.status, "ok", c.notebook);
      assert.ok(typeof c.seconds === "number" && c.seconds > 0, `${c.notebook} has a run time`);
      assert.ok(c.title && c.summary, `${c.notebook} has a title and summary`);
    }
    const html = fs.readFileSync(site.indexPath, "utf8");
    assert.ok((html.match(/<table class="sortable">/g) ?? []).length >= 3, "leaderboards");
  });

  for (const page of ["index", ...notebooks]) {
    test(`${page}.html: no console error, charts drawn with data, links resolve, sorting and code toggle work`, async () => {
      const problems = await checkPage(browser, path.join(smokeDir, "reports", `${page}.html`), { screenshot: path.join(screenshots, `${page}.png`) });
      assert.deepEqual(problems, []);
    });
  }

  test("npm run report --out: a self-contained copy whose links stay inside it", async () => {
    const out = path.join(scratch, "site-copy");
    const copy = buildSite({ reportsDir: path.join(smokeDir, "reports"), resultsDir: path.join(smokeDir, "results"), outDir: out, notebooksDir: path.join(repo, "notebooks") });
    assert.equal(copy.pages.length, notebooks.length);
    for (const page of ["index", notebooks[0]]) assert.deepEqual(await checkPage(browser, path.join(out, `${page}.html`), { root: out }), []);
    assert.ok(fs.existsSync(path.join(out, "results", "README.md")));
  });
});

describe("the checker catches broken pages", () => {
  test("a chart without data and a broken link are reported", async () => {
    const out = path.join(scratch, "mutated");
    buildSite({ reportsDir: path.join(smokeDir, "reports"), resultsDir: path.join(smokeDir, "results"), outDir: out });
    const file = path.join(out, "matrix-factorization.html");
    const html = fs.readFileSync(file, "utf8");
    const noData = html.replace(/var f=\{"data":\[[\s\S]*?\],"layout"/, 'var f={"data":[],"layout"');
    assert.notEqual(noData, html, "the first chart's data was removed");
    fs.writeFileSync(file, noData.replace('href="index.html"', 'href="missing-page.html"'));
    const problems = await checkPage(browser, file);
    assert.ok(problems.some((p) => /chart recsys-chart-[\w-]+: rendered without data points/.test(p)), problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("broken link missing-page.html")), problems.join("\n"));
    assert.equal(problems.length, 2, problems.join("\n"));
  });

  test("a leaderboard that does not sort and a code toggle that hides nothing are reported", async () => {
    const out = path.join(scratch, "mutated-2");
    buildSite({ reportsDir: path.join(smokeDir, "reports"), resultsDir: path.join(smokeDir, "results"), outDir: out });
    const index = path.join(out, "index.html");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("body.appendChild(rows[r])", "void rows[r]"));
    assert.ok((await checkPage(browser, index)).some((p) => /not sorted ascending/.test(p)));
    const report = path.join(out, "mlp.html");
    fs.writeFileSync(report, fs.readFileSync(report, "utf8").replace("body.hide-code pre.source,", ""));
    assert.ok((await checkPage(browser, report)).some((p) => /code toggle left \d+ code blocks visible/.test(p)));
  });
});

describe("in Jupyter", () => {
  const jupyter = "/usr/bin/jupyter";
  test("a notebook with several charts carries the Plotly bundle once and every chart renders", { skip: !fs.existsSync(jupyter) && `${jupyter} is not installed` }, async () => {
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: repo, encoding: "utf8", timeout: 600_000 });
      assert.equal(r.status, 0, `${cmd} ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
    };
    run("bash", ["scripts/jupyter-check.sh", "notebooks/data-exploration.ipynb", "600"]);
    const executed = path.join(repo, "reports", "jupyter", "data-exploration.ipynb");
    const text = fs.readFileSync(executed, "utf8");
    assert.equal((text.match(/plotly\.js v\d/g) ?? []).length, 1, "the bundle is in one output");
    assert.ok((text.match(/Plotly\.newPlot\(/g) ?? []).length >= 3, "several charts");
    const out = path.join(scratch, "jupyter");
    run(jupyter, ["nbconvert", "--to", "html", executed, "--output-dir", out]);
    const problems = await checkPage(browser, path.join(out, "data-exploration.html"), { screenshot: path.join(screenshots, "jupyter-data-exploration.png") });
    // nbconvert keeps the markdown links to sibling notebooks, which are not beside the export.
    assert.deepEqual(problems.filter((p) => !/broken link [\w-]+\.ipynb /.test(p)), []);
  });
});
