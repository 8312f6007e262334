#!/usr/bin/env bash
# The whole test suite: set-up, local Kafka + Redis (reused if running), unit and integration
# tests, then stops whatever this script started. Extra arguments go to mocha.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash infra/local/setup.sh

started_kafka=0; started_redis=0
port_open "$KAFKA_PORT" || started_kafka=1
[ -n "$REDIS_URL_GIVEN" ] || port_open "$REDIS_PORT" || started_redis=1
cleanup() {
  [ $started_redis = 1 ] && bash infra/redis/stop.sh || true
  [ $started_kafka = 1 ] && bash infra/kafka/stop.sh || true
}
trap cleanup EXIT
bash infra/local/up.sh
npx mocha --config test/mocha.all.json "$@"
