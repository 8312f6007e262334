#!/usr/bin/env bash
# A local Redis Cluster of project-owned redis-server processes, masters only:
#   bash infra/redis/cluster.sh start    start the nodes, create the cluster once, wait for state ok
#   bash infra/redis/cluster.sh stop     shut the nodes down (data kept: start again re-forms it)
#   bash infra/redis/cluster.sh status   each node's cluster_state
#   bash infra/redis/cluster.sh wipe     stop, then delete the nodes' data
# Settings (environment):
#   REDIS_CLUSTER_PORTS      client ports, comma-separated (default 17000,17001,17002: 3 masters)
#   REDIS_CLUSTER_BUS_PORTS  cluster bus ports, same count (default: each port + 10000, Redis's own)
#   REDIS_CLUSTER_DIR        data, pid and log files, one folder per node (default .local/redis-cluster)
# `start` prints the REDIS_URL that points the services at it (redis+cluster://...).
set -euo pipefail
source "$(dirname "$0")/../local/env.sh"

IFS=, read -r -a PORTS <<<"${REDIS_CLUSTER_PORTS:-17000,17001,17002}"
if [ -n "${REDIS_CLUSTER_BUS_PORTS:-}" ]; then
  IFS=, read -r -a BUS_PORTS <<<"$REDIS_CLUSTER_BUS_PORTS"
else
  BUS_PORTS=(); for p in "${PORTS[@]}"; do BUS_PORTS+=("$((p + 10000))"); done
fi
[ "${#PORTS[@]}" -ge 3 ] || die "REDIS_CLUSTER_PORTS: a Redis Cluster needs at least 3 masters (got ${#PORTS[@]})"
[ "${#BUS_PORTS[@]}" -eq "${#PORTS[@]}" ] || die "REDIS_CLUSTER_BUS_PORTS: expected ${#PORTS[@]} ports"
CLUSTER_DIR="${REDIS_CLUSTER_DIR:-$CREDITSCORE_HOME/redis-cluster}"

cluster_url() {
  local nodes=() p
  for p in "${PORTS[@]}"; do nodes+=("127.0.0.1:$p"); done
  (IFS=,; echo "redis+cluster://${nodes[*]}")
}

node_info() { { redis-cli -p "$1" cluster info 2>/dev/null || true; } | tr -d '\r'; }
state_ok() { node_info "$1" | grep -q '^cluster_state:ok'; }
all_ok() { local p; for p in "${PORTS[@]}"; do state_ok "$p" || return 1; done; }

start() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || die "redis-server and redis-cli are needed (Debian: apt-get install redis-server redis-tools)"
  local i p dir
  for i in "${!PORTS[@]}"; do
    p=${PORTS[$i]}; dir="$CLUSTER_DIR/$p"
    if port_open "$p"; then
      pid_alive "$dir/redis.pid" || die "port $p is taken by something else than this cluster's node"
      continue
    fi
    mkdir -p "$dir"
    # The nodes' own config file (nodes.conf) lives in their folder: a restarted node rejoins.
    redis-server "$ROOT/infra/redis/redis.conf" --port "$p" --cluster-port "${BUS_PORTS[$i]}" \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --daemonize yes
  done
  for p in "${PORTS[@]}"; do
    wait_for 20 "node $p" bash -c "redis-cli -p $p ping 2>/dev/null | grep -q PONG" \
      || die "cluster node $p did not answer PING within 20 s (log: $CLUSTER_DIR/$p/redis.log)"
  done
  # Created once: afterwards the nodes remember their cluster (and slots) in nodes.conf.
  if node_info "${PORTS[0]}" | grep -q '^cluster_slots_assigned:0'; then
    local nodes=()
    for p in "${PORTS[@]}"; do nodes+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes \
      >"$CLUSTER_DIR/create.log" 2>&1 || die "redis-cli --cluster create failed (log: $CLUSTER_DIR/create.log)"
  fi
  wait_for 60 "cluster state ok" all_ok \
    || die "cluster_state is not ok on every node after 60 s ($(bash "$0" status | tr '\n' ' '))"
  say "Redis Cluster up: ${#PORTS[@]} masters, data in $CLUSTER_DIR"
  echo "REDIS_URL=$(cluster_url)"
}

stop() {
  local p pid dir
  for p in "${PORTS[@]}"; do
    dir="$CLUSTER_DIR/$p"
    pid_alive "$dir/redis.pid" || continue
    pid=$(cat "$dir/redis.pid")
    redis-cli -p "$p" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    wait_for 20 "node $p to stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  done
  say "Redis Cluster stopped"
}

status() {
  local p state
  for p in "${PORTS[@]}"; do
    state=$(node_info "$p" | sed -n 's/^cluster_state://p')
    echo "node 127.0.0.1:$p  ${state:-down}"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  wipe) stop; rm -rf "$CLUSTER_DIR"; say "deleted $CLUSTER_DIR" ;;
  url) cluster_url ;;
  *) die "usage: $0 start|stop|status|wipe|url" ;;
esac
