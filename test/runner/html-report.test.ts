import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  CodeCell,
  createNotebook,
  ensurePlotlyBundle,
  plotlyBundleHref,
  plotlyBundleSource,
  renderHtmlReport,
  renderOutput,
} from "../../src/runner";
import { TINY_PNG_BASE64 } from "./fixtures/generate-fixtures";
import { tempDir } from "./helpers";

describe("HTML report", () => {
  const nb = createNotebook([
    { type: "markdown", source: "# Results of *the* demo\n\nSome *emphasis*.\n\n## Part one\n\nSee [mlp](mlp.ipynb) and [x](https://example.org/a.ipynb).\n\n## Part one" },
    { type: "code", source: "const N = 2;", tags: ["parameters"] },
    { type: "code", source: 'const s = 1 < 2 && "<b>&</b>";' },
  ]);
  const cell = nb.cells[2] as CodeCell;
  cell.execution_count = 2;
  cell.metadata.runner = { duration_seconds: 0.25, status: "error" };
  cell.outputs = [
    { output_type: "stream", name: "stdout", text: ["<not html>\n", "\u001b[31mred\u001b[0m 10%\r\u001b[31mred\u001b[0m 100%\n"] },
    { output_type: "display_data", data: { "text/html": ['<div id="p"></div><script>Plotly.newPlot("p", [])</script>'], "text/plain": ["fallback"] }, metadata: {} },
    { output_type: "display_data", data: { "image/png": TINY_PNG_BASE64 }, metadata: {} },
    { output_type: "display_data", data: { "image/svg+xml": ["<svg></svg>"] }, metadata: {} },
    { output_type: "display_data", data: { "text/markdown": ["**bold**"] }, metadata: {} },
    { output_type: "execute_result", execution_count: 2, data: { "text/plain": ["{ a: '<x>' }"] }, metadata: {} },
    { output_type: "error", ename: "Error", evalue: "boom <b>", traceback: ["Error: boom <b>", "    at cell:1:1"] },
  ];
  const html = renderHtmlReport(nb, {
    title: "notebooks/demo.ipynb",
    date: new Date("2024-05-01T12:00:00Z"),
    ok: false,
    failureMessage: "notebooks/demo.ipynb: cell 2 (...) failed: Error: boom <b>",
    failedCellIndex: 2,
    parameters: [{ name: "N", value: 5, overridden: true }],
    totalSeconds: 12.5,
    startupSeconds: 2,
    plotlyHref: "assets/plotly.min.js",
    commit: "abc123def456",
    backend: "wasm (SIMD, 1 thread), tfjs-core 4.22.0",
    machine: "2 x CPU, Linux, Node v20",
    notebookHref: "demo.ipynb",
  });

  test("head loads the shared Plotly bundle before any output script", () => {
    const head = html.slice(0, html.indexOf("</head>"));
    assert.match(head, /<script src="assets\/plotly\.min\.js"><\/script>/);
    assert.ok(html.indexOf("assets/plotly.min.js") < html.indexOf("Plotly.newPlot"));
  });

  test("header shows title, source, date, status, commit, backend, machine, parameters and times", () => {
    assert.match(html, /<title>Results of the demo · recsys-notebooks<\/title>/);
    assert.match(html, /<header>\n<h1>Results of the demo<\/h1>\n<p class="source-name">notebooks\/demo\.ipynb<\/p>/);
    assert.match(html, /<dt>date<\/dt><dd>2024-05-01T12:00:00\.000Z/);
    assert.match(html, /<dt>commit<\/dt><dd>abc123def456<\/dd>/);
    assert.match(html, /<dt>backend<\/dt><dd>wasm \(SIMD, 1 thread\), tfjs-core 4\.22\.0<\/dd>/);
    assert.match(html, /<dt>machine<\/dt><dd>2 x CPU, Linux, Node v20<\/dd>/);
    assert.match(html, /class="status failed"/);
    assert.match(html, /failed: Error: boom &lt;b&gt;.*href="#cell-3"/);
    assert.match(html, /<th>parameter<\/th><th>value<\/th><th>set by<\/th>/);
    assert.match(html, /<tr class="overridden"><td><code>N<\/code><\/td><td><code>5<\/code><\/td><td><span class="badge">overridden<\/span>/);
    assert.match(html, /<dt>total time<\/dt><dd>12\.5 s \(kernel start 2\.00 s\)/);
    assert.match(html, /<a href="#cell-3">\[2\]<\/a><\/td><td class="num">0\.25 s<\/td><td>error/);
  });

  test("markdown rendered, code escaped, outputs rendered by type", () => {
    assert.match(html, /<h1 id="results-of-the-demo">Results of <em>the<\/em> demo<\/h1>\s*<p>Some <em>emphasis<\/em>\.<\/p>/);
    assert.ok(html.includes("const s = 1 &lt; 2 &amp;&amp; &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;;"));
    assert.ok(html.includes('<pre class="stream stdout">&lt;not html&gt;\nred 100%\n</pre>'));
    assert.ok(html.includes('<div class="html-output"><div id="p"></div><script>Plotly.newPlot("p", [])</script></div>'));
    assert.ok(!html.includes("fallback"));
    assert.ok(html.includes(`<img class="image-output" alt="" src="data:image/png;base64,${TINY_PNG_BASE64}">`));
    assert.ok(html.includes('<div class="svg-output"><svg></svg></div>'));
    assert.ok(html.includes("<strong>bold</strong>"));
    assert.ok(html.includes("<pre class=\"text-output\">{ a: &#39;&lt;x&gt;&#39; }</pre>"));
    assert.ok(html.includes("Error: boom &lt;b&gt;\n    at cell:1:1"));
    assert.match(html, /In \[2\] &middot; 0\.25 s &middot; error/);
  });

  test("navigation: index link, download link, code toggle, table of contents, next links to reports", () => {
    assert.match(html, /<nav class="top"><a href="index\.html">/);
    assert.match(html, /<a href="demo\.ipynb" download>/);
    assert.match(html, /<button type="button" id="toggle-code"/);
    assert.match(html, /body\.hide-code pre\.source/);
    assert.match(html, /<nav class="toc"[^>]*><strong>Contents<\/strong><ul><li class="h2"><a href="#part-one">Part one<\/a><\/li><li class="h2"><a href="#part-one-2">Part one<\/a><\/li><\/ul><\/nav>/);
    assert.match(html, /<h2 id="part-one">Part one<\/h2>[\s\S]*<h2 id="part-one-2">Part one<\/h2>/);
    assert.match(html, /<a href="mlp\.html">mlp<\/a>/, "a link to a sibling notebook points to its report");
    assert.match(html, /<a href="https:\/\/example\.org\/a\.ipynb">x<\/a>/, "external links are left alone");
    const custom = renderHtmlReport(nb, { title: "t", date: new Date(0), ok: true, parameters: [], totalSeconds: 1, startupSeconds: null, plotlyHref: "p.js", resolveNotebookLink: () => undefined });
    assert.match(custom, /<a href="mlp\.ipynb">mlp<\/a>/, "a resolver returning undefined keeps the link");
    assert.match(custom, /<dt>backend<\/dt><dd>none \(this notebook did not start TF\.js\)<\/dd>/);
    assert.match(custom, /<dt>commit<\/dt><dd>not recorded<\/dd>/);
    assert.doesNotMatch(custom, / download>/, "no download link without a notebook");
  });

  test("unknown output types fall back to escaped JSON", () => {
    assert.match(renderOutput({ output_type: "weird" } as never), /<pre class="text-output">\{\n {2}&quot;output_type&quot;/);
  });
});

describe("shared Plotly bundle", () => {
  test("copied once, only when absent or changed", () => {
    const out = tempDir();
    const first = ensurePlotlyBundle(out);
    assert.equal(first.path, path.join(out, "assets", "plotly.min.js"));
    assert.equal(first.copied, true);
    assert.equal(ensurePlotlyBundle(out).copied, false);
    fs.writeFileSync(first.path, "stale");
    assert.equal(ensurePlotlyBundle(out).copied, true);
    assert.equal(fs.statSync(first.path).size, fs.statSync(plotlyBundleSource()).size);
    assert.deepEqual(fs.readdirSync(path.join(out, "assets")), ["plotly.min.js"]);
  });

  test("relative href from a report", () => {
    assert.equal(plotlyBundleHref("/r/x.html"), "assets/plotly.min.js");
    assert.equal(plotlyBundleHref("/r/sub/x.html", "/r/assets/plotly.min.js"), "../assets/plotly.min.js");
  });
});
