#!/usr/bin/env bash
# Reports what runs where. Exit 0 when both Kafka and Redis answer.
set -uo pipefail
source "$(dirname "$0")/env.sh"
ok=0
if port_open "$KAFKA_PORT"; then echo "kafka  up    $KAFKA_BROKERS  (log $LOG_DIR/kafka.log)"; else echo "kafka  down  $KAFKA_BROKERS"; ok=1; fi
if [ -n "$REDIS_URL_GIVEN" ]; then echo "redis  given $REDIS_URL"
elif port_open "$REDIS_PORT"; then echo "redis  up    $REDIS_URL  (data $REDIS_DIR)"; else echo "redis  down  $REDIS_URL"; ok=1; fi
exit $ok
