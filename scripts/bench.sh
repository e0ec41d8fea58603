#!/usr/bin/env bash
# Benchmarks of the real server on 127.0.0.1: the ceiling (/health), manifesto sign-ups on
# SQLite, SQLite with synchronous=FULL and PostgreSQL, public pages during a signing spike,
# the home page with 100,000 signatures, hostile 1 MB form posts, and the fund's transparency
# page with 1,000,000 ledger entries (scripts/bench/fund-report.sh), Mollie webhook replay
# (scripts/bench/webhooks.sh), the fund committee's queue with 50,000 cases and the fund
# key's rotation over them (scripts/bench/fund-help.sh), and /voor-jou, the initiatives' search
# and the weekly digest with 100,000 residents (scripts/bench/initiatives.sh), and events: 200
# people racing for 50 places on SQLite, PostgreSQL and two app instances, and the agenda with
# 5,000 future events (scripts/bench/events.sh), and a plan with 50 sections, 20 versions and
# 10,000 reactions: its page and the diff of its first and last version (scripts/bench/plans.sh). The dashboard
# with 100,000 signatures and two years of daily snapshots, /api/v1/indicators against /health and its
# revalidation answered 304 without the database (scripts/bench/dashboard.sh). A media spike:
# issue #15's overload table (scripts/bench/overload.sh) and open-loop paced load at 1×–8× of
# capacity, pinned and unpinned, with sign-ups beside it (scripts/bench/paced.sh). Every sign-up
# answered with 303 must be stored exactly once. How to read the results:
# docs/performance.md, section "Benchmarks".
#
#   scripts/bench.sh [--binary PATH]        # full: release build, ~3 minutes of load, appends
#                                           #   a dated section to docs/performance.md
#   scripts/bench.sh --smoke [--binary PATH] # CI: debug binary, SQLite, 3-second runs, -c8;
#                                           #   ends with "bench: N passed, N failed"
#
# Exit status: non-zero only when a signature was lost or duplicated, or the server failed
# (did not start, died, or stored nothing). A missed speed target is recorded, not a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="/opt/swift/usr/bin:$PATH"

SMOKE=0
BIN=""
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SMOKE=1 ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (usage: scripts/bench.sh [--smoke] [--binary PATH])" >&2; exit 2 ;;
  esac
  shift
done

if [ $SMOKE = 1 ]; then
  DURATION=3 CONNECTIONS=8
else
  DURATION=15 CONNECTIONS=64
fi
SEED_SIGNATURES=100000
# For trying the script itself quickly; published figures use the defaults above.
DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
SEED_SIGNATURES=${KRACHT_BENCH_SEED:-$SEED_SIGNATURES}
LEDGER_ENTRIES=1000000
[ $SMOKE = 1 ] && LEDGER_ENTRIES=10000
LEDGER_ENTRIES=${KRACHT_BENCH_LEDGER:-$LEDGER_ENTRIES}
RESULTS=$ROOT/test-results/bench

# --- the summary line of the smoke run; the checks add to these ------------------------------
PASSED=0 FAILED=0
check() { # name, condition-command... : one smoke check, printed and counted
  local name=$1; shift
  if "$@"; then PASSED=$((PASSED + 1)); echo "  ok    $name"
  else FAILED=$((FAILED + 1)); echo "  FAIL  $name"; fi
}
SERVER_FAILURE=0 # full mode: the server did not start, died or stored nothing
INTEGRITY_FAILURE=0 # a signature lost or duplicated
finish() {
  if [ $SMOKE = 1 ]; then
    echo "bench: $PASSED passed, $FAILED failed"
    [ $FAILED -eq 0 ]; exit $?
  fi
  [ $SERVER_FAILURE = 0 ] && [ $INTEGRITY_FAILURE = 0 ]; exit $?
}
fatal() { # message: the run cannot go on
  echo "bench: $*" >&2
  if [ $SMOKE = 1 ]; then FAILED=$((FAILED + 1)); else SERVER_FAILURE=1; fi
  finish
}

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk > /dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null \
    || fatal "could not install wrk"
fi

# --- what a killed earlier run left behind -------------------------------------------------------
. scripts/lib/stale-runs.sh
clean_stale_runs bench

# --- this run's folder and services (scripts/lib/services.sh uses it as SERVICES_DIR) -----------
TMP=$(mktemp -d /tmp/kracht-bench.XXXXXX)
echo $$ > "$TMP/owner"
SERVICES_DIR=$TMP
. scripts/lib/services.sh

SERVER_PID="" SAMPLER_PID="" WRK_PID=""
cleanup() {
  for pid in $WRK_PID $SAMPLER_PID; do kill "$pid" 2>/dev/null; done
  stop_server
  mkdir -p "$RESULTS"
  cp "$TMP"/*.log "$TMP"/*.txt "$RESULTS"/ 2>/dev/null
  services_cleanup # stops PostgreSQL, removes $TMP
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$RESULTS"

# --- the server ----------------------------------------------------------------------------------
. scripts/lib/bench-server.sh # SERVER_ENV, start_server (sets SERVER_PID, PORT, BASE), stop_server
. scripts/bench/fund-report.sh # measure_fund_report, fund_report_rows, fund_report_targets
fund_help_targets() { # the QUEUE and ROTATE lines of scripts/bench/fund-help.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line engine p50 health seconds
  while read -r line; do
    engine=$(sed -n 's/.*engine=\([^ ]*\).*/\1/p' <<< "$line")
    case $line in
      QUEUE*) p50=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<< "$line") health=$(sed -n 's/.*health_p50_ms=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| committee queue p50 < 30 ms, 50,000 cases ($engine; /health p50 $health ms) | $p50 ms | $(awk "BEGIN { print ($p50 < 30) ? \"PASS\" : \"MISS\" }") |" ;;
      ROTATE*) seconds=$(sed -n 's/.*seconds=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| rotate-key re-seals 50,000 cases < 60 s ($engine) | $seconds s | $(awk "BEGIN { print ($seconds < 60) ? \"PASS\" : \"MISS\" }") |" ;;
    esac
  done <<< "$1"
}

