#!/usr/bin/env bash
# Re-runs the attack that used to take the service down (README, "Limits"): the packaged jar with a
# 512 MiB heap, then in a pod-sized JVM (-XX:MaxRAM=512m with the manifests' options), each flooded for
# FLOOD_SECONDS (60) by bench/flood/flood.js with the shipped limits, and once more with the rate limit
# off so only the memory bounds hold. Reports posts accepted and refused, the slowest liveness answer,
# the live heap after a full GC at the end, and whether an OutOfMemoryError was logged.
set -euo pipefail
cd "$(dirname "$0")/.."

FLOOD_SECONDS=${FLOOD_SECONDS:-60}
# A free port of our own: another server already listening would answer the readiness check instead.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JAVA=${JAVA:-java}
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
[[ -f $JAR ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
read -r -a POD <<<"$(sed -n '/name: JAVA_OPTS_APPEND/,/resources:/p' k8s/chat-deployment.yaml | grep -o -- '-X[^ ]*' | grep -v ExitOnOutOfMemoryError | tr '\n' ' ')"

attack() {
  local label=$1; shift
  local log; log=$(mktemp -t flood-server.XXXXXX.log)
  "$JAVA" "$@" -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -jar "$JAR" >"$log" 2>&1 &
  local server=$!
  until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
    kill -0 $server 2>/dev/null || { echo "the server exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  local outcome; outcome=$(node bench/flood/flood.js "http://127.0.0.1:$PORT" "$FLOOD_SECONDS")
  local heap; heap=$("$JCMD" $server GC.class_histogram | awk '/^Total/ { printf "%.1f MiB", $3 / 1048576 }')
  local max; max=$("$JCMD" $server VM.flags | grep -o 'MaxHeapSize=[0-9]*' | head -1 | awk -F= '{ printf "%d MiB", $2 / 1048576 }')
  local oom=no; grep -q OutOfMemoryError "$log" && oom=yes
  echo "$label | max heap $max | $outcome | live heap at the end $heap | OutOfMemoryError: $oom"
  kill $server; wait $server 2>/dev/null || true
}

attack "512 MiB heap, shipped limits" -Xmx512m
attack "pod-sized (MaxRAM=512m), shipped limits" "${POD[@]}" -XX:MaxRAM=512m
attack "512 MiB heap, rate limit off" -Xmx512m -Dchat.rate-limit.per-second=0
attack "pod-sized (MaxRAM=512m), rate limit off" "${POD[@]}" -XX:MaxRAM=512m -Dchat.rate-limit.per-second=0
