/**
 * The results site's index page: environment, one card per notebook (title, one-line summary, computed conclusion,
 * run time, status, link to its report) and the leaderboards, as one self-contained HTML file (inline CSS and
 * script, relative links only) that works from file:// and on any static host.
 */
import { escapeHtml } from "../html-escape";
import { type Leaderboard, renderLeaderboard } from "./leaderboard";
import { SITE_SCRIPT, SITE_STYLE } from "./site-assets";

/** One notebook's card. */
export interface NotebookCard {
  /** File stem, e.g. "mlp". */
  notebook: string;
  title: string;
  /** First sentence of the notebook's introduction. */
  summary: string;
  /** The run's computed conclusion (`ResultEntry.conclusion`) or, failing that, the last code cell's text output. */
  conclusion?: string;
  /** Where the conclusion came from. */
  conclusionSource?: "result" | "last cell";
  /** Run time in seconds and status from the runner's run record; "missing" when there is no report. */
  seconds?: number;
  status: "ok" | "failed" | "missing";
  /** Relative link to the report page, when there is one. */
  href?: string;
  /** Overridden parameters of the run, if any. */
  overridden?: string[];
}

/** The run environment shown on the page. */
export interface SiteEnvironment {
  backend?: string;
  node?: string;
  machine?: string;
  /** Latest end of a run, ISO. */
  date?: string;
  commit?: string;
}

/** Everything the index shows. */
export interface IndexPage {
  cards: NotebookCard[];
  leaderboards: Leaderboard[];
  environment: SiteEnvironment;
  /** Relative link to results/README.md. */
  resultsReadmeHref?: string;
  /** When the page was built, ISO. */
  built: string;
}

function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function renderCard(c: NotebookCard): string {
  const title = c.href ? `<a href="${escapeHtml(c.href)}">${escapeHtml(c.title)}</a>` : escapeHtml(c.title);
  const conclusion = c.conclusion
    ? `<p class="conclusion${c.conclusionSource === "last cell" ? " fallback" : ""}" title="${c.conclusionSource === "last cell" ? "output of the notebook's last code cell" : "computed conclusion recorded with the results"}">${escapeHtml(c.conclusion)}</p>`
    : "";
  const overridden = c.overridden && c.overridden.length ? ` &middot; overridden: ${escapeHtml(c.overridden.join(", "))}` : "";
  const time = c.seconds === undefined ? "not recorded" : seconds(c.seconds);
  return `<article class="card" id="card-${escapeHtml(c.notebook)}">
<h3>${title}</h3>
<p class="summary">${escapeHtml(c.summary)}</p>
${conclusion}
<p class="meta"><span class="status ${c.status}">${c.status === "missing" ? "no report" : c.status}</span> &middot; run time ${time}${overridden} &middot; <code>${escapeHtml(c.notebook)}.ipynb</code></p>
</article>`;
}

function renderEnvironment(env: SiteEnvironment, readme?: string): string {
  const row = (name: string, value?: string) => `<dt>${name}</dt><dd>${value ? escapeHtml(value) : "not recorded"}</dd>`;
  const link = readme ? `<p>Every number with its provenance: <a href="${escapeHtml(readme)}">results/README.md</a>.</p>` : "";
  return `<dl class="env">${row("backend", env.backend)}${row("Node", env.node)}${row("machine", env.machine)}${row("date", env.date)}${row("commit", env.commit)}</dl>${link}`;
}

/** The index page as HTML. */
export function renderIndexPage(page: IndexPage): string {
  const jump = page.leaderboards.map((lb) => `<a href="#${lb.id}">${escapeHtml(lb.dataset)}: ${escapeHtml(lb.protocol)}</a>`).join(" ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>recsys-notebooks: results</title>
<style>${SITE_STYLE}</style>
</head>
<body>
<header>
<h1>recsys-notebooks: results</h1>
<p class="lead">Recommender systems in TypeScript on TensorFlow.js: every notebook's report, and leaderboards gathered from
the recorded results, each number beside its published anchor. Built ${escapeHtml(page.built)}.</p>
</header>
<h2 id="environment">Environment</h2>
${renderEnvironment(page.environment, page.resultsReadmeHref)}
<h2 id="notebooks">Notebooks</h2>
<div class="cards">
${page.cards.map(renderCard).join("\n")}
</div>
<h2 id="leaderboards">Leaderboards</h2>
<p>One table per data set and protocol. Click a column heading to sort; &#9733; marks the best value of each metric.
Hover a published number for its source.</p>
<nav class="jump">${jump}</nav>
${page.leaderboards.length ? page.leaderboards.map(renderLeaderboard).join("\n") : "<p>No results recorded yet.</p>"}
<script>${SITE_SCRIPT}</script>
</body>
</html>
`;
}
