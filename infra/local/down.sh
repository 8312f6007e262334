#!/usr/bin/env bash
# Stops the local infrastructure this project started (data is kept; see wipe.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/infra/redis/stop.sh"
bash "$ROOT/infra/kafka/stop.sh"
