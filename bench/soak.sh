#!/usr/bin/env bash
# A soak: about ten minutes of steady churn (WebSocket members joining, chatting, leaving and resuming;
# event streams and long polls opening and ending; HTTP posts) against the packaged service, run as the
# image and the manifests run it. Open file descriptors and the live heap after a full GC are measured
# after a warm-up and again after the churn has ended; both must end within a few percent of the start.
#
#   bench/soak.sh              600 s of churn after 60 s of warm-up
#   SOAK_SECONDS=120 bench/soak.sh
#
# Needs the packaged jar (./mvnw package -DskipTests) and Node 20 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_OF_CHURN=${SOAK_SECONDS:-600}
WARMUP_SECONDS=${SOAK_WARMUP:-60}
# Retained history grows by design until each room holds chat.history.size messages. With 40 per room
# the soak's 50 rooms are full before the first measurement (the warm-up sends about 70 into each), so
# what is measured is what churn leaves behind, not history filling up.
HISTORY=${SOAK_HISTORY:-40}
# A free port of our own: another server already listening would answer the readiness check instead.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
# The JVM and options the image and the manifest run the service with (JAVA, IMAGE_OPTS, SIZING, JVM_OPTS).
source bench/image-jvm.sh
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
[[ -f $JAR ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }

LOG=$(mktemp -t soak-server.XXXXXX.log)
"$JAVA" "${JVM_OPTS[@]}" -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 \
  -Dchat.history.size="$HISTORY" -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.2
done
kill -0 $SERVER 2>/dev/null || { echo "the server exited:" >&2; cat "$LOG" >&2; exit 1; }

fds() { ls /proc/$SERVER/fd | wc -l; }
live_heap() { "$JCMD" $SERVER GC.class_histogram | awk '/^Total/ { print $3 }'; }
churn() { node --experimental-websocket --no-warnings bench/soak/soak.js "http://127.0.0.1:$PORT" "$1"; }
settle() { sleep 5; }

echo "warm-up: ${WARMUP_SECONDS}s of churn"
churn "$WARMUP_SECONDS" >/dev/null
settle
START_FDS=$(fds); START_HEAP=$(live_heap)
echo "start: open fds $START_FDS, live heap $START_HEAP bytes"

echo "soak: ${SECONDS_OF_CHURN}s of churn"
COUNTS=$(churn "$SECONDS_OF_CHURN")
settle
END_FDS=$(fds); END_HEAP=$(live_heap)
echo "end:   open fds $END_FDS, live heap $END_HEAP bytes"
echo "churn: $COUNTS"
grep -q OutOfMemoryError "$LOG" && { echo "OutOfMemoryError in the server log" >&2; exit 1; }

awk -v sf="$START_FDS" -v ef="$END_FDS" -v sh="$START_HEAP" -v eh="$END_HEAP" 'BEGIN {
  printf "fds %+.1f %%, live heap %+.1f %%\n", 100 * (ef - sf) / sf, 100 * (eh - sh) / sh
}'
