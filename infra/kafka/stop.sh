#!/usr/bin/env bash
# Stops the project's broker (only the one this project started: it goes by the pid file).
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"
pidfile="$KAFKA_DIR/kafka.pid"
pid_alive "$pidfile" || { rm -f "$pidfile"; exit 0; }
pid=$(cat "$pidfile")
kill "$pid"
wait_for 60 "Kafka to stop" bash -c "! kill -0 $pid 2>/dev/null" || { say "Kafka did not stop in 60 s; killing"; kill -9 "$pid" || true; }
rm -f "$pidfile"
say "Kafka stopped"
