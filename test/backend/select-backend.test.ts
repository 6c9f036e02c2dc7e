import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import { ensureTfSetup } from "../../src/backend/tf";

ensureTfSetup();
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { describeBackend, selectBackend, wasmDistDir } from "../../src/backend/select-backend";
import { hasFastKernels } from "../../src/backend/fast-kernels";

/** A loader for which every optional package is absent, like `require` on a machine without them. */
function absent(id: string): never {
  throw Object.assign(new Error(`Cannot find module '${id}'\nRequire stack:\n- test`), { code: "MODULE_NOT_FOUND" });
}

function tfjsNodeInstalled(): boolean {
  try {
    require.resolve("@tensorflow/tfjs-node");
    return true;
  } catch {
    return false;
  }
}

describe("selectBackend", () => {
  afterEach(async () => {
    if (tf.findBackendFactory("tensorflow") !== null && tf.getBackend() === "tensorflow") await tf.setBackend("cpu");
    if (tf.findBackendFactory("tensorflow") !== null) tf.removeBackend("tensorflow");
  });

  it("honours RECSYS_BACKEND=cpu", async () => {
    const info = await selectBackend({ env: { RECSYS_BACKEND: " CPU " }, requireModule: absent });
    assert.deepEqual(info, { name: "cpu", detail: "plain JavaScript, 1 thread", tfjsVersion: tf.version_core });
    assert.equal(tf.getBackend(), "cpu");
    assert.ok(hasFastKernels("cpu"));
  });

  it("lets RECSYS_BACKEND win over prefer", async () => {
    const info = await selectBackend({ env: { RECSYS_BACKEND: "wasm" }, prefer: "cpu", requireModule: absent });
    assert.equal(info.name, "wasm");
    assert.equal(tf.getBackend(), "wasm");
  });

  it("rejects an unknown RECSYS_BACKEND value, naming the variable and the allowed values", async () => {
    await assert.rejects(
      selectBackend({ env: { RECSYS_BACKEND: "cuda" } }),
      /RECSYS_BACKEND="cuda" is not a known TF.js backend; allowed values: gpu, node, wasm, cpu/,
    );
  });

  it("rejects an unknown prefer value", async () => {
    await assert.rejects(selectBackend({ env: {}, prefer: "webgpu" }), /initBackend\(\{ prefer \}\)="webgpu"/);
  });

  it("says how to install @tensorflow/tfjs-node when RECSYS_BACKEND=node and it is missing", async () => {
    await assert.rejects(selectBackend({ env: { RECSYS_BACKEND: "node" }, requireModule: absent }), {
      message:
        "RECSYS_BACKEND=node but @tensorflow/tfjs-node is not installed: " +
        "npm install @tensorflow/tfjs-node (needs network access to download libtensorflow)",
    });
    await assert.rejects(
      selectBackend({ env: { RECSYS_BACKEND: "gpu" }, requireModule: absent }),
      /RECSYS_BACKEND=gpu but @tensorflow\/tfjs-node-gpu is not installed: npm install @tensorflow\/tfjs-node-gpu/,
    );
  });

  it("gives the same hint with the real require when tfjs-node is absent", { skip: tfjsNodeInstalled() }, async () => {
    await assert.rejects(
      selectBackend({ env: { RECSYS_BACKEND: "tensorflow" } }),
      /RECSYS_BACKEND=tensorflow but @tensorflow\/tfjs-node is not installed: npm install @tensorflow\/tfjs-node/,
    );
  });

  it("reports an installed but broken tfjs-node with the underlying reason", async () => {
    const broken = (): never => {
      throw new Error("libtensorflow.so.2: cannot open shared object file");
    };
    await assert.rejects(
      selectBackend({ env: { RECSYS_BACKEND: "node" }, requireModule: broken }),
      /could not be loaded: libtensorflow.so.2: cannot open shared object file; .*npm rebuild @tensorflow\/tfjs-node/,
    );
    const registersNothing = (): unknown => ({});
    await assert.rejects(
      selectBackend({ env: { RECSYS_BACKEND: "node" }, requireModule: registersNothing }),
      /could not be loaded: Backend name 'tensorflow' not found in registry/,
    );
  });

  it("uses a tfjs-node that registers the 'tensorflow' backend, noting a separate tfjs-core", async () => {
    const fakeTfjsNode = (id: string): unknown => {
      if (id !== "@tensorflow/tfjs-node") return absent(id);
      if (tf.findBackendFactory("tensorflow") === null) tf.registerBackend("tensorflow", () => new MathBackendCPU(), 3);
      return { tensor: () => undefined, version_core: "4.21.0" };
    };
    const info = await selectBackend({ env: {}, requireModule: fakeTfjsNode });
    assert.equal(info.name, "tensorflow");
    assert.equal(info.detail, "libtensorflow via @tensorflow/tfjs-node, which bundles its own tfjs-core 4.21.0");
    assert.equal(tf.getBackend(), "tensorflow");
  });

  it("falls back from an unavailable preferred backend to the default order, with a warning", async () => {
    const warnings: string[] = [];
    const info = await selectBackend({ env: {}, prefer: "node", requireModule: absent, warn: (m) => warnings.push(m) });
    assert.equal(info.name, "wasm");
    assert.match(info.detail, /^(SIMD|no SIMD), \d+ threads?$/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /@tensorflow\/tfjs-node is not installed.*falling back$/);
  });

  it("tries a preferred backend first", async () => {
    const info = await selectBackend({ env: {}, prefer: "cpu", requireModule: absent });
    assert.equal(info.name, "cpu");
  });

  it("removes the process-wide error hooks the wasm runtime installs", async () => {
    await selectBackend({ env: { RECSYS_BACKEND: "wasm" } });
    const emitter: NodeJS.EventEmitter = process;
    const sources = ["uncaughtException", "unhandledRejection"].flatMap((e) => emitter.listeners(e).map(String));
    assert.deepEqual(sources.filter((src) => /throw reason|ExitStatus/.test(src)), []);
  });

  it("formats the one-line summary", () => {
    assert.equal(
      describeBackend({ name: "wasm", detail: "SIMD, 1 thread", tfjsVersion: "4.22.0" }),
      "TF.js backend: wasm (SIMD, 1 thread), tfjs-core 4.22.0",
    );
  });
});

describe("wasmDistDir", () => {
  it("is an absolute folder holding the three wasm binaries, whatever the working directory", () => {
    const dir = wasmDistDir();
    assert.ok(path.isAbsolute(dir));
    assert.ok(dir.endsWith(path.sep));
    for (const file of ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"]) {
      assert.ok(fs.existsSync(dir + file), file);
    }
  });
});
