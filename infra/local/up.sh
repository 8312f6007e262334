#!/usr/bin/env bash
# Brings up the local infrastructure (Kafka broker + Redis). Idempotent: reuses what runs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/infra/kafka/start.sh"
bash "$ROOT/infra/redis/start.sh"
