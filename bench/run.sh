#!/usr/bin/env bash
# The side-by-side benchmark: this service, a plain websockets-next broadcast, the lecture's Node ws@8
# relay and a Socket.IO 4 relay, one after another under the same pinning (server on one core, load
# generator on the other): fan-out across a sweep of rates and client counts, a warm reconnect storm,
# idle memory with a browser's handshake, and startup.
#
#   bench/run.sh               the full run (about 15 minutes; with --repeat 3 about 25)
#   bench/run.sh --quick       a few points, for trying changes (about 6 minutes)
#   bench/run.sh --repeat 3    every fan-out point three times (each on a fresh server); the report gives
#                              the median and the spread; combines with --quick
#
# Writes bench/results/results.jsonl (one line per point), results.md and latency.svg.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
REPEAT=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=true; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--quick] [--repeat N]" >&2; exit 2 ;;
  esac
done
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
PORT=${PORT:-18480}
RESULTS=bench/results
# The JVM and options the image and the manifest run the service with (JAVA, IMAGE_OPTS, SIZING, JVM_OPTS).
source bench/image-jvm.sh
APP=$PWD/target/quarkus-app
AOT_CACHE=$APP/app.aot

TARGETS=(chat quarkus-broadcast node-ws socketio)
# Idle connections open with what Chromium sends (a 400-byte Cookie and the rest; see the load generator).
HANDSHAKE=browser
# The reconnect storm: this many clients at once, chat's each replayed this many messages.
STORM=10000
STORM_REPLAY=50
if $QUICK; then
  SWEEP=("1000 250000" "1000 1000000" "10000 100000")
  IDLE_STEPS=5000
  WARMUP=3; DURATION=5; STALLED_DURATION=10
else
  SWEEP=("1000 100000" "1000 500000" "1000 1000000" "1000 2000000" "10000 100000")
  IDLE_STEPS=5000,10000,19000
  WARMUP=5; DURATION=10; STALLED_DURATION=30
fi

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

build() {
  [[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
  if [[ $JAVA == "$JAVA25" && ! $AOT_CACHE -nt $APP/quarkus-run.jar ]]; then
    log "training the AOT cache as the container image does"
    JAVA=$JAVA src/main/docker/aot-training.sh "$APP/quarkus-run.jar" "$AOT_CACHE" "${IMAGE_OPTS[@]}" \
      >"$RESULTS/logs/aot-training.log" 2>&1
  fi
  [[ -f bench/loadgen/target/loadgen.jar ]] || ./mvnw -B -q -f bench/loadgen/pom.xml package
  [[ -f bench/peers/quarkus-broadcast/target/quarkus-app/quarkus-run.jar ]] \
    || ./mvnw -B -q -f bench/peers/quarkus-broadcast/pom.xml package
  for peer in node-ws socketio; do
    [[ -d bench/peers/$peer/node_modules ]] || (cd bench/peers/$peer && npm ci --no-audit --no-fund --silent)
  done
}

SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

start_server() {
  local target=$1 log=$RESULTS/logs/$1.log
  case $target in
    chat) taskset -c "$SERVER_CPU" "$JAVA" "${JVM_OPTS[@]}" $(aot_cache) -Dquarkus.http.port="$PORT" \
            -Dchat.rate-limit.per-second=0 -Dchat.limits.connections-per-address=0 -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" >>"$log" 2>&1 & ;;
    quarkus-broadcast) taskset -c "$SERVER_CPU" "$JAVA" "${JVM_OPTS[@]}" -Dquarkus.http.port="$PORT" \
            -Dquarkus.log.level=WARN -jar bench/peers/quarkus-broadcast/target/quarkus-app/quarkus-run.jar >>"$log" 2>&1 & ;;
    node-ws) PORT=$PORT taskset -c "$SERVER_CPU" node bench/peers/node-ws/server.js >>"$log" 2>&1 & ;;
    socketio) PORT=$PORT taskset -c "$SERVER_CPU" node bench/peers/socketio/server.js >>"$log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return; fi
    sleep 0.1
  done
  log "$target did not start; see $log"; exit 1
}

aot_cache() {
  [[ -f $AOT_CACHE ]] && echo "-XX:AOTCache=$AOT_CACHE"
}

meter() {
  curl -s "localhost:$PORT/q/metrics" | awk -v name="$1" '$1 == name { print $2 }'
}

heap_used_mb() {
  curl -s "localhost:$PORT/q/metrics" \
    | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { sum += $NF } END { printf "%d", sum / 1048576 }'
}

