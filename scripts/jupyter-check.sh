#!/usr/bin/env bash
# Executes a notebook in real Jupyter (jupyter nbconvert --execute) with the project's tslab kernel, to prove the
# notebooks run there as well as under the headless runner, and that an interactive run leaves the repository as it
# found it (contract C2: results go to the git-ignored reports/scratch-results/, never to results/).
# Usage: scripts/jupyter-check.sh [notebook] [timeout-s]
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
# As a user's Jupyter would run it: no RECSYS_RESULTS_DIR, no RECSYS_RECORD_RESULTS.
unset RECSYS_RESULTS_DIR RECSYS_RECORD_RESULTS
export JUPYTER_PATH="$PWD/.jupyter" PYDEVD_DISABLE_FILE_VALIDATION=1
# What git sees: the status listing, plus a hash of the tracked changes (catches a file already modified before).
repo_state() { git status --porcelain --untracked-files=all; git diff HEAD --binary | sha1sum; }
status_before=$(repo_state)
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
status_after=$(repo_state)
if [ "$status_before" != "$status_after" ]; then
  echo "jupyter-check: running $notebook changed the repository (git status --porcelain before and after differ):"
  diff <(printf '%s\n' "$status_before") <(printf '%s\n' "$status_after") || true
  exit 1
fi
echo "jupyter-check: git status unchanged by the run (results went to reports/scratch-results/)"
