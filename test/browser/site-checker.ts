/**
 * Checks a page of the results site in a real browser (Debian's chromium through playwright-core): no console
 * error, every Plotly container rendered as SVG with data points, every local link resolving to an existing file
 * (and in-page anchors to an element), sortable leaderboards sorting on click, the code toggle hiding the code.
 * Returns the problems found (empty when the page is fine) and optionally saves a screenshot.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Chromium as installed by Debian's `chromium` package; never a downloaded browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Starts headless chromium with the flags that keep it offline and quiet. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (the browser test never downloads a browser)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Options of {@link checkPage}. */
export interface CheckOptions {
  /** Save a full-page screenshot here (PNG). */
  screenshot?: string;
  /** Folder every local link must stay inside (for a self-contained copy). */
  root?: string;
}

/** What the page reports about its charts: id, whether an SVG was drawn, how many data marks it holds. */
interface ChartState {
  id: string;
  svg: boolean;
  marks: number;
}

async function chartStates(page: Page): Promise<ChartState[]> {
  return page.$$eval('div[id^="recsys-chart-"], .js-plotly-plot', (els) =>
    [...new Set(els)].map((el) => {
      const marks =
        el.querySelectorAll(".scatterlayer .point, .barlayer .point, .heatmaplayer image, .boxlayer .point").length +
        [...el.querySelectorAll(".scatterlayer path.js-line")].filter((p) => (p.getAttribute("d") ?? "").length > 2).length;
      return { id: el.id || "(no id)", svg: el.querySelector("svg.main-svg") !== null, marks };
    }),
  );
}

async function waitForCharts(page: Page): Promise<void> {
  await page
    .waitForFunction(`[...document.querySelectorAll('div[id^="recsys-chart-"]')].every((el) => el.querySelector("svg.main-svg") !== null)`, undefined, { timeout: 15_000 })
    .catch(() => undefined);
}

async function checkLinks(page: Page, file: string, root: string | undefined): Promise<string[]> {
  const problems: string[] = [];
  const refs = await page.$$eval("a[href], script[src], img[src], link[href]", (els) =>
    els.map((el) => ({ tag: el.tagName.toLowerCase(), raw: el.getAttribute("href") ?? el.getAttribute("src") ?? "" })),
  );
  const ids = new Set(await page.$$eval("[id]", (els) => els.map((el) => el.id)));
  const self = pathToFileURL(file).href;
  for (const ref of refs) {
    if (ref.raw === "" || /^(https?:|mailto:|data:|javascript:)/i.test(ref.raw)) continue;
    const url = new URL(ref.raw, self);
    if (url.protocol !== "file:") continue;
    const target = fileURLToPath(url);
    const samePage = url.href.split("#")[0] === self.split("#")[0];
    if (samePage && url.hash && !ids.has(decodeURIComponent(url.hash.slice(1)))) problems.push(`broken anchor ${ref.raw}: no element with that id`);
    else if (!fs.existsSync(target)) problems.push(`broken link ${ref.raw} (<${ref.tag}>): ${target} does not exist`);
    else if (root && path.relative(root, target).startsWith("..")) problems.push(`link ${ref.raw} leaves the site folder ${root}`);
  }
  return problems;
}

async function checkSorting(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const tables = await page.$$("table.sortable");
  for (const [t, table] of tables.entries()) {
    const headers = await table.$$("thead th");
    const numeric = [];
    for (const [k, th] of headers.entries()) if ((await th.getAttribute("data-type")) === "number") numeric.push(k);
    for (const col of numeric.slice(0, 2)) {
      for (const direction of ["ascending", "descending"]) {
        await headers[col].$("button").then((b) => b?.click());
        const values = await table.$$eval(`tbody tr`, (rows, c) => rows.map((r) => r.children[c].getAttribute("data-sort") ?? ""), col);
        const numbers = values.filter((v) => v !== "").map(Number);
        const blanksLast = values.findIndex((v) => v === "") === -1 || values.slice(values.findIndex((v) => v === "")).every((v) => v === "");
        const ordered = numbers.every((v, k) => k === 0 || (direction === "ascending" ? numbers[k - 1] <= v : numbers[k - 1] >= v));
        const state = await headers[col].getAttribute("aria-sort");
        if (!ordered || !blanksLast || state !== direction) problems.push(`leaderboard ${t + 1}, column ${col + 1}: not sorted ${direction} after a click (${values.join(", ")})`);
      }
    }
  }
  return problems;
}

async function checkCodeToggle(page: Page): Promise<string[]> {
  const toggle = await page.$("#toggle-code");
  if (!toggle) return (await page.$("pre.source")) ? ["a page with code has no #toggle-code control"] : [];
  const visible = () => page.$$eval("pre.source", (els) => els.filter((el) => (el as unknown as { offsetParent: unknown }).offsetParent !== null).length);
  const before = await visible();
  await toggle.click();
  const hidden = await visible();
  await toggle.click();
  const after = await visible();
  const problems: string[] = [];
  if (before === 0 && (await page.$("pre.source"))) problems.push("code is hidden before the toggle is used");
  if (hidden !== 0) problems.push(`the code toggle left ${hidden} code blocks visible`);
  if (after !== before) problems.push(`the code toggle did not show the code again (${after} of ${before} visible)`);
  return problems;
}

/** Loads `file` in a new page of `browser` and returns every problem found (see the module comment). */
export async function checkPage(browser: Browser, file: string, options: CheckOptions = {}): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await waitForCharts(page);
    for (const c of await chartStates(page)) {
      if (!c.svg) problems.push(`chart ${c.id}: no rendered SVG`);
      else if (c.marks === 0) problems.push(`chart ${c.id}: rendered without data points`);
    }
    problems.push(...(await checkLinks(page, file, options.root)));
    problems.push(...(await checkSorting(page)));
    problems.push(...(await checkCodeToggle(page)));
    if (options.screenshot) {
      fs.mkdirSync(path.dirname(options.screenshot), { recursive: true });
      await page.screenshot({ path: options.screenshot, fullPage: true });
    }
  } finally {
    await page.close();
  }
  return problems.map((p) => `${path.basename(file)}: ${p}`);
}
