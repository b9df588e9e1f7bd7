#!/usr/bin/env bash
# Live heap per idle WebSocket, read with jmap -histo:live, for one or more builds of the service side by
# side: each app directory (a target/quarkus-app) is started on its own and given 1,000 idle connections
# by the load generator, then N more; the live heap is read at both points, so what startup leaves behind
# does not count, and the difference is divided by N.
#
#   bench/idle-heap.sh N label=app-dir[:extra JVM options] ...
#   bench/idle-heap.sh 3000 before=/tmp/before/target/quarkus-app after=target/quarkus-app \
#       "after-sdk-on=target/quarkus-app:-Dquarkus.otel.sdk.disabled=false"
#
# Prints one JSON line per build, with the classes whose live bytes grew the most. HANDSHAKE=browser has the
# clients send what Chromium sends (a 400-byte Cookie and the rest), TOP how many classes to show (12).
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=$1
shift
PORT=${PORT:-$((20000 + RANDOM % 20000))}
JAVA=${JAVA:-java}
JMAP=${JMAP:-jmap}
SETTLE=${SETTLE:-15}
HANDSHAKE=${HANDSHAKE:-minimal}
TOP=${TOP:-12}
[[ -f bench/loadgen/target/loadgen.jar ]] || ./mvnw -B -q -f bench/loadgen/pom.xml package

histogram() { "$JMAP" -histo:live "$1" | awk '$1 ~ /^[0-9]+:$/ {print $4, $3}'; }

for build in "$@"; do
  label=${build%%=*}
  rest=${build#*=}
  app=${rest%%:*}
  opts=()
  [[ $rest == *:* ]] && read -r -a opts <<<"${rest#*:}"
  rm -f "/tmp/idle-heap-$label.jsonl"
  "$JAVA" -XX:+UseSerialGC -Xmx512m "${opts[@]}" -Dquarkus.http.port="$PORT" -jar "$app/quarkus-run.jar" \
    >"/tmp/idle-heap-$label.log" 2>&1 &
  server=$!
  until curl -fsS "localhost:$PORT/q/health/ready" >/dev/null 2>&1; do sleep 0.2; done
  # The line of a step is printed once its connections are open and settled; the next step, of the same
  # size, holds them while jmap reads the heap.
  java -jar bench/loadgen/target/loadgen.jar --target chat --port "$PORT" --handshake "$HANDSHAKE" \
    --idle-steps "1000,1000,$((1000 + CONNECTIONS)),$((1000 + CONNECTIONS))" \
    --rss-pid "$server" --settle "$SETTLE" >"/tmp/idle-heap-$label.jsonl" &
  loadgen=$!
  until [[ -f "/tmp/idle-heap-$label.jsonl" ]]; do sleep 0.2; done
  until [[ $(wc -l <"/tmp/idle-heap-$label.jsonl") -ge 2 ]]; do sleep 0.2; done
  histogram "$server" | sort >"/tmp/idle-heap-$label-0.txt"
  until [[ $(wc -l <"/tmp/idle-heap-$label.jsonl") -ge 4 ]]; do sleep 0.2; done
  histogram "$server" | sort >"/tmp/idle-heap-$label-n.txt"
  wait "$loadgen"
  kill "$server"
  wait "$server" || true
  join -a 1 -a 2 -e 0 -o 0,1.2,2.2 "/tmp/idle-heap-$label-0.txt" "/tmp/idle-heap-$label-n.txt" \
    | awk -v label="$label" -v n="$CONNECTIONS" '
        { growth = $3 - $2; total += growth; if (growth > 0) print growth, $1 > "/dev/stderr" }
        END { printf "{\"build\":\"%s\",\"connections\":%d,\"live_heap_bytes_per_connection\":%.0f}\n", label, n, total / n }' \
      2> >(sort -rn | head -"$TOP" | awk -v n="$CONNECTIONS" '{printf "  %8.1f B/conn  %s\n", $1 / n, $2}' >&2)
done
