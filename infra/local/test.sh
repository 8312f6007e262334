#!/usr/bin/env bash
# The whole test suite: set-up, local Kafka + Redis (reused if running), unit and integration
# tests, then stops whatever this script started. Extra arguments go to mocha.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash infra/local/setup.sh

trap 'stop_started_infra "${STARTED_KAFKA:-0}" "${STARTED_REDIS:-0}"' EXIT
up_noting_started
npx mocha --config test/mocha.all.json "$@"
