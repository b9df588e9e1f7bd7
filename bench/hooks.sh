#!/usr/bin/env bash
# The publish hook's cost: the same load (RATE messages a second over WebSocket, 1,000 by default, for
# SECONDS) against the packaged service three times: without hooks, with a publish hook, and with the
# publish hook and event webhooks. The hook is a Node server on this machine that checks each call's
# signature and answers 204. Reports send-to-echo latency (p50, p99, max) and the service's CPU time.
#
#   bench/hooks.sh
#   RATE=1000 SECONDS_OF_LOAD=30 bench/hooks.sh
#
# Needs the packaged jar (./mvnw package -DskipTests) and Node 20 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-1000}
LOAD_SECONDS=${SECONDS_OF_LOAD:-30}
SENDERS=${SENDERS:-50}
ROOMS=${ROOMS:-10}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
JAVA=${JAVA:-java}
[[ -f $JAR ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
SECRET=bench-secret

BACKEND_OUT=$(mktemp -t hooks-backend.XXXXXX)
BACKEND_ERR=$(mktemp -t hooks-backend-counts.XXXXXX)
node bench/hooks/backend.js "$SECRET" >"$BACKEND_OUT" 2>"$BACKEND_ERR" &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null || true' EXIT
until [[ -s $BACKEND_OUT ]]; do sleep 0.1; done
HOOK_PORT=$(head -1 "$BACKEND_OUT")

cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }

run() {
  local label=$1; shift
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local log
  log=$(mktemp -t hooks-server.XXXXXX.log)
  "$JAVA" -Xmx512m -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -Dchat.rate-limit.per-second=0 \
    -Dchat.limits.connections-per-address=100000 "$@" -jar "$JAR" >"$log" 2>&1 &
  local server=$!
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
  # A short warm-up at the same rate, so the JIT has compiled the send path before it is measured.
  node --experimental-websocket --no-warnings bench/hooks/load.js "http://127.0.0.1:$port" "$RATE" 5 "$SENDERS" "$ROOMS" >/dev/null
  local before after
  before=$(cpu_seconds $server)
  local result
  result=$(node --experimental-websocket --no-warnings bench/hooks/load.js "http://127.0.0.1:$port" "$RATE" "$LOAD_SECONDS" "$SENDERS" "$ROOMS")
  after=$(cpu_seconds $server)
  kill $server; wait $server 2>/dev/null || true
  echo "$label $result cpu_per_second=$(awk -v a="$after" -v b="$before" -v s="$LOAD_SECONDS" 'BEGIN { printf "%.3f", (a - b) / s }')"
}

run "no-hooks"
run "publish-hook" -Dchat.hooks.publish-url="http://127.0.0.1:$HOOK_PORT/publish" -Dchat.hooks.secret=$SECRET
run "publish-hook+events" -Dchat.hooks.publish-url="http://127.0.0.1:$HOOK_PORT/publish" \
  -Dchat.hooks.events-url="http://127.0.0.1:$HOOK_PORT/events" -Dchat.hooks.secret=$SECRET
kill -TERM $BACKEND; wait $BACKEND 2>/dev/null || true
echo "backend: $(cat "$BACKEND_ERR")"
