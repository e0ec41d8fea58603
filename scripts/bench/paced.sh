#!/usr/bin/env bash
# A media spike, measured honestly (issue #15): open-loop, paced load (h2load --h1 --rps, from
# Debian's nghttp2-client) at 1×, 2×, 4× and 8× of the capacity measured in the same run, with a
# few residents signing the manifesto beside it; then how fast the server recovers, and how close
# the anonymous home and manifesto pages come to the /health ceiling.
#   scripts/bench/paced.sh [--smoke] [--binary PATH]   # default .build/release/kracht
# Full: server pinned to core 0 and the clients to core 1 (taskset), then both unpinned; 10 s per
# step. Smoke (CI): unpinned, 3 s per step, a debug build. SQLite (synchronous=NORMAL).
#
# Two page loads, each measured on its own: "anonymous" is GET /manifest as a visitor from the TV
# sees it (no cookies: the shared ~1 s page cache answers most); "session" is the same page with a
# session cookie (rendered for every request: what admission has to protect).
#
# Lines (parsed by scripts/bench.sh; docs/performance.md explains them):
#   CEILING pin=… health_rps=…                      /health, closed loop, 64 connections
#   PAGES pin=… home_rps=… manifest_rps=… home_pct=… manifest_pct=…   anonymous / and /manifest
#   CAPACITY pin=… load=… rps=… p99_ms=…             the page, closed loop, 8 connections
#   STEP pin=… load=… multiple=… offered=… clients=… total=… served=… shed=… other=… served_rps=…
#        shed_pct=… p50_ms=… p99_ms=… goodput_pct=…  (goodput = served/s as % of capacity)
#   RECOVERY pin=… load=… last_refused_s=…          8 connections right after the 8× step
#   SIGNUPS pin=… load=… multiple=… sent=… ok=… shed=… rows=… lost=… duplicated=… p99_ms=…
#   GOAL pin=… load=… what=… value=… target=… result=PASS|MISS
# Exit status: non-zero when a sign-up was lost or duplicated, or the server failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD BENCH=paced BIN=.build/release/kracht SMOKE=0
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SMOKE=1 BIN=.build/debug/kracht ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/paced.sh [--smoke] [--binary PATH]" >&2; exit 2 ;;
  esac
  shift
done
command -v h2load > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client > /dev/null; }
command -v taskset > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux > /dev/null; }
. scripts/lib/bench-prelude.sh
# Sign-ups come from one address as fast as a machine sends them (as in scripts/bench.sh).
export KRACHT_SIGNING_LIMIT_PER_IP=1000000000 KRACHT_SIGNING_MIN_FILL_SECONDS=0
ulimit -n 65536 2> /dev/null || ulimit -n 16384 2> /dev/null || true

STEP_SECONDS=10 CLOSED_SECONDS=5 PINNINGS="pinned unpinned"
[ $SMOKE = 1 ] && STEP_SECONDS=3 CLOSED_SECONDS=2 PINNINGS=unpinned
MULTIPLES="1 2 4 8"
FAILURE=0

h2() { # log-name, h2load arguments...: runs h2load on the client core, keeps its output
  # Bounded: h2load waits for every answer still owed after its duration; an overloaded debug build
  # once kept it waiting for minutes. What was answered by then is in its log all the same.
  local name=$1; shift
  timeout 60 $CLIENT_WRAPPER h2load --h1 -t 1 -N 10 "$@" > "$TMP/h2load-$name.txt" 2>&1
}
closed_rps() { # name: requests/s of a closed-loop run whose answers were all 2xx, else 0
  local out=$TMP/h2load-$1.txt
  if grep -qE 'status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx' "$out"; then
    sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' "$out" | cut -d. -f1
  else echo 0; fi
}
pct() { awk "BEGIN { printf \"%.0f\", 100 * $1 / ($2 > 0 ? $2 : 1) }"; }
goal() { # pin, load, what, value, target, awk-condition
  echo "GOAL pin=$1 load=$2 what=$3 value=$4 target=$5 result=$(awk "BEGIN { print ($6) ? \"PASS\" : \"MISS\" }")"
}
count_rows() { count_signatures "$KRACHT_DATA_DIR/kracht.sqlite" "%-$1@example.org"; } # run id → "rows distinct"

