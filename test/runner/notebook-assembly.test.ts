import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CodeCell, createNotebook, validateNotebook } from "../../src/runner";
import { JournalEvent } from "../../src/runner/journal";
import { assembleNotebook } from "../../src/runner/notebook-assembly";
import { applyCarriageReturns, stripAnsi } from "../../src/runner/text-utils";
import { WorkerExit } from "../../src/runner/worker-process";

const cleanExit: WorkerExit = { code: 0, signal: null, killed: null, stderrTail: "" };

function notebook() {
  return createNotebook([
    { type: "markdown", source: "# t" },
    { type: "code", source: "const A = 1;", tags: ["parameters"] },
    { type: "code", source: "work()" },
    { type: "code", source: "more()" },
  ]);
}

const outputs = (nb: ReturnType<typeof notebook>, index: number) => (nb.cells[index] as CodeCell).outputs;

describe("assembling the executed notebook from the journal", () => {
  test("streams merge, carriage returns resolve, display updates replace, counts and times are set", () => {
    const nb = notebook();
    const events: JournalEvent[] = [
      { e: "kernel-ready", seconds: 1.5 },
      { e: "cell-start", cell: 1, count: 1, at: 0 },
      { e: "cell-end", cell: 1, ok: true, seconds: 0.01, timedOut: false },
      { e: "cell-start", cell: 2, count: 2, at: 0 },
      { e: "stream", cell: 2, name: "stdout", text: "a\n" },
      { e: "stream", cell: 2, name: "stdout", text: "\r10%\r50%" },
      { e: "stream", cell: 2, name: "stdout", text: "\r100%\n" },
      { e: "display", cell: 2, data: { "text/plain": "working" }, metadata: {}, displayId: "d1", update: false },
      { e: "stream", cell: 2, name: "stderr", text: "warn\n" },
      { e: "cell-end", cell: 2, ok: true, seconds: 0.5, timedOut: false },
      { e: "cell-start", cell: 3, count: 3, at: 0 },
      { e: "display", cell: 3, data: { "text/plain": "done" }, metadata: {}, displayId: "d1", update: true },
      { e: "display", cell: 3, data: { "text/html": "<b>x</b>" }, metadata: {}, displayId: null, update: false },
      { e: "result", cell: 3, count: 3, text: "42" },
      { e: "cell-end", cell: 3, ok: true, seconds: 0.25, timedOut: false },
      { e: "end" },
    ];
    const result = assembleNotebook(nb, events, cleanExit, 600);
    assert.equal(result.failure, null);
    assert.equal(result.startupSeconds, 1.5);
    assert.deepEqual(result.cells.map((c) => [c.index, c.executionCount, c.status]), [[1, 1, "ok"], [2, 2, "ok"], [3, 3, "ok"]]);
    assert.deepEqual(outputs(nb, 2), [
      { output_type: "stream", name: "stdout", text: ["a\n", "100%\n"] },
      { output_type: "display_data", data: { "text/plain": ["done"] }, metadata: {} },
      { output_type: "stream", name: "stderr", text: ["warn\n"] },
    ]);
    assert.deepEqual(outputs(nb, 3), [
      { output_type: "display_data", data: { "text/html": ["<b>x</b>"] }, metadata: {} },
      { output_type: "execute_result", execution_count: 3, data: { "text/plain": ["42"] }, metadata: {} },
    ]);
    assert.deepEqual(nb.cells[2].metadata.runner, { duration_seconds: 0.5, status: "ok" });
    assert.deepEqual(validateNotebook(JSON.parse(JSON.stringify(nb))), []);
  });

  test("a cell cut short by the watchdog gets a timeout error after its partial output", () => {
    const nb = notebook();
    const events: JournalEvent[] = [
      { e: "kernel-ready", seconds: 1 },
      { e: "cell-start", cell: 1, count: 1, at: Date.now() },
      { e: "cell-end", cell: 1, ok: true, seconds: 0.01, timedOut: false },
      { e: "cell-start", cell: 2, count: 2, at: Date.now() },
      { e: "stream", cell: 2, name: "stdout", text: "partial\n" },
      { e: "stream", cell: 2, name: "stdout", text: '{"e":"trunc' },
    ];
    const exit: WorkerExit = { code: null, signal: "SIGKILL", killed: { reason: "timeout", cell: 2 }, stderrTail: "" };
    const result = assembleNotebook(nb, events, exit, 3);
    assert.equal(result.failure?.kind, "timeout");
    assert.equal(result.failure?.executionCount, 2);
    assert.equal(result.failure?.cellIndex, 2);
    assert.match(result.failure?.message ?? "", /^TimeoutError: cell did not finish within 3 s/);
    const outs = outputs(nb, 2);
    assert.equal(outs[0].output_type, "stream");
    assert.equal(outs[1].output_type, "error");
    assert.equal((nb.cells[3] as CodeCell).execution_count, null);
  });

  test("a worker that dies mid-cell is reported with its stderr", () => {
    const nb = notebook();
    const events: JournalEvent[] = [{ e: "kernel-ready", seconds: 1 }, { e: "cell-start", cell: 1, count: 1, at: Date.now() }];
    const exit: WorkerExit = { code: 134, signal: null, killed: null, stderrTail: "FATAL ERROR: heap out of memory\n" };
    const result = assembleNotebook(nb, events, exit, 600);
    assert.equal(result.failure?.kind, "crash");
    const err = outputs(nb, 1)[0];
    assert.ok(err.output_type === "error");
    assert.match(err.evalue, /exited with code 134/);
    assert.ok(err.traceback.includes("FATAL ERROR: heap out of memory"));
  });

  test("a kernel that never starts is a startup failure", () => {
    const nb = notebook();
    const exit: WorkerExit = { code: 1, signal: null, killed: null, stderrTail: "Error: Cannot find module 'x'\n    at y\n" };
    const result = assembleNotebook(nb, [], exit, 600);
    assert.equal(result.failure?.kind, "startup");
    assert.equal(result.failure?.cellIndex, null);
    assert.match(result.failure?.message ?? "", /worker exited early \(exit code 1\): Error: Cannot find module 'x'$/);
  });
});

describe("stream text", () => {
  test("carriage returns keep the last state of each line", () => {
    assert.equal(applyCarriageReturns("a\r\nb\n"), "a\nb\n");
    assert.equal(applyCarriageReturns("10%\r20%\r30%\ndone\n"), "30%\ndone\n");
    assert.equal(applyCarriageReturns("bar 50%\r"), "bar 50%");
  });

  test("ANSI codes are stripped", () => {
    assert.equal(stripAnsi("\u001b[32mgreen\u001b[0m \u001b[?25lx"), "green x");
  });
});
