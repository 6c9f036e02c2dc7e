/**
 * `npm run test:unit`: the fast tier of the test suite, i.e. every test file except those that start a notebook
 * kernel (the notebook smoke test, the runner's end-to-end and CLI tests). A file counts as a kernel test when it
 * is under test/notebooks/ or calls `runNotebook(` or `runCli(`, so new kernel tests leave the fast tier by
 * themselves. `npm test` still runs everything. Extra arguments are passed to `node --test`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const KERNEL_CALL = /\brun(Notebook|Cli)\(/;

/** Test files (relative, sorted) at test/<dir>/ and test/<dir>/<dir>/ depth, as `npm test`'s globs. */
function testFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 2) walk(rel, depth + 1);
      else if (entry.isFile() && depth >= 1 && entry.name.endsWith(".test.ts")) out.push(rel);
    }
  };
  walk("test", 0);
  return out.sort();
}

/** Whether `file` starts a kernel (see the module comment). */
export function startsKernel(file: string): boolean {
  if (file.split(path.sep).includes("notebooks")) return true;
  return KERNEL_CALL.test(fs.readFileSync(path.join(root, file), "utf8"));
}

if (require.main === module) {
  const files = testFiles().filter((f) => !startsKernel(f));
  const run = spawnSync(process.execPath, ["--import", "tsx", "--test", ...process.argv.slice(2), ...files], { cwd: root, stdio: "inherit" });
  process.exit(run.status ?? 1);
}
