import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { PLOTLY_SRC_ENV, showFigure } from "../../src/report/plotly-chart";

/** Loads a stand-in tslab (dist/jupyter.js with a display sink, dist/public.js recording display.html calls). */
function fakeTslab(): string[] {
  const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-tslab-")), "tslab", "dist");
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, "jupyter.js"), "exports.lastWriteDisplayData = {};\n");
  fs.writeFileSync(path.join(dist, "public.js"), "exports.shown = [];\nexports.display = { html: (s) => exports.shown.push(s), text: () => {} };\n");
  require(path.join(dist, "jupyter.js"));
  return (require(path.join(dist, "public.js")) as { shown: string[] }).shown;
}

test("in a Jupyter kernel the Plotly bundle goes out with the first chart only; under the runner never", () => {
  const shown = fakeTslab();
  const saved = process.env[PLOTLY_SRC_ENV];
  try {
    process.env[PLOTLY_SRC_ENV] = "assets/plotly.min.js";
    showFigure({ data: [{ type: "bar", x: [1], y: [2] }], layout: {} }, "runner chart");
    delete process.env[PLOTLY_SRC_ENV];
    for (const title of ["first", "second", "third"]) showFigure({ data: [{ type: "bar", x: [1], y: [2] }], layout: {} }, title);
  } finally {
    if (saved === undefined) delete process.env[PLOTLY_SRC_ENV];
    else process.env[PLOTLY_SRC_ENV] = saved;
  }
  assert.equal(shown.length, 4);
  const withBundle = shown.map((html) => /plotly\.js v\d/.test(html));
  assert.deepEqual(withBundle, [false, true, false, false], "bundle inlined exactly once, with the first chart of the session");
  for (const html of shown) assert.match(html, /Plotly\.newPlot\(/);
  assert.ok(shown[0].length < 5_000 && shown[2].length < 5_000, "charts without the bundle are small");
  assert.equal(new Set(shown.map((html) => /id="(recsys-chart-[\w-]+)"/.exec(html)?.[1])).size, 4, "unique element ids");
});
