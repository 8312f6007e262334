#!/usr/bin/env bash
# Stops the local infrastructure and deletes its data, logs and pid files (not the jar cache).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/infra/local/down.sh"
rm -rf "$CREDITSCORE_HOME"
say "wiped $CREDITSCORE_HOME"
