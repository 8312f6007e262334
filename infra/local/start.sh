#!/usr/bin/env bash
# `npm start`: the whole local pipeline on the embedded default — set-up, Kafka + Redis, the
# feature-updater, the scorer, the ops dashboard and a simulated shopper feed. Ctrl-C (or `npm stop`
# from another shell) stops what this started. Logs: .local/logs/<service>.log.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash infra/local/setup.sh

up_noting_started

RUN_DIR="$CREDITSCORE_HOME/run"
mkdir -p "$RUN_DIR"
echo "$STARTED_KAFKA $STARTED_REDIS" >"$RUN_DIR/started-infra"

launch() { # name entry [VAR=value ...]
  local name=$1 entry=$2; shift 2
  env "$@" node --enable-source-maps "dist/services/$entry" >>"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  say "$name started (pid $!, log $LOG_DIR/$name.log)"
}

UPDATER_ADMIN_PORT="${UPDATER_ADMIN_PORT:-9464}"
SCORER_ADMIN_PORT="${SCORER_ADMIN_PORT:-9465}"
OPS_ADMIN_PORT="${OPS_ADMIN_PORT:-9466}"
launch feature-updater feature-updater/main.js ADMIN_PORT="$UPDATER_ADMIN_PORT"
# The scorer needs a model for this build's features: the first run (or the first after an
# upgrade changed the feature set) trains a small starter model (about half a minute);
# `npm run train` trains the full-size one (docs/training.md).
if ! WHY=$(node dist/services/trainer/cli/current-model-fits.js models); then
  say "no model for these features ($WHY): training a starter model (20,000 simulated shoppers, 50 trees) ..."
  node dist/services/trainer/cli/train.js --shoppers 20000 --trees 50 --no-progress --score-timing-ms 0 \
    >"$LOG_DIR/train-starter.log" 2>&1 || die "training the starter model failed (log: $LOG_DIR/train-starter.log)"
fi
# A local-only API key (secret "$DEV_API_KEY"): replace it with your own hashed keys elsewhere.
DEV_API_KEY="${DEV_API_KEY:-dev-key-change-me}"
DEV_KEY_SHA=$(printf '%s' "$DEV_API_KEY" | sha256sum | cut -d' ' -f1)
GRPC_PORT="${GRPC_PORT:-50051}"
launch scorer scorer/main.js ADMIN_PORT="$SCORER_ADMIN_PORT" GRPC_PORT="$GRPC_PORT" \
  API_KEYS="[{\"id\":\"local-dev\",\"sha256\":\"$DEV_KEY_SHA\",\"scopes\":[\"scores:read\",\"scores:watch\",\"decisions:write\"]}]"
# Consumer lag exporter + the built-in live dashboard (reads the services' /metrics).
launch ops ops/main.js ADMIN_PORT="$OPS_ADMIN_PORT" \
  SCRAPE_TARGETS="feature-updater=http://127.0.0.1:$UPDATER_ADMIN_PORT/metrics,scorer=http://127.0.0.1:$SCORER_ADMIN_PORT/metrics"
launch shopper-feed shopper-feed/main.js FEED_RATE="${FEED_RATE:-200}" FEED_BURST_EVERY_S="${FEED_BURST_EVERY_S:-120}"

cat <<TXT

  creditscore is running on the local default
  Kafka            $KAFKA_BROKERS   (topics: purchases, purchases.dlq, features.changed)
  Redis            $REDIS_URL
  dashboard        http://127.0.0.1:$OPS_ADMIN_PORT/   (consumer lag, throughput, freshness, dead letters, scores)
  gRPC API         127.0.0.1:$GRPC_PORT   creditscore.v1.CreditScoreService   (header: authorization: Bearer $DEV_API_KEY)
  feature-updater  http://127.0.0.1:$UPDATER_ADMIN_PORT/metrics   /readyz   /healthz
  scorer           http://127.0.0.1:$SCORER_ADMIN_PORT/metrics   /readyz   /healthz
  lag exporter     http://127.0.0.1:$OPS_ADMIN_PORT/metrics   /readyz   ('npm run lag' prints it as a table)
  shopper feed     ${FEED_RATE:-200} events/s, bursts every ${FEED_BURST_EVERY_S:-120} s   (log $LOG_DIR/shopper-feed.log)
  logs             $LOG_DIR

  Ctrl-C here, or 'npm stop' in another shell, stops everything this started.

TXT

stopping=0
shutdown() {
  [ $stopping = 1 ] && return; stopping=1
  bash "$ROOT/infra/local/stop.sh"
}
trap shutdown INT TERM EXIT
# Wait until a service exits (or Ctrl-C): a crashed service is reported, not hidden.
while :; do
  compgen -G "$RUN_DIR/*.pid" >/dev/null || exit 0 # `npm stop` ran in another shell
  for f in "$RUN_DIR"/*.pid; do
    [ -f "$f" ] || continue
    if ! kill -0 "$(cat "$f")" 2>/dev/null; then
      [ -f "$f" ] || continue # stopped on purpose meanwhile
      say "$(basename "$f" .pid) exited; see $LOG_DIR/$(basename "$f" .pid).log"
      exit 1
    fi
  done
  sleep 2
done
