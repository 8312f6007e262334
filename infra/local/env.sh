# Shared settings for the local (no-Docker) infrastructure scripts. Sourced, never run.
# Every value can be overridden from the environment, so CI and a developer's shell agree.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CREDITSCORE_HOME="${CREDITSCORE_HOME:-$ROOT/.local}"   # data, logs and pid files
KAFKA_VERSION="3.9.2"                                           # keep in step with infra/kafka/pom.xml
KAFKA_LIBS="${KAFKA_LIBS:-$ROOT/.kafka/libs}"                   # jar cache (ignored by git)
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx768m}"
REDIS_PORT="${REDIS_PORT:-16379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
# REDIS_URL given from outside means "use that Redis, start none". Decided once, by the first
# script in a chain, because this file exports REDIS_URL for the ones it calls.
if [ -z "${CS_ENV_LOADED:-}" ]; then
  export CS_ENV_LOADED=1 CS_REDIS_URL_GIVEN="${REDIS_URL:-}"
fi
REDIS_URL_GIVEN="$CS_REDIS_URL_GIVEN"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}"

KAFKA_DIR="$CREDITSCORE_HOME/kafka"
REDIS_DIR="$CREDITSCORE_HOME/redis"
LOG_DIR="$CREDITSCORE_HOME/logs"
mkdir -p "$LOG_DIR"

say() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND until it succeeds or time runs out.
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# up_noting_started: brings Kafka + Redis up and sets STARTED_KAFKA / STARTED_REDIS to 1 for what
# was not running before (what the caller started, and so must stop: see stop_started_infra).
up_noting_started() {
  STARTED_KAFKA=0; STARTED_REDIS=0
  port_open "$KAFKA_PORT" || STARTED_KAFKA=1
  [ -n "$REDIS_URL_GIVEN" ] || port_open "$REDIS_PORT" || STARTED_REDIS=1
  bash "$ROOT/infra/local/up.sh"
}

# stop_started_infra KAFKA REDIS: stops Kafka and/or Redis where the flag is 1.
stop_started_infra() {
  [ "${2:-0}" = 1 ] && bash "$ROOT/infra/redis/stop.sh"
  [ "${1:-0}" = 1 ] && bash "$ROOT/infra/kafka/stop.sh"
  return 0
}
