#!/usr/bin/env bash
# Starts a project-owned redis-server on its own port with append-only persistence, unless
# REDIS_URL points at a Redis of the user's. Never touches another Redis on the machine.
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"

if [ -n "$REDIS_URL_GIVEN" ]; then
  say "using REDIS_URL=$REDIS_URL_GIVEN (no local redis-server started)"
  exit 0
fi
if port_open "$REDIS_PORT"; then
  say "Redis already running on port $REDIS_PORT"
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "redis-server missing: installing Debian's redis-server package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools) \
      >"$LOG_DIR/redis-install.log" 2>&1 || die "apt-get install redis-server failed (log: $LOG_DIR/redis-install.log)"
    # The package starts a system Redis on 6379; ours is separate and does not need it.
  else
    die "redis-server is not installed: run 'sudo apt-get install redis-server' or set REDIS_URL."
  fi
fi
mkdir -p "$REDIS_DIR"
redis-server "$ROOT/infra/redis/redis.conf" --port "$REDIS_PORT" --dir "$REDIS_DIR" \
  --pidfile "$REDIS_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" --daemonize yes
wait_for 20 "Redis" bash -c "redis-cli -p $REDIS_PORT ping 2>/dev/null | grep -q PONG" \
  || die "Redis did not answer PING within 20 s (log: $LOG_DIR/redis.log)"
say "Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') up on $REDIS_URL (append-only, data in $REDIS_DIR)"