events_targets() { # the lines of scripts/bench/events.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line engine v
  while read -r line; do
    engine=$(sed -n 's/.*engine=\([^ ]*\).*/\1/p' <<< "$line")
    case $line in
      AGENDA*) v=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| agenda p50 < 15 ms, $(sed -n 's/.*events=\([^ ]*\).*/\1/p' <<< "$line") future events ($engine; /health p50 $(sed -n 's/.*health_p50_ms=\([^ ]*\).*/\1/p' <<< "$line") ms) | $v ms | $(awk "BEGIN { print ($v < 15) ? \"PASS\" : \"MISS\" }") |" ;;
      RACE*) echo "| $(sed -n 's/.* clients=\([^ ]*\).*/\1/p' <<< "$line") registrations race for $(sed -n 's/.* places=\([^ ]*\).*/\1/p' <<< "$line") places ($engine, round $(sed -n 's/.* round=\([^ ]*\).*/\1/p' <<< "$line")): $(sed -n 's/.* holding=\([^ ]*\).*/\1/p' <<< "$line") hold, $(sed -n 's/.* waitlisted=\([^ ]*\).*/\1/p' <<< "$line") waitlisted in order, $(sed -n 's/.* rows=\([^ ]*\).*/\1/p' <<< "$line") rows; $(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<< "$line")/s, p99 $(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<< "$line") ms (/health $(sed -n 's/.*health_rps=\([^ ]*\).*/\1/p' <<< "$line")/s, p99 $(sed -n 's/.*health_p99_ms=\([^ ]*\).*/\1/p' <<< "$line") ms) | see left | $(sed -n 's/.*result=\([^ ]*\).*/\1/p' <<< "$line") |" ;;
    esac
  done <<< "$1"
}

plans_targets() { # the PLAN and DIFF lines of scripts/bench/plans.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line engine v
  while read -r line; do
    engine=$(sed -n 's/.*engine=\([^ ]*\).*/\1/p' <<< "$line") v=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<< "$line")
    case $line in
      PLAN*) echo "| plan page p50 < 25 ms, 50 sections, 10,000 reactions ($engine) | $v ms | $(awk "BEGIN { print ($v < 25) ? \"PASS\" : \"MISS\" }") |" ;;
      DIFF*) echo "| diff of version 1 and 20 p50 < 50 ms ($engine) | $v ms | $(awk "BEGIN { print ($v < 50) ? \"PASS\" : \"MISS\" }") |" ;;
    esac
  done <<< "$1"
}

dashboard_targets() { # the GOAL lines of scripts/bench/dashboard.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line engine what value result
  while read -r line; do
    engine=$(sed -n 's/.*engine=\([^ ]*\).*/\1/p' <<< "$line") what=$(sed -n 's/.* what=\([^ ]*\).*/\1/p' <<< "$line")
    value=$(sed -n 's/.* value=\(.*\) target=.*/\1/p' <<< "$line" | tr -d '"') result=${line##*result=}
    case $what in
      dashboard_p50) echo "| /dashboard p50 < 10 ms, 100,000 signatures, 730 days of snapshots ($engine) | $value | $result |" ;;
      api_vs_health) echo "| /api/v1/indicators ≥ 60% of /health ($engine) | $value | $result |" ;;
      revalidate_304_without_database) echo "| If-None-Match answered 304 without the database ($engine) | $value | $result |" ;;
    esac
  done <<< "$(grep '^GOAL ' <<< "$1")"
}

paced_targets() { # the GOAL and SIGNUPS lines of scripts/bench/paced.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line pin load what value result
  while read -r line; do
    pin=$(sed -n 's/.*pin=\([^ ]*\).*/\1/p' <<< "$line") load=$(sed -n 's/.* load=\([^ ]*\).*/\1/p' <<< "$line")
    what=$(sed -n 's/.* what=\([^ ]*\).*/\1/p' <<< "$line") value=$(sed -n 's/.* value=\([^ ]*\).*/\1/p' <<< "$line")
    result=${line##*result=}
    case $what in
      home_vs_health) echo "| anonymous / ≥ 80% of /health ($pin) | $value | $result |" ;;
      manifest_vs_health) echo "| anonymous /manifest ≥ 80% of /health ($pin) | $value | $result |" ;;
      goodput_*) echo "| goodput at ${what#goodput_} capacity ≥ 90% ($load, $pin) | $value | $result |" ;;
      served_p99_*) echo "| p99 of served at ${what#served_p99_} < 2 s ($load, $pin) | $value | $result |" ;;
      recovery) echo "| recovered within 1 s after 8× ($load, $pin) | $value | $result |" ;;
    esac
  done <<< "$(grep '^GOAL ' <<< "$1")"
  local bad; bad=$(grep '^SIGNUPS ' <<< "$1" | grep -vc 'lost=0 duplicated=0')
  echo "| no sign-up lost or duplicated at any step | $(grep -c '^SIGNUPS ' <<< "$1") steps, $bad with a loss | $([ "$bad" = 0 ] && echo PASS || echo FAIL) |"
}

