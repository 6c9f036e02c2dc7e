/**
 * Every results table names the one command that reproduces it (results/README.md, README's headline table): the
 * command must still run. Each recorded entry's parameters are applied to its notebook's parameters cell as the
 * runner would apply `--param` overrides, so a renamed parameter, a value outside its declared range or a removed
 * notebook fails here instead of in a reader's terminal.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readAllResults } from "../../src/report/results-store";
import { readNotebook } from "../../src/runner/nbformat";
import { applyOverrides } from "../../src/runner/parameter-overrides";
import { findParametersCell } from "../../src/runner/parameters";

const repo = path.resolve(__dirname, "..", "..");

test("every recorded entry's reproduce command names its notebook's current parameters with allowed values", () => {
  const problems: string[] = [];
  let checked = 0;
  for (const nb of readAllResults(path.join(repo, "results"))) {
    for (const [key, entry] of Object.entries(nb.entries)) {
      if (entry.notebook === "bench") continue;
      const file = path.join(repo, "notebooks", `${entry.notebook}.ipynb`);
      if (!fs.existsSync(file)) {
        problems.push(`${nb.notebook}.json "${key}": notebook ${file} does not exist`);
        continue;
      }
      try {
        applyOverrides(findParametersCell(readNotebook(file), file), entry.parameters as never, file);
        checked++;
      } catch (e) {
        problems.push(`${nb.notebook}.json "${key}": ${(e as Error).message}`);
      }
    }
  }
  assert.ok(checked > 0, "there are recorded entries");
  assert.deepEqual(problems, [], "rerun these entries (npm run experiments / experiments:shared) so their commands name current parameters");
});