measure() { # pinned | unpinned
  local pin=$1
  if [ "$pin" = pinned ]; then SERVER_WRAPPER="taskset -c 0" CLIENT_WRAPPER="taskset -c 1"
  else SERVER_WRAPPER="" CLIENT_WRAPPER=""; fi
  export KRACHT_DATA_DIR=$TMP/data-$pin
  mkdir -p "$KRACHT_DATA_DIR"
  start_bench_server "$pin" || { FAILURE=1; return 1; }
  curl -fsS -m 10 -o /dev/null "$base/manifest" || { echo "paced: GET /manifest failed" >&2; FAILURE=1; stop_server; return 1; }

  h2 "$pin-health" -c 64 -D "$CLOSED_SECONDS" "$base/health"
  local health; health=$(closed_rps "$pin-health")
  echo "CEILING pin=$pin health_rps=$health"
  h2 "$pin-home" -c 64 -D "$CLOSED_SECONDS" "$base/"
  h2 "$pin-manifest" -c 64 -D "$CLOSED_SECONDS" "$base/manifest"
  local home manifest; home=$(closed_rps "$pin-home") manifest=$(closed_rps "$pin-manifest")
  echo "PAGES pin=$pin home_rps=$home manifest_rps=$manifest home_pct=$(pct "$home" "$health") manifest_pct=$(pct "$manifest" "$health")"
  goal "$pin" anonymous home_vs_health "$(pct "$home" "$health")%" "≥80%" "$home >= 0.8 * $health"
  goal "$pin" anonymous manifest_vs_health "$(pct "$manifest" "$health")%" "≥80%" "$manifest >= 0.8 * $health"

  local load header
  for load in anonymous session; do
    header=()
    [ $load = session ] && header=(-H "cookie: kracht_session=paced-benchmark-no-such-session")
    h2 "$pin-$load-capacity" -c 8 -D "$CLOSED_SECONDS" --log-file="$TMP/$pin-$load-capacity.log" "${header[@]}" "$base/manifest"
    local capacity summary
    capacity=$(closed_rps "$pin-$load-capacity")
    summary=$(python3 scripts/bench/h2load_log.py "$TMP/$pin-$load-capacity.log" "$CLOSED_SECONDS")
    echo "CAPACITY pin=$pin load=$load rps=$capacity p99_ms=$(sed -nE 's/.*p99_ms=([^ ]+).*/\1/p' <<< "$summary")"
    [ "${capacity:-0}" -gt 0 ] || { echo "paced: no capacity measured ($load)" >&2; FAILURE=1; continue; }
    local multiple
    for multiple in $MULTIPLES; do
      local offered=$((multiple * capacity)) clients rate run_id log=$TMP/$pin-$load-$multiple.log
      # Open loop over keep-alive connections: each client sends --rps requests a second whatever
      # the answers; enough clients that one waiting out a full queue deadline does not slow the
      # offered rate much (h2load --h1 has one request per connection in flight).
      clients=$((offered / 5)); [ $clients -lt 64 ] && clients=64; [ $clients -gt 2000 ] && clients=2000
      rate=$(awk "BEGIN { printf \"%.2f\", $offered / $clients }")
      run_id=$(date +%s)$RANDOM$multiple
      $CLIENT_WRAPPER python3 scripts/bench/paced_signups.py --base "$base" --duration "$STEP_SECONDS" --workers 4 --run "$run_id" \
        > "$TMP/signups-$pin-$load-$multiple.txt" 2>&1 &
      local signers=$!
      h2 "$pin-$load-$multiple" -c "$clients" --rps "$rate" -D "$STEP_SECONDS" --log-file="$log" "${header[@]}" "$base/manifest"
      wait $signers
      summary=$(python3 scripts/bench/h2load_log.py "$log" "$STEP_SECONDS")
      local served_rps; served_rps=$(sed -nE 's/.*served_rps=([0-9]+).*/\1/p' <<< "$summary")
      echo "STEP pin=$pin load=$load multiple=$multiple offered=$offered clients=$clients ${summary% last_refused_s=*} goodput_pct=$(pct "$served_rps" "$capacity")"
      SIGNUP_LINES+=("$pin $load $multiple $run_id $(sed 's/^SIGNUPS //' "$TMP/signups-$pin-$load-$multiple.txt" | tail -1)")
      if [ "$multiple" -gt 1 ]; then
        goal "$pin" "$load" "goodput_${multiple}x" "$(pct "$served_rps" "$capacity")%" "≥90% of capacity" "$served_rps >= 0.9 * $capacity"
        local p99; p99=$(sed -nE 's/.*p99_ms=([^ ]+).*/\1/p' <<< "$summary")
        goal "$pin" "$load" "served_p99_${multiple}x" "${p99}ms" "<2000ms" "\"$p99\" != \"nan\" && $p99 < 2000"
      fi
    done
    h2 "$pin-$load-recovery" -c 8 -D 3 --log-file="$TMP/$pin-$load-recovery.log" "${header[@]}" "$base/manifest"
    local recovered; recovered=$(python3 scripts/bench/h2load_log.py "$TMP/$pin-$load-recovery.log" 3 | sed -nE 's/.*last_refused_s=([^ ]+).*/\1/p')
    echo "RECOVERY pin=$pin load=$load last_refused_s=$recovered"
    goal "$pin" "$load" recovery "${recovered}s" "<1s" "$recovered < 1"
  done
  kill -0 "$SERVER" 2> /dev/null || { echo "paced: the server died: $(tail -5 "$TMP/server-$pin.log")" >&2; FAILURE=1; }
  sleep 1 # sign-ups answered as the clients stopped land first
  stop_server
  local line
  for line in "${SIGNUP_LINES[@]}"; do
    set -- $line
    local l_pin=$1 l_load=$2 l_multiple=$3 l_run=$4; shift 4
    local fields="$*" rows distinct
    read -r rows distinct < <(count_rows "$l_run")
    local ok unanswered
    ok=$(sed -nE 's/.* ?ok=([0-9]+).*/\1/p' <<< " $fields") unanswered=$(sed -nE 's/.*unanswered=([0-9]+).*/\1/p' <<< "$fields")
    local lost=$((ok - distinct)) extra=$((distinct - ok - unanswered))
    [ $lost -lt 0 ] && lost=0; [ $extra -lt 0 ] && extra=0
    local duplicated=$((rows - distinct + extra))
    echo "SIGNUPS pin=$l_pin load=$l_load multiple=$l_multiple $fields rows=$rows lost=$lost duplicated=$duplicated"
    [ $lost = 0 ] && [ $duplicated = 0 ] || FAILURE=1
  done
  SIGNUP_LINES=()
}

SIGNUP_LINES=()
for pin in $PINNINGS; do measure "$pin"; done
exit $FAILURE
