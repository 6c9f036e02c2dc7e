import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BACKEND_ENV_VAR,
  DEFAULT_BACKEND_ORDER,
  installHint,
  notInstalledMessage,
  parseBackendChoice,
  tfjsBackendName,
} from "../../src/backend/backend-request";

describe("parseBackendChoice", () => {
  it("accepts the short names and the TF.js names, case-insensitively", () => {
    assert.equal(parseBackendChoice("gpu", BACKEND_ENV_VAR), "tensorflow-gpu");
    assert.equal(parseBackendChoice("node", BACKEND_ENV_VAR), "tensorflow");
    assert.equal(parseBackendChoice(" WASM ", BACKEND_ENV_VAR), "wasm");
    assert.equal(parseBackendChoice("cpu", BACKEND_ENV_VAR), "cpu");
    assert.equal(parseBackendChoice("tensorflow", BACKEND_ENV_VAR), "tensorflow");
    assert.equal(parseBackendChoice("Tensorflow-GPU", BACKEND_ENV_VAR), "tensorflow-gpu");
  });

  it("treats a missing or blank value as no request", () => {
    assert.equal(parseBackendChoice(undefined, BACKEND_ENV_VAR), undefined);
    assert.equal(parseBackendChoice("  ", BACKEND_ENV_VAR), undefined);
  });

  it("rejects an unknown value, naming the source and the allowed values", () => {
    assert.throws(
      () => parseBackendChoice("webgl", BACKEND_ENV_VAR),
      /^Error: RECSYS_BACKEND="webgl" is not a known TF.js backend; allowed values: gpu, node, wasm, cpu/,
    );
  });
});

describe("backend vocabulary", () => {
  it("orders the backends fastest first and maps them to TF.js names", () => {
    assert.deepEqual(DEFAULT_BACKEND_ORDER, ["tensorflow-gpu", "tensorflow", "wasm", "cpu"]);
    assert.equal(tfjsBackendName("tensorflow-gpu"), "tensorflow");
    assert.equal(tfjsBackendName("wasm"), "wasm");
  });

  it("explains how to install the libtensorflow packages", () => {
    assert.equal(
      notInstalledMessage("RECSYS_BACKEND=node", "tensorflow"),
      "RECSYS_BACKEND=node but @tensorflow/tfjs-node is not installed: " +
        "npm install @tensorflow/tfjs-node (needs network access to download libtensorflow)",
    );
    assert.match(installHint("tensorflow-gpu"), /npm install @tensorflow\/tfjs-node-gpu .*CUDA/);
  });
});
