/**
 * The Node option that runs a TypeScript entry of this project in a child process: `--import` with tsx's loader
 * (resolved from the project, so it works from a notebook kernel too). Used by the notebook runner's worker and
 * by `evaluateRatingModelsAside`'s child.
 */
import { pathToFileURL } from "node:url";
import { repoRoot } from "./repo-root";

/** `["--import", <file URL of tsx>]` for a child's execArgv. */
export function tsxImportArgv(): string[] {
  return ["--import", pathToFileURL(require.resolve("tsx", { paths: [repoRoot()] })).href];
}
