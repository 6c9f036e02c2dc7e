/**
 * The runner's share of the cores per notebook (RECSYS_CORES): with --jobs N each notebook may keep
 * cores / N busy, so that a notebook's second tower thread or child process never competes with another notebook.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { machineCores } from "../../src/backend/core-budget";
import { notebookCoresEnv } from "../../src/runner/cli";

test("each notebook gets cores / jobs (at least 1); a RECSYS_CORES of the caller's is left alone", () => {
  const cores = machineCores();
  assert.deepEqual(notebookCoresEnv(1, {}), { RECSYS_CORES: String(cores) });
  assert.deepEqual(notebookCoresEnv(2, {}), { RECSYS_CORES: String(Math.max(1, Math.floor(cores / 2))) });
  assert.deepEqual(notebookCoresEnv(cores * 4, {}), { RECSYS_CORES: "1" });
  assert.deepEqual(notebookCoresEnv(2, { RECSYS_CORES: "3" }), {});
});
