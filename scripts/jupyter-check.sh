#!/usr/bin/env bash
# Executes a notebook in real Jupyter (jupyter nbconvert --execute) with the project's tslab kernel, to prove the
# notebooks run there as well as under the headless runner. Usage: scripts/jupyter-check.sh [notebook] [timeout-s]
set -euo pipefail
cd "$(dirname "$0")/.."
notebook=${1:-notebooks/matrix-factorization.ipynb}
timeout=${2:-1800}
# Debian's Jupyter lives in /usr/bin; a pyenv or venv python3 earlier on PATH may lack it.
jupyter=$(command -v /usr/bin/jupyter || command -v jupyter || true)
[ -n "$jupyter" ] || { echo "jupyter-check: jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)"; exit 1; }
npx tsx scripts/install-jupyter-kernel.ts
out=reports/jupyter
mkdir -p "$out"
scratch=$(mktemp -d)
export JUPYTER_PATH="$PWD/.jupyter" RECSYS_RESULTS_DIR="$scratch" PYDEVD_DISABLE_FILE_VALIDATION=1
"$jupyter" nbconvert --to notebook --execute "$notebook" --output-dir "$out" \
  --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout="$timeout"
executed="$out/$(basename "$notebook")"
# nbconvert exits non-zero when a cell raises; also check the executed copy: no error outputs, and output from
# the last code cell (tslab leaves execution_count empty in nbconvert's copy, so counts cannot be used).
/usr/bin/python3 - "$executed" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
if errors or not code or not code[-1].get("outputs"):
    print(f"jupyter-check: {sys.argv[1]}: {len(errors)} error outputs; last code cell has output: {bool(code and code[-1].get('outputs'))}")
    sys.exit(1)
print(f"jupyter-check: {sys.argv[1]}: {len(code)} code cells ran under jupyter nbconvert with the tslab kernel, no errors")
PY