# Launch to the first 101, three times each: on the default JDK as a plain jar, and as the image runs it
# (JDK 25 with the AOT cache), on both cores and pinned to one; the Node relay beside it.
startup() {
  local default_java="JDK $(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
  for _ in 1 2 3; do
    measure_startup "$default_java, plain jar" java "${SIZING[@]}"
    if [[ -f $AOT_CACHE ]]; then
      measure_startup "JDK 25, AOT cache" "$JAVA" "${JVM_OPTS[@]}" "$(aot_cache)"
      measure_startup "JDK 25, AOT cache, one core" taskset -c "$SERVER_CPU" "$JAVA" "${JVM_OPTS[@]}" "$(aot_cache)"
    fi
    log "node-ws: startup"
    node bench/startup.js --target node-ws --variant "Node relay" --port "$PORT" --path / -- \
      env PORT="$PORT" node bench/peers/node-ws/server.js | tee -a "$RESULTS/results.jsonl" >&2 \
      || log "node-ws: startup measurement failed"
  done
}

measure_startup() {
  local variant=$1
  shift
  log "chat: startup, $variant"
  node bench/startup.js --target chat --variant "$variant" --port "$PORT" --path /chat/startup -- \
    "$@" -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" \
    | tee -a "$RESULTS/results.jsonl" >&2 || log "chat: startup measurement failed"
}

loadgen() {
  taskset -c "$LOADGEN_CPU" java -Xmx2g -jar bench/loadgen/target/loadgen.jar --port "$PORT" "$@"
}

mkdir -p "$RESULTS/logs"
rm -f "$RESULTS"/logs/*.log
build
: > "$RESULTS/results.jsonl"
log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# One fan-out point; a point not held (p99 over 100 ms or anything lost) ends the target's sweep at that
# client count, since every higher rate would be worse.
fanout_point() {
  local target=$1 clients=$2 rate=$3 line
  log "$target: $clients clients, $rate deliveries/s, run $4 of $REPEAT"
  start_server "$target"
  line=$(loadgen --target "$target" --clients "$clients" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION") \
    || { log "$target failed at $clients clients, $rate/s"; stop_server; return 1; }
  stop_server
  echo "$line" | tee -a "$RESULTS/results.jsonl" >&2
  node -e 'const r = JSON.parse(process.argv[1]); process.exit(r.lost === 0 && r.failed === 0 && r.p99_ms <= 100 ? 0 : 1)' "$line"
}

# Warm reconnect storm: two storms warm the server's code, the third is measured (bench/loadgen, Storm).
storm() {
  local target=$1
  log "$target: reconnect storm, $STORM clients at once"
  start_server "$target"
  loadgen --target "$target" --storm "$STORM" --replay "$STORM_REPLAY" --storm-warmups 2 \
    --connect-concurrency "$STORM" --handshake "$HANDSHAKE" | tee -a "$RESULTS/results.jsonl" >&2 \
    || log "$target: storm failed"
  stop_server
}

for target in "${TARGETS[@]}"; do
  stopped_at=
  for point in "${SWEEP[@]}"; do
    read -r clients rate <<<"$point"
    [[ $stopped_at == "$clients" ]] && continue
    held=false
    for run in $(seq 1 "$REPEAT"); do
      fanout_point "$target" "$clients" "$rate" "$run" && held=true
    done
    # Only the 1,000-client sweep climbs; a point held in no run ends it.
    $held || stopped_at=$clients
  done
  storm "$target"
  if [[ $target == chat ]]; then
    for stalled in 0 10; do
      log "chat: 1000 clients, 500000 deliveries/s for ${STALLED_DURATION} s, and $stalled more that never read"
      start_server chat
      heap_before=$(heap_used_mb)
      if line=$(loadgen --target chat --clients 1000 --rate 500000 --warmup "$WARMUP" --duration "$STALLED_DURATION" \
          --stalled "$stalled"); then
        extra="\"mode\":\"stalled\",\"heap_before_mb\":$heap_before,\"heap_after_mb\":$(heap_used_mb),"
        extra+="\"slow_consumer_disconnects\":$(meter chat_slow_consumer_disconnects_total),"
        echo "${line/#\{/\{$extra}" | tee -a "$RESULTS/results.jsonl" >&2
      else
        log "chat: stalled-reader run failed"
      fi
      stop_server
    done
    startup
  fi
  log "$target: idle memory, $HANDSHAKE handshakes"
  start_server "$target"
  loadgen --target "$target" --idle-steps "$IDLE_STEPS" --rss-pid "$SERVER_PID" --settle 10 --handshake "$HANDSHAKE" \
    | sed "s/^{/{\"mode\":\"idle\",\"handshake\":\"$HANDSHAKE\",/" | tee -a "$RESULTS/results.jsonl" >&2 \
    || log "$target: idle run failed"
  stop_server
done

node bench/report.js "$RESULTS/results.jsonl" "$RESULTS" "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end"
log "results in $RESULTS/results.md and $RESULTS/latency.svg"
