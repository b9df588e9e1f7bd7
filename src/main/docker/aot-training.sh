#!/usr/bin/env bash
# Trains the JDK's ahead-of-time cache (JDK 25: JEP 483, 514 and 515) for the packaged service: starts it
# once, opens a WebSocket, posts and reads a message over HTTP and asks the probes and metrics, then stops
# it. On exit the JVM writes the classes it loaded and linked, and the method profiles it gathered, to the
# cache; a later `java -XX:AOTCache=<cache>` with the same JDK and the same jar path starts from there.
#
#   aot-training.sh <path to quarkus-run.jar> <cache file> [JVM options, as the service will run with]
#
# Needs the aot-jar packaging (application.properties) and a JDK of 25 or later as `java`, or in $JAVA.
set -euo pipefail

jar=$1 cache=$2
shift 2
port=${AOT_TRAINING_PORT:-18400}
base=http://127.0.0.1:$port

"${JAVA:-java}" "$@" -XX:AOTCacheOutput="$cache" -Dquarkus.http.port="$port" \
  -Dquarkus.shutdown.delay-enabled=false -Dquarkus.log.level=WARN -jar "$jar" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

upgrade() {
  curl -s -o /dev/null --max-time 1 -w '%{http_code}' -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$base/chat/training" || true
}
for _ in $(seq 1 600); do
  [[ $(upgrade) == 101 ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "the service stopped during training" >&2; exit 1; }
  sleep 0.1
done
curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"name":"trainer","text":"hello"}' \
  "$base/api/rooms/training/messages"
curl -sf -o /dev/null "$base/api/rooms/training/messages?since=0"
for path in / /api/rooms/training /q/health/started /q/health/ready /q/health/live /q/metrics; do
  curl -sf -o /dev/null "$base$path"
done

kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
[[ -s $cache ]] || { echo "no AOT cache was written to $cache" >&2; exit 1; }
