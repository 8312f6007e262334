#!/usr/bin/env bash
# `npm run bench`: set-up, local Kafka + Redis (reused if running), then the benchmarks.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash infra/local/setup.sh
bash infra/local/up.sh
node --enable-source-maps dist/bench/run.js "$@"
