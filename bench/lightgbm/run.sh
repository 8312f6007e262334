#!/usr/bin/env bash
# LightGBM beside our forest, on the same exported rows. Installs what it needs on first use into a
# virtual environment under .local/ (git-ignored), so it works from a clean checkout with python3:
#   bash bench/lightgbm/run.sh --shoppers 100000 --seed 1
# Options are those of export-rows.ts (--shoppers --seed --end --days --input --test-fraction
# --features-at, shared with `npm run train` in services/trainer/cli/dataset-args.ts); pass
# the same ones to `npm run train` to see our forest's AUC beside LightGBM's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="${LIGHTGBM_VENV:-$ROOT/.local/lightgbm-venv}"
OUT="$ROOT/bench/results/lightgbm/rows.csv"

if ! command -v python3 >/dev/null; then
  echo "python3 is needed for the LightGBM benchmark (e.g. apt-get install python3 python3-venv)" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV" >&2
  python3 -m venv "$VENV" || {
    echo "python3 -m venv failed: install the venv module (e.g. apt-get install python3-venv)" >&2
    exit 1
  }
fi
if ! "$VENV/bin/python" -c 'import lightgbm, numpy' 2>/dev/null; then
  echo "installing LightGBM from PyPI into $VENV" >&2
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet -r bench/lightgbm/requirements.txt
fi

npx tsc -p tsconfig.json
node --enable-source-maps dist/bench/lightgbm/export-rows.js --out "$OUT" "$@"
"$VENV/bin/python" bench/lightgbm/lightgbm_auc.py "$OUT" --summary reports/train-summary.json