initiatives_targets() { # the lines of scripts/bench/initiatives.sh → a table of targets
  echo "| target | measured | result |"
  echo "|---|---|---|"
  local line engine v
  while read -r line; do
    engine=$(sed -n 's/.*engine=\([^ ]*\).*/\1/p' <<< "$line")
    case $line in
      FORYOU*) v=$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| /voor-jou p99 < 20 ms under load ($engine; /health p99 $(sed -n 's/.*health_p99_ms=\([^ ]*\).*/\1/p' <<< "$line") ms) | $v ms | $(awk "BEGIN { print ($v < 20) ? \"PASS\" : \"MISS\" }") |" ;;
      SEARCH*) v=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| search p50 < 10 ms ($engine) | $v ms | $(awk "BEGIN { print ($v < 10) ? \"PASS\" : \"MISS\" }") |" ;;
      DIGEST*) v=$(sed -n 's/.*seconds=\([^ ]*\).*/\1/p' <<< "$line")
        echo "| digest for 100,000 residents < 60 s ($engine, $(sed -n 's/.*mode=\([^ ]*\).*/\1/p' <<< "$line"), $(sed -n 's/.*mails=\([^ ]*\).*/\1/p' <<< "$line") mails) | $v s | $(awk "BEGIN { print ($v < 60) ? \"PASS\" : \"MISS\" }") |" ;;
    esac
  done <<< "$1"
}

# --- the binary ----------------------------------------------------------------------------------
if [ -z "$BIN" ]; then
  if [ $SMOKE = 1 ]; then
    BIN=.build/debug/kracht
  else
    echo "== swift build -c release (about 15 minutes from nothing)"
    swift build -c release 2>&1 | tee "$TMP/build.log" | grep -E "error|Compiling|Build complete"
    # the build's own status: an old binary left in .build/release must not be measured instead
    [ "${PIPESTATUS[0]}" = 0 ] || fatal "the release build failed (log: test-results/bench/build.log)"
    BIN=.build/release/kracht
  fi
fi
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || fatal "no kracht binary at $BIN"

# --- measuring -----------------------------------------------------------------------------------
# Results, keyed "label.field": fields from the BENCH line of scripts/bench/report.lua
# (rps, p50_ms, p99_ms, requests, errors_*, signup_*) and from SAMPLE lines (home.*, manifest.*).
declare -A R

