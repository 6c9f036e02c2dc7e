/**
 * Asynchronous errors are attributed to the cell that started them: cell 2 schedules a throw that fires while
 * cell 3 runs; the error lands in cell 2's outputs, the run's failure names cell 2, and cell 3 is stopped. An
 * error whose origin cannot be known is reported "after cell N" (assembly from a journal).
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { CodeCell, createNotebook, runNotebook, writeNotebook } from "../../src/runner";
import { JournalEvent } from "../../src/runner/journal";
import { assembleNotebook } from "../../src/runner/notebook-assembly";
import { plainText, tempDir } from "./helpers";

describe("asynchronous errors", () => {
  test("an error thrown by cell 2's timer while cell 3 runs is cell 2's failure", { timeout: 120_000 }, async () => {
    const dir = tempDir("runner-async-");
    const file = path.join(dir, "late.ipynb");
    writeNotebook(
      file,
      createNotebook([
        { type: "markdown", source: "# Late error" },
        { type: "code", source: "const DELAY_MS = 300;", tags: ["parameters"] },
        { type: "code", source: 'setTimeout(() => { throw new Error("late boom from cell 2"); }, DELAY_MS);\nconsole.log("scheduled");' },
        { type: "code", source: 'console.log("cell 3 started");\nawait new Promise((resolve) => setTimeout(resolve, 20_000));\nconsole.log("cell 3 finished");' },
        { type: "code", source: 'console.log("never");' },
      ]),
    );
    const r = await runNotebook(file, { outDir: path.join(dir, "out"), quiet: true });
    assert.equal(r.ok, false);
    assert.deepEqual(r.failure, {
      kind: "error",
      cellIndex: 2,
      executionCount: 2,
      message: "Error: late boom from cell 2 (raised asynchronously after the cell had finished)",
    });
    assert.match(r.failureLine ?? "", /late\.ipynb: cell 2 \(execution count \[2\], file cell 3 of 5\) failed: Error: late boom from cell 2 \(raised asynchronously after the cell had finished\)$/);
    const cell2 = r.notebook.cells[2] as CodeCell;
    assert.equal(plainText(cell2.outputs[0]), "scheduled\n");
    const error = cell2.outputs[1];
    assert.ok(error.output_type === "error");
    assert.equal(error.evalue, "late boom from cell 2");
    assert.equal(error.traceback[error.traceback.length - 1], "(raised asynchronously by this cell after it had finished, while cell [3] ran: uncaught exception or unhandled rejection)");
    const cell3 = r.notebook.cells[3] as CodeCell;
    assert.equal(plainText(cell3.outputs[0]), "cell 3 started\n");
    const stopped = cell3.outputs[1];
    assert.ok(stopped.output_type === "error");
    assert.equal(`${stopped.ename}: ${stopped.evalue}`, "Stopped: stopped: cell [2] raised an asynchronous error (see its output)");
    assert.equal(cell3.outputs.length, 2, "cell 3 did not finish");
    assert.ok(r.seconds < 15, `cell 3 was interrupted, not waited for (${r.seconds} s)`);
    assert.deepEqual((r.notebook.cells[4] as CodeCell).outputs, []);
    assert.deepEqual(r.cells.map((c) => [c.executionCount, c.status]), [[1, "ok"], [2, "error"], [3, "error"]]);
  });

  test("an error of unknown origin is reported after the cell last started", () => {
    const nb = createNotebook([
      { type: "code", source: "const A = 1;", tags: ["parameters"] },
      { type: "code", source: "a()" },
      { type: "code", source: "b()" },
    ]);
    const output = { output_type: "error" as const, ename: "Error", evalue: "from nowhere", traceback: ["Error: from nowhere"] };
    const events: JournalEvent[] = [
      { e: "kernel-ready", seconds: 1 },
      { e: "cell-start", cell: 0, count: 1, at: 0 },
      { e: "cell-end", cell: 0, ok: true, seconds: 0, timedOut: false },
      { e: "cell-start", cell: 1, count: 2, at: 0 },
      { e: "cell-end", cell: 1, ok: true, seconds: 0, timedOut: false },
      { e: "async-error", cell: 1, count: 2, output, originKnown: false },
      { e: "end" },
    ];
    const a = assembleNotebook(nb, events, { code: 0, signal: null, killed: null, stderrTail: "" }, 60);
    assert.deepEqual(a.failure, {
      kind: "error",
      cellIndex: 1,
      executionCount: 2,
      message: "Error: from nowhere (raised asynchronously after cell [2] started, origin unknown)",
    });
    assert.deepEqual((nb.cells[1] as CodeCell).outputs, [output]);
    assert.deepEqual(a.cells.map((c) => c.status), ["ok", "error"]);
  });
});
