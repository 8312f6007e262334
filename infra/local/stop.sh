#!/usr/bin/env bash
# `npm stop`: stops the services `npm start` launched, then the Kafka and Redis it started.
set -euo pipefail
source "$(dirname "$0")/env.sh"
RUN_DIR="$CREDITSCORE_HOME/run"
for f in "$RUN_DIR"/shopper-feed.pid "$RUN_DIR"/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait_for 30 "$(basename "$f" .pid) to stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
    say "$(basename "$f" .pid) stopped"
  fi
  rm -f "$f"
done
if [ -f "$RUN_DIR/started-infra" ]; then
  read -r kafka redis <"$RUN_DIR/started-infra"
  stop_started_infra "$kafka" "$redis"
  rm -f "$RUN_DIR/started-infra"
fi
