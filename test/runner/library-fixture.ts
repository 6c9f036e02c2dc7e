/**
 * A throwaway package for the library-cache tests: `<tmp>/node_modules` (a link to this project's), a
 * `package.json`, a small TypeScript library in `lib/` and a notebook folder `nb/` that reaches it through the
 * link `nb/src -> ../lib`, as notebooks/ reaches src/.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, tempDir } from "./helpers";

/** The fixture's folders. */
export interface LibraryFixture {
  packageDir: string;
  libDir: string;
  rootDir: string;
}

/** The library's `double` returning `kind` ("number" or "string"), and a second module that imports it. */
export function writeDouble(libDir: string, kind: "number" | "string"): void {
  const body = kind === "number" ? "return 2 * x;" : "return String(2 * x);";
  fs.writeFileSync(path.join(libDir, "math.ts"), `/** Twice x. */\nexport function double(x: number) {\n  ${body}\n}\n`);
}

/** Creates the fixture package. */
export function libraryFixture(kind: "number" | "string" = "number"): LibraryFixture {
  const packageDir = tempDir("library-cache-");
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(packageDir, "node_modules"), "dir");
  fs.writeFileSync(path.join(packageDir, "package.json"), JSON.stringify({ name: "fixture", private: true }) + "\n");
  const libDir = path.join(packageDir, "lib");
  fs.mkdirSync(path.join(libDir, "nested"), { recursive: true });
  writeDouble(libDir, kind);
  fs.writeFileSync(path.join(libDir, "nested", "quad.ts"), 'import { double } from "../math";\n\n/** Four times x. */\nexport const quad = (x: number) => 2 * Number(double(x));\n');
  fs.writeFileSync(path.join(libDir, "index.ts"), 'export { double } from "./math";\nexport { quad } from "./nested/quad";\n');
  const rootDir = path.join(packageDir, "nb");
  fs.mkdirSync(rootDir);
  fs.symlinkSync("../lib", path.join(rootDir, "src"), "dir");
  return { packageDir, libDir, rootDir };
}
