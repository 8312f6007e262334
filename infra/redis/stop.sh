#!/usr/bin/env bash
# Stops the project-owned redis-server (by its pid file); a user's REDIS_URL is left alone.
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"
pidfile="$REDIS_DIR/redis.pid"
pid_alive "$pidfile" || exit 0
pid=$(cat "$pidfile")
redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$pid"
wait_for 20 "Redis to stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" || true
say "Redis stopped"
