import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import { describeBackend, initBackend } from "../../src/backend/select-backend";
import { tfjsBackendName } from "../../src/backend/backend-request";

// Separate file (so a separate process): initBackend caches its choice for the life of the process.
describe("initBackend", () => {
  it("selects once, prints one line, and returns the same info afterwards", async () => {
    const logged: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(" "));
    };
    try {
      const [first, concurrent] = await Promise.all([initBackend(), initBackend()]);
      const again = await initBackend({ prefer: "cpu" });
      assert.equal(concurrent, first);
      assert.equal(again, first);
      assert.deepEqual(logged, [describeBackend(first)]);
      assert.equal(tf.getBackend(), tfjsBackendName(first.name));
    } finally {
      console.log = log;
    }
  });

  it("re-activates its backend after someone switched with tf.setBackend", async () => {
    const info = await initBackend();
    const other = info.name === "cpu" ? "wasm" : "cpu";
    assert.ok(await tf.setBackend(other));
    assert.equal(await initBackend(), info);
    assert.equal(tf.getBackend(), tfjsBackendName(info.name));
  });

  it("refuses a later RECSYS_BACKEND that names another backend", async () => {
    const info = await initBackend();
    const saved = process.env.RECSYS_BACKEND;
    process.env.RECSYS_BACKEND = info.name === "cpu" ? "wasm" : "cpu";
    try {
      await assert.rejects(initBackend(), /already initialised as/);
    } finally {
      if (saved === undefined) delete process.env.RECSYS_BACKEND;
      else process.env.RECSYS_BACKEND = saved;
    }
    assert.equal(await initBackend(), info);
  });
});
