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
    { type: "markdown", source: "# Results\n\nSome *emphasis*." },
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
  });

  test("head loads the shared Plotly bundle before any output script", () => {
    const head = html.slice(0, html.indexOf("</head>"));
    assert.match(head, /<script src="assets\/plotly\.min\.js"><\/script>/);
    assert.ok(html.indexOf("assets/plotly.min.js") < html.indexOf("Plotly.newPlot"));
  });

  test("header shows name, date, status, parameters and times", () => {
    assert.match(html, /<h1>notebooks\/demo\.ipynb<\/h1>/);
    assert.match(html, /2024-05-01T12:00:00\.000Z/);
    assert.match(html, /class="status failed"/);
    assert.match(html, /failed: Error: boom &lt;b&gt;.*href="#cell-3"/);
    assert.match(html, /<code>N<\/code><\/td><td><code>5<\/code><\/td><td>overridden/);
    assert.match(html, /total 12\.5 s \(kernel start 2\.00 s\)/);
    assert.match(html, /<a href="#cell-3">\[2\]<\/a><\/td><td class="num">0\.25 s<\/td><td>error/);
  });

  test("markdown rendered, code escaped, outputs rendered by type", () => {
    assert.match(html, /<h1>Results<\/h1>\s*<p>Some <em>emphasis<\/em>\.<\/p>/);
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