run_wrk() { # label, wrk arguments...: runs wrk (bounded), keeps its report, parses BENCH
  local label=$1; shift
  timeout $((DURATION + 60)) wrk "$@" > "$TMP/wrk-$label.txt" 2>&1 &
  WRK_PID=$!
  wait $WRK_PID
  WRK_PID=""
  local line kv
  line=$(grep '^BENCH ' "$TMP/wrk-$label.txt" | tail -1)
  if [ -z "$line" ]; then echo "wrk ($label) printed no result:" >&2; tail -5 "$TMP/wrk-$label.txt" >&2; return 1; fi
  for kv in ${line#BENCH }; do R[$label.${kv%%=*}]=${kv#*=}; done
}

count_rows() { # engine, data dir, run id → "rows distinct" of this run's sign-ups
  if [ "$1" = postgres ]; then count_signatures "$POSTGRES_URL" "%-$3@example.org"
  else count_signatures "$2/kracht.sqlite" "%-$3@example.org"; fi
}

scrape_form_token() { # → the hidden form_token of GET /manifest
  curl -fsS -m 10 "$BASE/manifest" | sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p' | head -1
}

# One engine: ceiling, then sign-ups with the public pages sampled alongside, then the stored
# rows compared with the 303s. Sets R[$engine.*] and the integrity/server flags.
measure_engine() { # engine label (sqlite|sqlite-full|postgres), extra server VAR=value...
  local engine=$1; shift
  local dir=$TMP/data-$engine
  echo "== $engine"
  start_server "$engine" "$dir" "$(free_port)" "$@" || { SERVER_FAILURE=1; R[$engine.failed]=1; return 1; }

  if ! run_wrk "$engine.health" -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
      -s scripts/bench/report.lua "$BASE/health"; then
    SERVER_FAILURE=1; R[$engine.failed]=1; stop_server; return 1
  fi
  echo "   /health     ${R[$engine.health.rps]} req/s  p50 ${R[$engine.health.p50_ms]} ms  p99 ${R[$engine.health.p99_ms]} ms"

  local status
  status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/manifest")
  if [ "$status" != 200 ]; then
    echo "   GET /manifest answered $status: no manifesto in this build, sign-ups skipped"
    R[$engine.no_manifest]=1; stop_server; return 0
  fi
  local token run_id
  token=$(scrape_form_token)
  [ -n "$token" ] || { echo "   no form_token on /manifest" >&2; SERVER_FAILURE=1; R[$engine.failed]=1; stop_server; return 1; }
  run_id=$(date +%s)$RANDOM # digits only: safe in a LIKE pattern and an address

  # The readers: a light client on / and /manifest, 10 times a second, for as long as wrk runs.
  python3 scripts/bench/sample_pages.py --base "$BASE" --duration "$DURATION" --interval 0.1 / /manifest \
    > "$TMP/sample-$engine.txt" 2>&1 &
  SAMPLER_PID=$!
  run_wrk "$engine.signup" -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s \
    -s scripts/bench/signup.lua "$BASE" -- "$token" "$run_id"
  wait $SAMPLER_PID; SAMPLER_PID=""
  local path name kv line
  for path in / /manifest; do
    name=home; [ $path = /manifest ] && name=manifest
    line=$(grep "^SAMPLE path=$path " "$TMP/sample-$engine.txt")
    for kv in ${line#SAMPLE }; do R[$engine.$name.${kv%%=*}]=${kv#*=}; done
  done

  if ! server_alive; then
    echo "   the server died during the sign-ups:" >&2; tail -20 "$TMP/server-$engine.log" >&2
    SERVER_FAILURE=1; R[$engine.failed]=1
  fi
  # Sign-ups still in flight when wrk stopped may be committed after it left: let them land,
  # then stop the server gracefully so nothing is pending when the rows are counted.
  sleep 1
  stop_server
  local rows distinct
  read -r rows distinct < <(count_rows "$engine" "$dir" "$run_id")
  if ! [[ ${rows:-} =~ ^[0-9]+$ && ${distinct:-} =~ ^[0-9]+$ ]]; then
    echo "   could not count the stored signatures" >&2; SERVER_FAILURE=1; R[$engine.failed]=1; return 1
  fi
  local ok=${R[$engine.signup.signup_303]:-0} sent=${R[$engine.signup.signup_sent]:-0}
  local answered=${R[$engine.signup.signup_answered]:-0}
  # At most one request per connection can be in flight. (wrk 4.1 also calls request() once
  # on thread 1 before connecting, to check for pipelining: one "sent" that never left.)
  local in_flight=$((sent - answered))
  [ $in_flight -gt "$CONNECTIONS" ] && in_flight=$CONNECTIONS
  # lost: answered 303 but not stored. duplicated: an address stored twice, or more rows than
  # could exist (303s + requests still unanswered when wrk stopped, which the server may
  # legitimately have stored: nobody was told they signed, but they did).
  local lost=$((ok - distinct)) dup_rows=$((rows - distinct)) extra=$((distinct - ok - in_flight))
  [ $lost -lt 0 ] && lost=0
  [ $extra -lt 0 ] && extra=0
  R[$engine.rows]=$rows R[$engine.in_flight]=$in_flight R[$engine.lost]=$lost R[$engine.duplicated]=$((dup_rows + extra))
  echo "   sign-ups    ${R[$engine.signup.signup_rps]}/s (each after a GET /manifest for its single-use form token)  p50 ${R[$engine.signup.p50_ms]} ms  p99 ${R[$engine.signup.p99_ms]} ms" \
    " 303s $ok, other ${R[$engine.signup.signup_other]}, stored $rows (in flight at stop $in_flight)," \
    "lost $lost, duplicated ${R[$engine.duplicated]}"
  echo "   during load GET / p50 ${R[$engine.home.p50_ms]} ms p99 ${R[$engine.home.p99_ms]} ms (${R[$engine.home.ok]}/${R[$engine.home.n]} ok)," \
    "GET /manifest p50 ${R[$engine.manifest.p50_ms]} ms p99 ${R[$engine.manifest.p99_ms]} ms (${R[$engine.manifest.ok]}/${R[$engine.manifest.n]} ok)"
  [ "$ok" -gt 0 ] || { echo "   no sign-up succeeded: see $RESULTS/server-$engine.log" >&2; SERVER_FAILURE=1; }
  if [ $lost -ne 0 ] || [ "${R[$engine.duplicated]}" -ne 0 ]; then INTEGRITY_FAILURE=1; fi
}

# The home page with many signatures: seeded with `kracht manifesto fill`, measured with one
# connection (a single reader's latency, not throughput).
measure_home_seeded() {
  local dir=$TMP/data-seeded
  echo "== home page with $SEED_SIGNATURES signatures (SQLite)"
  mkdir -p "$dir"
  if ! timeout 1200 env -u DATABASE_URL -u KRACHT_SQLITE_SYNCHRONOUS "${SERVER_ENV[@]}" KRACHT_DATA_DIR="$dir" \
      "$BIN" manifesto fill --signatures $SEED_SIGNATURES > "$TMP/fill.log" 2>&1; then
    echo "   manifesto fill failed:" >&2; tail -10 "$TMP/fill.log" >&2; SERVER_FAILURE=1; return 1
  fi
  start_server seeded "$dir" "$(free_port)" || { SERVER_FAILURE=1; return 1; }
  curl -fsS -m 10 -o /dev/null "$BASE/" && curl -fsS -m 10 -o /dev/null "$BASE/manifest" # warm caches
  run_wrk seeded.home -t1 -c1 -d10s --latency -s scripts/bench/report.lua "$BASE/" || SERVER_FAILURE=1
  run_wrk seeded.manifest -t1 -c1 -d10s --latency -s scripts/bench/report.lua "$BASE/manifest" || SERVER_FAILURE=1
  stop_server
  echo "   GET /         p50 ${R[seeded.home.p50_ms]:-?} ms  p99 ${R[seeded.home.p99_ms]:-?} ms  ${R[seeded.home.rps]:-?} req/s"
  echo "   GET /manifest p50 ${R[seeded.manifest.p50_ms]:-?} ms  p99 ${R[seeded.manifest.p99_ms]:-?} ms  ${R[seeded.manifest.rps]:-?} req/s"
}

# Hostile forms (issue #7): ~1 MB of repeated fields (`x[]=1&…`, with a valid CSRF cookie and
# field, so it reaches the form decoder) posted to the login. One post alone, timed; in the full
# run also GET /manifest under wrk, first alone, then with such posts sent one after another.
measure_hostile_forms() {
  local dir=$TMP/data-hostile line kv
  echo "== hostile 1 MB form posts to /account/inloggen (SQLite)"
  start_server hostile "$dir" "$(free_port)" || { SERVER_FAILURE=1; R[hostile.failed]=1; return 1; }
  local page=/manifest
  [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE$page")" = 200 ] || page=/
  R[hostile.page]=$page
  line=$(python3 scripts/bench/hostile_form.py --base "$BASE" --once 2>&1 | grep '^HOSTILE ')
  for kv in ${line#HOSTILE }; do R[hostile.once.${kv%%=*}]=${kv#*=}; done
  echo "   one post    ${R[hostile.once.max_ms]:-?} ms, answered 400: ${R[hostile.once.status_400]:-0}/${R[hostile.once.posts]:-0}"
  if [ $SMOKE = 0 ]; then
    run_wrk hostile.quiet -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s scripts/bench/report.lua "$BASE$page" || SERVER_FAILURE=1
    python3 scripts/bench/hostile_form.py --base "$BASE" --duration "$DURATION" > "$TMP/hostile.txt" 2>&1 &
    SAMPLER_PID=$!
    run_wrk hostile.loud -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s scripts/bench/report.lua "$BASE$page" || SERVER_FAILURE=1
    wait $SAMPLER_PID; SAMPLER_PID=""
    line=$(grep '^HOSTILE ' "$TMP/hostile.txt")
    for kv in ${line#HOSTILE }; do R[hostile.loop.${kv%%=*}]=${kv#*=}; done
    echo "   GET $page alone              p99 ${R[hostile.quiet.p99_ms]:-?} ms  ${R[hostile.quiet.rps]:-?} req/s"
    echo "   GET $page with hostile posts p99 ${R[hostile.loud.p99_ms]:-?} ms  ${R[hostile.loud.rps]:-?} req/s;" \
      "posts ${R[hostile.loop.posts]:-0} (400: ${R[hostile.loop.status_400]:-0}), p50 ${R[hostile.loop.p50_ms]:-?} ms, p99 ${R[hostile.loop.p99_ms]:-?} ms"
  fi
  server_alive || { echo "   the server died during the hostile posts" >&2; SERVER_FAILURE=1; R[hostile.failed]=1; }
  stop_server
}

# --- smoke ---------------------------------------------------------------------------------------
num() { awk "BEGIN { exit !($*) }"; } # float comparison: num "1.5 < 2"

if [ $SMOKE = 1 ]; then
  echo "== bench smoke: $BIN, SQLite, ${DURATION}s runs, -c$CONNECTIONS"
  measure_engine sqlite
  check "/health answered under load" num "${R[sqlite.health.requests]:-0} > 0 && ${R[sqlite.health.errors_status]:-1} == 0"
  measure_hostile_forms
  check "a 1 MB hostile form post is answered 400 in under 250 ms in a debug build (${R[hostile.once.max_ms]:-?} ms)" \
    num "${R[hostile.once.status_400]:-0} == 1 && ${R[hostile.once.max_ms]:-9999} < 250"
  measure_fund_report "$LEDGER_ENTRIES"
  check "the fund ledger seeded with $LEDGER_ENTRIES entries passes kracht verify" [ "${R[fund.verify]:-x}" = ok ]
  check "/fonds/verantwoording answered with the seeded ledger (p50 ${R[fund.page.p50_ms]:-?} ms, debug build)" \
    num "${R[fund.failed]:-0} == 0 && ${R[fund.page.requests]:-0} > 0 && ${R[fund.page.errors_status]:-1} == 0"
  STATEMENT=$(scripts/bench/statement-import.sh --smoke --binary "$BIN" 2> "$TMP/statement.err" | grep '^STATEMENT')
  check "a CAMT.053 statement of 2,000 entries imports and verifies (${STATEMENT#STATEMENT })" [ "${STATEMENT##*verify=}" = ok ]
  WEBHOOKS=$(scripts/bench/webhooks.sh --smoke --binary "$BIN" 2>&1 | tail -1)
  # a debug build's speed means little: the smoke run checks one posting per payment
  check "webhook replay: one posting per payment, ledger balanced (${WEBHOOKS#webhooks: })" \
    num "$(echo "$WEBHOOKS" | grep -c -- '-> PASS$\|-> MISS$') == 1"
  FUNDHELP=$(scripts/bench/fund-help.sh --smoke --binary "$BIN" 2> "$TMP/fund-help.err")
  check "the committee queue answers over 1,000 sealed cases ($(echo "$FUNDHELP" | sed -n 's/^QUEUE .*p50_ms=\([^ ]*\).*/p50 \1 ms/p'), debug build)" \
    grep -q '^QUEUE .* errors=0$' <<< "$FUNDHELP"
  check "rotate-key re-seals every case ($(echo "$FUNDHELP" | sed -n 's/^ROTATE .*seconds=\([^ ]*\).*/\1 s/p'))" \
    grep -q '^ROTATE .* left_old=0$' <<< "$FUNDHELP"
  INITIATIVES=$(scripts/bench/initiatives.sh --smoke --binary "$BIN" 2> "$TMP/initiatives.err")
  check "/voor-jou and the search answer over 2,000 profiles ($(echo "$INITIATIVES" | sed -n 's/^FORYOU .* p99_ms=\([^ ]*\).*/p99 \1 ms/p'), debug build)" \
    grep -q '^FORYOU .* errors=0$' <<< "$INITIATIVES"
  check "the weekly digest mails 2,000 residents ($(echo "$INITIATIVES" | sed -n 's/^DIGEST .*mode=mail.* seconds=\([^ ]*\).*/\1 s/p'))" \
    grep -q '^DIGEST .*mode=mail profiles=2000 ' <<< "$INITIATIVES"
  EVENTS=$(scripts/bench/events.sh --smoke --binary "$BIN" 2> "$TMP/events.err")
  events_clean() { grep -q '^AGENDA .* errors=0 ' <<< "$EVENTS" && grep -q '^VERIFY .*result=ok' <<< "$EVENTS"; }
  check "the registration race (60 people, 15 places): places held exactly, the rest waitlisted in order, nothing lost ($(echo "$EVENTS" | sed -n 's/^RACE .* rows=\([^ ]*\) distinct=[^ ]* holding=\([^ ]*\) waitlisted=\([^ ]*\).*/\2 hold, \3 wait, \1 rows/p'))" \
    grep -q '^RACE .*result=PASS' <<< "$EVENTS"
  check "the agenda answers over 300 events and kracht verify passes ($(echo "$EVENTS" | sed -n 's/^AGENDA .* p50_ms=\([^ ]*\).*/p50 \1 ms/p'), debug build)" \
    events_clean
  PLANS=$(scripts/bench/plans.sh --smoke --binary "$BIN" 2> "$TMP/plans.err")
  plans_clean() { grep -q '^PLAN .* errors=0$' <<< "$PLANS" && grep -q '^DIFF .* errors=0$' <<< "$PLANS" && grep -q '^VERIFY .*result=ok' <<< "$PLANS"; }
  dashboard_clean() { grep -q '^DASHBOARD .* errors=0 ' <<< "$DASHBOARD" && grep -q '^API .* errors=0 ' <<< "$DASHBOARD" \
    && grep -q '^REVALIDATE .* status_other=0 ' <<< "$DASHBOARD" && ! grep -q '^REVALIDATE .* status_304=0 ' <<< "$DASHBOARD" \
    && grep -q '^VERIFY .*result=ok' <<< "$DASHBOARD"; }
  check "a plan of 10 sections, 5 versions and 1,000 reactions: its page and diff answer and kracht verify passes ($(echo "$PLANS" | sed -n 's/^PLAN .* p50_ms=\([^ ]*\).*/page p50 \1 ms/p'), $(echo "$PLANS" | sed -n 's/^DIFF .* p50_ms=\([^ ]*\).*/diff p50 \1 ms/p'), debug build)" \
    plans_clean
  DASHBOARD=$(scripts/bench/dashboard.sh --smoke --binary "$BIN" 2> "$TMP/dashboard.err")
  check "the dashboard over 1,000 signatures and 30 days of snapshots, /api/v1/indicators and its revalidation (all 304) answer and kracht verify passes ($(echo "$DASHBOARD" | sed -n 's/^DASHBOARD .* p50_ms=\([^ ]*\).*/dashboard p50 \1 ms/p'), $(echo "$DASHBOARD" | sed -n 's/^REVALIDATE .* status_304=\([^ ]*\) status_other=\([^ ]*\).*/\1 x 304, \2 other/p'), debug build)" \
    dashboard_clean
  MAILING=$(scripts/bench/mailing.sh --smoke --binary "$BIN" 2> "$TMP/mailing.err")
  check "a mailing to 2,000 subscribers through the SMTP sink with a restart halfway: each exactly once ($(echo "$MAILING" | sed -n 's/^MAILING .* delivered=\([^ ]*\) duplicates=\([^ ]*\) .*rate=\([^ ]*\).*/\1 delivered, \2 twice, \3 msg\/s/p'), debug build)" \
    grep -q '^MAILING .*result=ok' <<< "$MAILING"
  PACED=$(scripts/bench/paced.sh --smoke --binary "$BIN" 2> "$TMP/paced.err"); PACED_STATUS=$?
  echo "$PACED" > "$TMP/paced.txt"
  paced_clean() { [ $PACED_STATUS = 0 ] && [ "$(grep -c '^STEP ' <<< "$PACED")" = 8 ] && ! grep -q '^STEP .* other=[1-9]' <<< "$PACED" \
    && [ "$(grep -c '^SIGNUPS .* lost=0 duplicated=0' <<< "$PACED")" = 8 ]; }
  check "paced load at 1x, 2x, 4x and 8x of capacity (anonymous and with a session): every request served or refused with 503, every sign-up stored once ($(grep -c '^GOAL .*result=PASS' <<< "$PACED") goals PASS, $(grep -c '^GOAL .*result=MISS' <<< "$PACED") MISS in a debug build)" \
    paced_clean
  if [ "${R[sqlite.no_manifest]:-0}" = 1 ]; then finish; fi # the feature has not landed: /health only
  check "sign-ups succeeded (${R[sqlite.signup.signup_303]:-0} x 303)" num "${R[sqlite.signup.signup_303]:-0} > 0"
  check "no signature lost (${R[sqlite.lost]:-?})" [ "${R[sqlite.lost]:-x}" = 0 ]
  check "no signature duplicated (${R[sqlite.duplicated]:-?})" [ "${R[sqlite.duplicated]:-x}" = 0 ]
  check "/ and /manifest answered during the sign-ups" num \
    "${R[sqlite.home.n]:-0} > 0 && ${R[sqlite.home.ok]:-0} == ${R[sqlite.home.n]:-1} && ${R[sqlite.manifest.ok]:-0} == ${R[sqlite.manifest.n]:-1}"
  finish
fi

# --- full ----------------------------------------------------------------------------------------
echo "== benchmarks: $BIN"
measure_engine sqlite
measure_engine sqlite-full KRACHT_SQLITE_SYNCHRONOUS=FULL
if start_postgres > "$TMP/postgres.log" 2>&1; then
  measure_engine postgres DATABASE_URL="$POSTGRES_URL"
else
  echo "PostgreSQL did not start:" >&2; cat "$TMP/postgres.log" >&2; SERVER_FAILURE=1; R[postgres.failed]=1
fi
measure_home_seeded
measure_hostile_forms
measure_fund_report "$LEDGER_ENTRIES" || SERVER_FAILURE=1

# --- the report ----------------------------------------------------------------------------------
val() { local v=${R[$1]:-}; echo "${v:-–}"; }
ratio() { # signup rps / health rps of one engine, in percent
  local s=${R[$1.signup.signup_rps]:-} h=${R[$1.health.rps]:-}
  if [ -n "$s" ] && [ -n "$h" ]; then awk "BEGIN { printf \"%.0f%%\", 100 * $s / $h }"; else echo "–"; fi
}
verdict() { # condition over numbers; a figure that is missing ("–") makes it a MISS
  if num "$*" 2>/dev/null; then echo PASS; else echo MISS; fi
}
engine_name() { case $1 in sqlite) echo "SQLite (synchronous=NORMAL)";; sqlite-full) echo "SQLite (synchronous=FULL)";; postgres) echo "PostgreSQL 15";; esac; }

table() {
  echo "| route | engine | req/s | p50 ms | p99 ms | vs /health | 303s / stored (in flight at stop) | lost / duplicated |"
  echo "|---|---|---:|---:|---:|---:|---|---|"
  local e
  for e in sqlite sqlite-full postgres; do
    [ "${R[$e.failed]:-0}" = 1 ] && [ -z "${R[$e.health.rps]:-}" ] && { echo "| – | $(engine_name $e) | server failed | | | | | |"; continue; }
    echo "| GET /health (c$CONNECTIONS) | $(engine_name $e) | $(val $e.health.rps) | $(val $e.health.p50_ms) | $(val $e.health.p99_ms) | 100% | | |"
    echo "| POST /manifest/ondertekenen, each after GET /manifest for its form token (c$CONNECTIONS; latencies of both) | $(engine_name $e) | $(val $e.signup.signup_rps) | $(val $e.signup.p50_ms) | $(val $e.signup.p99_ms) | $(ratio $e) | $(val $e.signup.signup_303) / $(val $e.rows) ($(val $e.in_flight)) | $(val $e.lost) / $(val $e.duplicated) |"
    echo "| GET / during sign-ups (1 reader, 10/s) | $(engine_name $e) | | $(val $e.home.p50_ms) | $(val $e.home.p99_ms) | | $(val $e.home.ok)/$(val $e.home.n) answered 200 | |"
    echo "| GET /manifest during sign-ups (1 reader, 10/s) | $(engine_name $e) | | $(val $e.manifest.p50_ms) | $(val $e.manifest.p99_ms) | | $(val $e.manifest.ok)/$(val $e.manifest.n) answered 200 | |"
  done
  echo "| GET / (c1), $SEED_SIGNATURES signatures | SQLite (synchronous=NORMAL) | $(val seeded.home.rps) | $(val seeded.home.p50_ms) | $(val seeded.home.p99_ms) | | | |"
  echo "| GET /manifest (c1), $SEED_SIGNATURES signatures | SQLite (synchronous=NORMAL) | $(val seeded.manifest.rps) | $(val seeded.manifest.p50_ms) | $(val seeded.manifest.p99_ms) | | | |"
  local page=${R[hostile.page]:-/manifest}
  echo "| GET $page (c$CONNECTIONS), alone | SQLite (synchronous=NORMAL) | $(val hostile.quiet.rps) | $(val hostile.quiet.p50_ms) | $(val hostile.quiet.p99_ms) | | | |"
  echo "| GET $page (c$CONNECTIONS) during 1 MB hostile posts | SQLite (synchronous=NORMAL) | $(val hostile.loud.rps) | $(val hostile.loud.p50_ms) | $(val hostile.loud.p99_ms) | | hostile posts $(val hostile.loop.posts), answered 400: $(val hostile.loop.status_400) | |"
  echo "| POST /account/inloggen, 1 MB of \`x[]=1&\` (one after another, during the above) | SQLite (synchronous=NORMAL) | | $(val hostile.loop.p50_ms) | $(val hostile.loop.p99_ms) | | | |"
  fund_report_rows "$LEDGER_ENTRIES"
}

targets() {
  local s_rps f_rps
  s_rps=$(val sqlite.signup.signup_rps) f_rps=$(val sqlite-full.signup.signup_rps)
  echo "| target | measured | result |"
  echo "|---|---|---|"
  echo "| sign-ups on SQLite ≥ 3,000/s | $s_rps/s | $(verdict "$s_rps >= 3000") |"
  echo "| sign-up (with its page load) p99 < 100 ms at 64 connections (SQLite) | $(val sqlite.signup.p99_ms) ms | $(verdict "$(val sqlite.signup.p99_ms) < 100") |"
  echo "| sign-ups ≥ 30% of /health (SQLite) | $(ratio sqlite) | $(verdict "$s_rps >= 0.3 * $(val sqlite.health.rps)") |"
  echo "| sign-ups with synchronous=FULL ≥ 1,000/s | $f_rps/s | $(verdict "$f_rps >= 1000") |"
  echo "| home page p50 < 5 ms with $SEED_SIGNATURES signatures | $(val seeded.home.p50_ms) ms | $(verdict "$(val seeded.home.p50_ms) < 5") |"
  echo "| a 1 MB hostile form post answered 400 in < 50 ms (one, unloaded) | $(val hostile.once.max_ms) ms | $(verdict "$(val hostile.once.max_ms) < 50 && $(val hostile.once.status_400) == 1") |"
  local e lost=PASS
  for e in sqlite sqlite-full postgres; do
    [ "$(val $e.lost)" = 0 ] && [ "$(val $e.duplicated)" = 0 ] || lost=FAIL
  done
  echo "| no sign-up lost or duplicated (all engines) | see table | $lost |"
  fund_report_targets "$LEDGER_ENTRIES"
}

machine() {
  local commit dirty=""
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  # docs/performance.md is the file this run writes to: it does not make the build dirty
  [ -n "$(git status --porcelain 2>/dev/null | grep -v ' docs/performance.md$')" ] && dirty=" (with uncommitted changes)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  echo "- OS: $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- Swift: $(swift --version 2>&1 | grep -m1 -i 'swift version' || echo unknown)"
  echo "- commit: $commit$dirty; binary: ${BIN#$ROOT/}"
  echo "- load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') -t2 -c$CONNECTIONS -d${DURATION}s on the same machine (it shares the 2 cores with the server)"
}

echo
table
echo
targets
[ -f docs/performance.md ] || printf '# Performance\n\n## Results\n' > docs/performance.md
MACHINE=$(machine) # before the append below opens the file
echo "== overload (scripts/bench/overload.sh)"
OVERLOAD=$(scripts/bench/overload.sh --binary "$BIN" 2>&1); echo "$OVERLOAD"
echo "== paced load at 1x-8x of capacity, pinned and unpinned (scripts/bench/paced.sh)"
PACED=$(scripts/bench/paced.sh --binary "$BIN" 2> "$TMP/paced.err") || INTEGRITY_FAILURE=1; echo "$PACED"
echo "== statement import (scripts/bench/statement-import.sh)"
STATEMENT=$(scripts/bench/statement-import.sh --binary "$BIN" 2>&1 | grep '^STATEMENT'); echo "$STATEMENT"
echo "== the committee queue and the key rotation (scripts/bench/fund-help.sh)"
FUNDHELP=$(scripts/bench/fund-help.sh --binary "$BIN" 2> "$TMP/fund-help.err") || SERVER_FAILURE=1; echo "$FUNDHELP"
echo "== initiatives and matching (scripts/bench/initiatives.sh)"
INITIATIVES=$(scripts/bench/initiatives.sh --binary "$BIN" 2> "$TMP/initiatives.err") || SERVER_FAILURE=1; echo "$INITIATIVES"
echo "== events (scripts/bench/events.sh)"
EVENTS=$(scripts/bench/events.sh --binary "$BIN" 2> "$TMP/events.err") || INTEGRITY_FAILURE=1; echo "$EVENTS"
echo "== plans (scripts/bench/plans.sh)"
PLANS=$(scripts/bench/plans.sh --binary "$BIN" 2> "$TMP/plans.err") || SERVER_FAILURE=1; echo "$PLANS"
echo "== the dashboard and open data (scripts/bench/dashboard.sh)"
DASHBOARD=$(scripts/bench/dashboard.sh --binary "$BIN" 2> "$TMP/dashboard.err") || SERVER_FAILURE=1; echo "$DASHBOARD"
echo "== a mailing to 50,000 subscribers with a restart (scripts/bench/mailing.sh)"
MAILING=$(scripts/bench/mailing.sh --binary "$BIN" 2> "$TMP/mailing.err") || INTEGRITY_FAILURE=1; echo "$MAILING"
echo "== webhook replay (scripts/bench/webhooks.sh)"
WEBHOOKS=$(scripts/bench/webhooks.sh --binary "$BIN" 2>&1); echo "$WEBHOOKS"
echo "$WEBHOOKS" | tail -1 | grep -q -- '-> FAIL$' && INTEGRITY_FAILURE=1
{
  echo
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$MACHINE"
  echo
  table
  echo
  targets
  echo
  echo "Overload (\`scripts/bench/overload.sh\`: the table of issue #15, server pinned to core 0, h2load on core 1, a fresh server per row):"
  echo
  echo "$OVERLOAD"
  echo
  echo "Paced load (\`scripts/bench/paced.sh\`: h2load \`--rps\` at 1×–8× of the capacity measured in the same run, 4 residents signing beside it, pinned and unpinned):"
  echo
  echo "$PACED" | sed 's/^/    /'
  echo
  paced_targets "$PACED"
  echo
  echo "Statement import (a CAMT.053 file, fresh SQLite; targets < 10 s and < 200 MB max RSS):"
  echo
  echo "    $STATEMENT"
  echo
  echo "The fund's help (\`scripts/bench/fund-help.sh\`: 50,000 sealed cases, 10,000 open; the queue as a signed-in committee member, one reader; targets: queue p50 < 30 ms on both engines, \`rotate-key\` < 60 s):"
  echo
  echo "$FUNDHELP" | sed 's/^/    /'
  echo
  fund_help_targets "$FUNDHELP"
  echo
  echo "Initiatives and matching (\`scripts/bench/initiatives.sh\`: 2,000 initiatives, 10,000 actions, 100,000 residents with profiles, all opted in to the digest; /voor-jou as a signed-in resident under concurrent load with /health in the same run; the search with one reader; the digest dry and for real):"
  echo
  echo "$INITIATIVES" | sed 's/^/    /'
  echo
  initiatives_targets "$INITIATIVES"
  echo
  echo "Events (\`scripts/bench/events.sh\`: 200 anonymous registrations at once for 50 places, 3 rounds, on SQLite, PostgreSQL and two app instances on one PostgreSQL, /health under wrk -c64 in the same run; the agenda with 5,000 future events, one reader):"
  echo
  echo "$EVENTS" | sed 's/^/    /'
  echo
  events_targets "$EVENTS"
  echo
  echo "Plans (\`scripts/bench/plans.sh\`: one plan with 50 sections of ~300 words, 150 activities, 20 versions and 10,000 reactions, on SQLite and PostgreSQL; the plan page and the diff of version 1 and 20, one reader each, /health in the same run):"
  echo
  echo "$PLANS" | sed 's/^/    /'
  echo
  plans_targets "$PLANS"
  echo
  echo "Dashboard and open data (\`scripts/bench/dashboard.sh\`: 100,000 signatures and 730 days of daily snapshots of every indicator, on SQLite and PostgreSQL; /dashboard with one reader beside /health with one reader, /api/v1/indicators and its revalidation with \`If-None-Match\` at 64 connections beside /health at 64; database transactions counted by PostgreSQL during each run):"
  echo
  echo "$DASHBOARD" | sed 's/^/    /'
  echo
  dashboard_targets "$DASHBOARD"
  echo
  echo "Webhook replay (Mollie's webhook: 5 calls for each of 2,000 paid payments, shuffled, 64 connections, against the local fake Mollie; target ≥ 25% of /health on SQLite):"
  echo
  echo "$WEBHOOKS" | sed 's/^/    /'
} >> docs/performance.md
echo
echo "results appended to docs/performance.md; wrk reports and server logs in test-results/bench/"
[ $SERVER_FAILURE = 0 ] || echo "bench: the server failed (see above)" >&2
[ $INTEGRITY_FAILURE = 0 ] || echo "bench: signatures were lost or duplicated" >&2
finish
