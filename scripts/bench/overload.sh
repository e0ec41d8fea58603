#!/usr/bin/env bash
# The overload table of issue #15, re-measured: GET /manifest on a release build pinned to one
# core (taskset -c 0), the client (h2load --h1, Debian's nghttp2-client) on the other, each row
# with a server of its own so no row warms the next:
#   capacity        8 connections, closed loop
#   512 limit 64    512 connections, closed loop, KRACHT_MAX_IN_FLIGHT=64 (the queue in front)
#   512 no limit    512 connections, closed loop, KRACHT_MAX_IN_FLIGHT=100000
#   paced           400/s offered in bursts of 200 (200 clients × 2/s), limit 64
# for an anonymous visitor (the shared page cache answers) and with a session cookie (every
# request rendered: what the queue has to protect).
#   scripts/bench/overload.sh [--binary PATH] [--seconds N]     # default .build/release/kracht, 10 s
# Prints a Markdown table (served/s, 503/s, p99 of the served) and one line
# "overload: … -> PASS|MISS": PASS when every request was answered (served or 503, no errors or
# timeouts) and the queue kept goodput ≥ 90% of capacity at 512 connections.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD BENCH=overload BIN=.build/release/kracht SECONDS_PER_ROW=10
while [ $# -gt 0 ]; do
  case $1 in
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    --seconds) SECONDS_PER_ROW=${2:?}; shift ;;
    *) echo "usage: scripts/bench/overload.sh [--binary PATH] [--seconds N]" >&2; exit 2 ;;
  esac
  shift
done
command -v h2load > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client > /dev/null; }
. scripts/lib/bench-prelude.sh
ulimit -n 65536 2> /dev/null || ulimit -n 16384 2> /dev/null || true
SERVER_WRAPPER="taskset -c 0"

row() { # name, KRACHT_MAX_IN_FLIGHT, h2load arguments...: one row on a fresh server
  local name=$1 limit=$2; shift 2
  export KRACHT_DATA_DIR=$TMP/data-$name KRACHT_MAX_IN_FLIGHT=$limit
  mkdir -p "$KRACHT_DATA_DIR"
  start_bench_server "$name" || { echo "| $name | server failed | | |"; VERDICT=MISS; return; }
  curl -fsS -m 10 -o /dev/null "${HEADER[@]/#/-H}" "$base/manifest" # migrations done, caches warm
  timeout $((SECONDS_PER_ROW + 60)) taskset -c 1 h2load --h1 -t 1 -N 10 -D "$SECONDS_PER_ROW" --log-file="$TMP/$name.log" "${HEADER[@]/#/-H}" "$@" "$base/manifest" \
    > "$TMP/h2load-$name.txt" 2>&1
  stop_server
  local summary errors
  summary=$(python3 scripts/bench/h2load_log.py "$TMP/$name.log" "$SECONDS_PER_ROW")
  errors=$(sed -nE 's/^requests: .* ([0-9]+) errored, ([0-9]+) timeout.*/\1+\2/p' "$TMP/h2load-$name.txt")
  local served shed p99
  served=$(sed -nE 's/.*served_rps=([0-9]+).*/\1/p' <<< "$summary") shed=$(sed -nE 's/.* shed=([0-9]+).*/\1/p' <<< "$summary")
  p99=$(sed -nE 's/.*p99_ms=([^ ]+).*/\1/p' <<< "$summary")
  R_SERVED[$name]=$served
  echo "| $LOAD, $DESCRIPTION | $served | $((shed / SECONDS_PER_ROW)) | $p99 ms | ${errors:-?} |"
  [ "$(($errors))" = 0 ] 2> /dev/null || VERDICT=MISS
}

declare -A R_SERVED
VERDICT=PASS
echo "| \`/manifest\`, load | served (2xx)/s | 503/s | p99 of served | errors+timeouts |"
echo "|---|---:|---:|---:|---:|"
for LOAD in anonymous session; do
  HEADER=()
  [ $LOAD = session ] && HEADER=("cookie: kracht_session=overload-benchmark-no-such-session")
  DESCRIPTION="8 connections (capacity)" row "$LOAD-capacity" 64 -c 8
  DESCRIPTION="512 connections, \`KRACHT_MAX_IN_FLIGHT=64\`" row "$LOAD-limit" 64 -c 512
  DESCRIPTION="512 connections, no limit" row "$LOAD-nolimit" 100000 -c 512
  DESCRIPTION="paced (h2load \`--rps\`), 400/s offered in bursts of 200, limit 64" row "$LOAD-paced" 64 -c 200 --rps 2
  awk "BEGIN { exit !(${R_SERVED[$LOAD-limit]:-0} >= 0.9 * ${R_SERVED[$LOAD-capacity]:-1}) }" || VERDICT=MISS
done
echo "overload: goodput at 512 connections with the queue vs capacity: anonymous ${R_SERVED[anonymous-limit]:-?}/${R_SERVED[anonymous-capacity]:-?}/s," \
  "session ${R_SERVED[session-limit]:-?}/${R_SERVED[session-capacity]:-?}/s -> $VERDICT"
[ $VERDICT = PASS ]
