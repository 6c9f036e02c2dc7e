/**
 * Writes a project-local Jupyter kernelspec for the tslab TypeScript kernel into `<repo>/.jupyter/kernels/tslab`
 * (git-ignored), pointing at this checkout's own tslab, so that JupyterLab and `jupyter nbconvert --execute`
 * run the notebooks with the same tslab and TypeScript as the headless runner. Use it with
 * `JUPYTER_PATH=<repo>/.jupyter` (see environment.md). Nothing outside the repository is touched.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const repo = path.resolve(__dirname, "..");
const tslabBin = path.join(repo, "node_modules", "tslab", "bin", "tslab");
if (!fs.existsSync(tslabBin)) {
  console.error(`install-jupyter-kernel: ${tslabBin} is missing; run npm ci first`);
  process.exit(1);
}
const dir = path.join(repo, ".jupyter", "kernels", "tslab");
fs.mkdirSync(dir, { recursive: true });
const spec = {
  argv: [process.execPath, tslabBin, "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript (recsys-notebooks)",
  language: "typescript",
};
fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
console.log(`kernelspec "tslab" written to ${dir}`);
console.log(`use it with: export JUPYTER_PATH=${path.join(repo, ".jupyter")}`);
