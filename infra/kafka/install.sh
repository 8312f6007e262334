#!/usr/bin/env bash
# Fetches the Kafka broker jars from Maven Central with the machine's Maven into .kafka/libs.
# Idempotent: a stamp file records the version, so a warm cache costs nothing.
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"

stamp="$KAFKA_LIBS/.installed-$KAFKA_VERSION"
[ -f "$stamp" ] && exit 0

command -v java >/dev/null || die "Java 17 is required to run Kafka (apt-get install openjdk-17-jre-headless)."
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${java_major:-0}" -ge 17 ] || die "Kafka needs Java 17 or newer; found Java ${java_major:-none}."
command -v mvn >/dev/null || die "Maven is required to fetch the Kafka jars (apt-get install maven)."

say "fetching Apache Kafka $KAFKA_VERSION jars with Maven into $KAFKA_LIBS ..."
start=$SECONDS
rm -rf "$KAFKA_LIBS"
mvn -q -B -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" >"$LOG_DIR/kafka-install.log" 2>&1 \
  || { tail -20 "$LOG_DIR/kafka-install.log" >&2; die "Maven could not fetch Kafka (log: $LOG_DIR/kafka-install.log)"; }
[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] || die "Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
touch "$stamp"
say "Kafka jars fetched in $((SECONDS - start)) s"
