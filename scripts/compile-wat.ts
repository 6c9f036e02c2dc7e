/** Compiles the row kernels' WebAssembly text with wabt (dev dependency); shared by the build script and its test. */
import * as fs from "node:fs";
import * as path from "node:path";

/** The binary of `<root>/src/backend/wasm/row-kernels.wat`, SIMD enabled. */
export async function compileRowKernelsWat(root: string): Promise<Uint8Array> {
  const wabt = await (require("wabt") as () => Promise<{ parseWat: (name: string, text: string, features: Record<string, boolean>) => WatModule }>)();
  const file = path.join(root, "src/backend/wasm/row-kernels.wat");
  const module = wabt.parseWat(path.basename(file), fs.readFileSync(file, "utf8"), { simd: true });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

interface WatModule {
  resolveNames(): void;
  validate(): void;
  toBinary(options: Record<string, unknown>): { buffer: Uint8Array };
  destroy(): void;
}
