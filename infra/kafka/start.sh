#!/usr/bin/env bash
# Starts the project's single-node KRaft broker in the background and waits until it accepts
# clients. Reuses a broker that is already running on the port.
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"
pidfile="$KAFKA_DIR/kafka.pid"

if port_open "$KAFKA_PORT"; then
  say "Kafka already running on $KAFKA_BROKERS"
  exit 0
fi
bash "$ROOT/infra/kafka/install.sh"

mkdir -p "$KAFKA_DIR/data"
props="$KAFKA_DIR/server.properties"
sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
  -e "s#@DATA@#$KAFKA_DIR/data#g" "$ROOT/infra/kafka/server.properties.template" >"$props"

cp="$KAFKA_LIBS/*"
java_opts=(-cp "$cp" -Dlog4j.configuration="file:$ROOT/infra/kafka/log4j.properties"
  -Dkafka.logs.dir="$LOG_DIR" -Djava.awt.headless=true)

# KRaft storage is formatted once per data folder with a fixed cluster id.
if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
  java "${java_opts[@]}" kafka.tools.StorageTool format -t "cScore-local-cluster01" -c "$props" \
    >"$LOG_DIR/kafka-format.log" 2>&1 || { cat "$LOG_DIR/kafka-format.log" >&2; die "formatting Kafka storage failed"; }
fi

start=$SECONDS
# shellcheck disable=SC2086
nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "${java_opts[@]}" kafka.Kafka "$props" \
  >"$LOG_DIR/kafka.stdout" 2>&1 &
echo $! >"$pidfile"

broker_ready() {
  pid_alive "$pidfile" || { tail -30 "$LOG_DIR/kafka.stdout" "$LOG_DIR/kafka.log" >&2 2>/dev/null; die "Kafka exited during start-up"; }
  port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$LOG_DIR/kafka.log" 2>/dev/null
}
wait_for 90 "Kafka" broker_ready || die "Kafka did not accept clients within 90 s (log: $LOG_DIR/kafka.log)"
say "Kafka $KAFKA_VERSION up on $KAFKA_BROKERS in $((SECONDS - start)) s (pid $(cat "$pidfile"), log $LOG_DIR/kafka.log)"
