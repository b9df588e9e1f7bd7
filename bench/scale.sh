#!/usr/bin/env bash
# Scale-out through Redis: 1, 2, 4 and 8 instances of the packaged service on one redis-server, each
# instance with its own members in a room of its own plus one member in a room shared by all, at one
# fixed total message rate (bench/scale/scale.js). Per point it reports, per instance, the bytes it
# received from Redis and the messages it took from the backplane, Redis' CPU (INFO cpu) per delivered
# message, and Redis' own time per call of the message script and of the feed reads (INFO commandstats). The same points run on this design and on the commit before it (one shared feed
# that every instance reads whole), in the same run, so the two curves are side by side.
#
#   bench/scale.sh                      both designs, 1 2 4 8 instances, 20 s a point (about 8 minutes)
#   SCALE_POINTS="1 2" bench/scale.sh   fewer points
#
# Needs redis-server on PATH, Node 20 or newer, and git (to build the commit before). Writes
# bench/results/scale.jsonl and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a POINTS <<<"${SCALE_POINTS:-1 2 4 8}"
RATE=${SCALE_RATE:-400}
SECONDS_PER_POINT=${SCALE_SECONDS:-20}
PER_ROOM=${SCALE_MEMBERS:-4}
# The last commit with the shared feed.
BEFORE=${SCALE_BEFORE:-7e8a5e1}
RESULTS=bench/results
OUT=$RESULTS/scale.jsonl
# Small instances, so that eight fit on two cores beside Redis and the load.
INSTANCE_OPTS=(-XX:+UseSerialGC -Xmx64m -Xss512k -XX:ActiveProcessorCount=1 -XX:TieredStopAtLevel=1)

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

build() {
  [[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
  BEFORE_DIR=target/scale-before-$BEFORE
  if [[ ! -f $BEFORE_DIR/target/quarkus-app/quarkus-run.jar ]]; then
    log "building $BEFORE, the shared-feed design"
    rm -rf "$BEFORE_DIR"
    git worktree prune
    git worktree add -q --detach "$BEFORE_DIR" "$BEFORE"
    (cd "$BEFORE_DIR" && ./mvnw -B -q package -DskipTests)
  fi
}

PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap stop_all EXIT

# Redis' own time per call of the message script (EVALSHA) and of the feed reads (XREAD), from INFO commandstats.
usec_per_call() {
  redis-cli -p "$REDIS_PORT" info commandstats | awk -F'[:,=]' -v cmd="cmdstat_$1" '$1 == cmd { for (i = 2; i < NF; i++) if ($i == "usec_per_call") print $(i + 1) }'
}

redis_cpu() { redis-cli -p "$REDIS_PORT" info cpu | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { printf "%.3f", s }'; }

# Bytes each process has received on its connections to Redis, by pid.
bytes_from_redis() {
  ss -tinpH state established "( dport = :$REDIS_PORT )" | awk '
    /pid=/ { match($0, /pid=[0-9]+/); pid = substr($0, RSTART + 4, RLENGTH - 4) }
    /bytes_received:/ { match($0, /bytes_received:[0-9]+/); bytes[pid] += substr($0, RSTART + 15, RLENGTH - 15) }
    END { for (p in bytes) print p, bytes[p] }'
}

received_meter() {
  curl -s "localhost:$1/q/metrics" | awk '$1 == "chat_backplane_received_total" { printf "%d", $2; found = 1 } END { if (!found) printf "null" }'
}

point() {
  local design=$1 jar=$2 instances=$3
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$RESULTS/logs/scale-redis.log" 2>&1 &
  PIDS+=($!)
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
  local ports=() pids=() urls=()
  for i in $(seq 1 "$instances"); do
    local port
    port=$(free_port)
    java "${INSTANCE_OPTS[@]}" -Dquarkus.http.port="$port" -Dchat.backplane=redis \
      -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" -Dchat.rate-limit.per-second=0 \
      -Dchat.limits.connections-per-address=0 -Dquarkus.log.level=WARN -jar "$jar" \
      >"$RESULTS/logs/scale-$design-$instances-$i.log" 2>&1 &
    PIDS+=($!); pids+=($!); ports+=("$port"); urls+=("http://127.0.0.1:$port")
  done
  for port in "${ports[@]}"; do
    until curl -sf "localhost:$port/q/health/ready" >/dev/null 2>&1; do sleep 0.2; done
  done
  local cpu_before bytes_before received_before=()
  cpu_before=$(redis_cpu)
  bytes_before=$(bytes_from_redis)
  for port in "${ports[@]}"; do received_before+=("$(received_meter "$port")"); done
  local load
  load=$(node --experimental-websocket --no-warnings bench/scale/scale.js "$SECONDS_PER_POINT" "$RATE" "$PER_ROOM" "${urls[@]}")
  local cpu_after bytes_after
  cpu_after=$(redis_cpu)
  bytes_after=$(bytes_from_redis)
  local per_instance="" i=0
  for pid in "${pids[@]}"; do
    local before after received
    before=$(awk -v p="$pid" '$1 == p { print $2 }' <<<"$bytes_before"); after=$(awk -v p="$pid" '$1 == p { print $2 }' <<<"$bytes_after")
    received=$(received_meter "${ports[$i]}")
    if [[ $received != null ]]; then received=$((received - ${received_before[$i]})); fi
    per_instance+="${per_instance:+,}{\"bytes_from_redis\":$(( ${after:-0} - ${before:-0} )),\"received\":$received}"
    i=$((i + 1))
  done
  local script_usec xread_usec
  script_usec=$(usec_per_call evalsha); xread_usec=$(usec_per_call xread)
  echo "{\"design\":\"$design\",\"instances\":$instances,\"rate\":$RATE,\"seconds\":$SECONDS_PER_POINT,\"redis_cpu_s\":$(echo "$cpu_after - $cpu_before" | bc),\"evalsha_usec_per_call\":${script_usec:-null},\"xread_usec_per_call\":${xread_usec:-null},\"load\":$load,\"per_instance\":[$per_instance]}" \
    | tee -a "$OUT"
  stop_all
}

mkdir -p "$RESULTS/logs"
build
: >"$OUT"
log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
for instances in "${POINTS[@]}"; do
  log "per-room channels: $instances instances"
  point channels target/quarkus-app/quarkus-run.jar "$instances"
  log "shared feed ($BEFORE): $instances instances"
  point feed "$BEFORE_DIR/target/quarkus-app/quarkus-run.jar" "$instances"
done
node bench/scale/report.js "$OUT"
