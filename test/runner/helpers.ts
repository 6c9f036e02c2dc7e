/**
 * Shared helpers for the runner tests: fixture paths, temporary folders, and running the CLI
 * in a child process.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MultilineString, Output, sourceText } from "../../src/runner";

/** The project root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** Absolute path of a fixture notebook. */
export function fixture(name: string): string {
  return path.join(__dirname, "fixtures", name);
}

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = "runner-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The outcome of a CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/runner/cli.ts` through tsx with the given arguments, from the project root. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "runner", "cli.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The text of an output: stream text, or the text/plain of a display or result ("" for errors). */
export function plainText(output: Output | undefined): string {
  if (!output) return "";
  if (output.output_type === "stream") return sourceText(output.text);
  if (output.output_type === "error") return "";
  return sourceText(output.data["text/plain"] as MultilineString | undefined);
}
