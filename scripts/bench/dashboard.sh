#!/usr/bin/env bash
# The dashboard and the open data API at scale (issue #14). Per engine: `kracht manifesto fill`
# adds SIGNATURES confirmed signatures and `kracht dashboard fill --days DAYS` writes a daily
# snapshot of every indicator for the last DAYS days (two years); then, against the production
# server:
#   1. GET /dashboard, one reader (-c1), right after GET /health with one reader. Target: p50 < 10 ms.
#      The annual report of last year, one reader, for the record (no target).
#   2. GET /api/v1/indicators under load (-c CONNECTIONS), right after GET /health under the same
#      load: the ceiling of this run. Target: at least 60% of /health's requests per second.
#   3. The same URL revalidated: every request sends `If-None-Match` with the ETag of a first GET
#      (scripts/bench/revalidate.lua). Target: every answer a 304, without touching the database.
#      The evidence: on PostgreSQL, the database's own count of transactions
#      (pg_stat_database.xact_commit + xact_rollback, read from another database, after the
#      statistics are flushed) before and after the run, beside the same count for the run of
#      step 2; on both engines, its rate beside /health's, which itself asks the database `SELECT 1`.
#   4. `kracht verify`.
# Prints one line per measurement, and a GOAL line per target with PASS or MISS:
#   FILL engine=.. signatures=N days=N seconds=S
#   HEALTH engine=.. connections=N p50_ms=.. p99_ms=.. rps=..
#   DASHBOARD engine=.. p50_ms=.. p99_ms=.. rps=.. errors=.. bytes=..
#   REPORT engine=.. year=Y p50_ms=.. p99_ms=.. rps=.. errors=..
#   API engine=.. connections=N rps=.. p50_ms=.. p99_ms=.. errors=.. vs_health_pct=.. db_xacts=N|-
#   REVALIDATE engine=.. connections=N rps=.. p50_ms=.. p99_ms=.. status_304=N status_other=N vs_health_pct=.. db_xacts=N|-
#   VERIFY engine=.. result=ok|FAIL
#   GOAL engine=.. what=.. value=.. target=.. result=PASS|MISS
#
#   scripts/bench/dashboard.sh [--smoke] [--binary PATH] [--sqlite-only]
#   --smoke: 1,000 signatures, 30 days, 2-second runs at 8 connections, SQLite only (debug build,
#   seconds); pass/fail on the pages answering, the 304s and verify.
#
# Exit status: non-zero when a page answered with an error, a revalidation was not answered 304,
# verify found a problem, or a server or a fill failed; a missed speed target is reported, not a
# failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht SIGNATURES=100000 DAYS=730 DURATION=10 CONNECTIONS=64 ENGINES="sqlite postgres" SMOKE=0
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SIGNATURES=1000 DAYS=30 DURATION=2 CONNECTIONS=8 ENGINES=sqlite BIN=.build/debug/kracht SMOKE=1 ;;
    --sqlite-only) ENGINES=sqlite ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/dashboard.sh [--smoke] [--binary PATH] [--sqlite-only]" >&2; exit 2 ;;
  esac
  shift
done
DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
SIGNATURES=${KRACHT_BENCH_SEED:-$SIGNATURES}
BENCH=dashboard
. scripts/lib/bench-prelude.sh
STATUS=0
YEAR=$(($(date -u +%Y) - 1))

declare -A B
wrk_run() { # label, connections, url, extra wrk arguments...: fills B[field] from the BENCH line
  local label=$1 connections=$2 url=$3; shift 3
  local threads=2; [ "$connections" = 1 ] && threads=1
  B=()
  # --timeout 10s: a slow page is a figure (its latency), not a timeout that hides it
  timeout $((DURATION + 60)) wrk -t$threads -c"$connections" -d"${DURATION}s" --latency --timeout 10s \
    -s scripts/bench/report.lua "$@" "$url" > "$TMP/wrk-$label.txt" 2>&1
  local line kv; line=$(grep '^BENCH ' "$TMP/wrk-$label.txt" | tail -1)
  [ -n "$line" ] || { echo "dashboard: wrk ($label) printed no result: $(tail -3 "$TMP/wrk-$label.txt")" >&2; return 1; }
  for kv in ${line#BENCH }; do B[${kv%%=*}]=${kv#*=}; done
  B[errors]=$((B[errors_status] + B[errors_connect] + B[errors_read] + B[errors_timeout]))
}

goal() { # engine, what, value, target ("< 10" or ">= 60"), unit: prints a GOAL line; a run with
  # errors (B[errors] of the last wrk run) or no answers is a MISS whatever its figure
  local result=MISS
  awk -v v="$3" "BEGIN { exit !(v + 0 $4) }" 2>/dev/null && [ "$3" != "-" ] && [ "${B[errors]:-1}" = 0 ] \
    && [ "${B[requests]:-0}" -gt 0 ] && result=PASS
  echo "GOAL engine=$1 what=$2 value=$3$5 target=\"$4$5\" result=$result"
}

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print "-" }'; }

xacts() { # PostgreSQL: the transactions the database kracht has counted (read from the database postgres)
  [ -n "${POSTGRES_URL:-}" ] || { echo -; return; }
  psql "${POSTGRES_URL/\/kracht\?//postgres?}" -tAc \
    "select xact_commit + xact_rollback from pg_stat_database where datname = 'kracht'" 2> /dev/null || echo -
}
# A backend flushes its statistics at most once a second while busy and after 10 s idle
# (PostgreSQL 15): wait for that before each reading.
settled_xacts() { [ -n "${POSTGRES_URL:-}" ] && sleep 11; xacts; }
delta() { [ "$1" = - ] || [ "$2" = - ] && { echo -; return; }; echo $(($2 - $1)); }

measure() { # engine: sqlite | postgres
  local engine=$1 started seconds base
  export KRACHT_DATA_DIR=$TMP/data-$engine
  mkdir -p "$KRACHT_DATA_DIR"
  if [ "$engine" = sqlite ]; then
    unset DATABASE_URL POSTGRES_URL
  else
    start_postgres > "$TMP/postgres.log" 2>&1 || { echo "dashboard: PostgreSQL did not start" >&2; return 1; }
    export DATABASE_URL=$POSTGRES_URL
  fi
  started=$(date +%s.%N)
  "$BIN" manifesto fill --signatures "$SIGNATURES" > "$TMP/fill-signatures-$engine.log" 2>&1 \
    || { echo "dashboard: manifesto fill failed: $(tail -3 "$TMP/fill-signatures-$engine.log")" >&2; return 1; }
  "$BIN" dashboard fill --days "$DAYS" > "$TMP/fill-dashboard-$engine.log" 2>&1 \
    || { echo "dashboard: dashboard fill failed: $(tail -3 "$TMP/fill-dashboard-$engine.log")" >&2; return 1; }
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
  echo "FILL engine=$engine signatures=$SIGNATURES days=$DAYS seconds=$seconds"

  start_bench_server "$engine" || return 1
  local dashboard=$base/dashboard report=$base/dashboard/jaarverslag/$YEAR api=$base/api/v1/indicators url bytes
  for url in "$dashboard" "$report" "$api"; do # a page that fails is a failure, not a figure
    curl -fsS -o /dev/null "$url" || { echo "dashboard: $url failed" >&2; STATUS=1; }
  done
  bytes=$(curl -s "$dashboard" | wc -c)

  # 1. the dashboard and the annual report, one reader each, /health with one reader the ceiling
  wrk_run "health-c1-$engine" 1 "$base/health" || { STATUS=1; stop_server; return 1; }
  echo "HEALTH engine=$engine connections=1 p50_ms=${B[p50_ms]} p99_ms=${B[p99_ms]} rps=${B[rps]}"
  wrk_run "dashboard-$engine" 1 "$dashboard" || STATUS=1
  echo "DASHBOARD engine=$engine p50_ms=${B[p50_ms]:--} p99_ms=${B[p99_ms]:--} rps=${B[rps]:--} errors=${B[errors]:-1} bytes=$bytes"
  [ "${B[errors]:-1}" = 0 ] || STATUS=1
  goal "$engine" dashboard_p50 "${B[p50_ms]:--}" "< 10" " ms"
  wrk_run "report-$engine" 1 "$report" || STATUS=1
  echo "REPORT engine=$engine year=$YEAR p50_ms=${B[p50_ms]:--} p99_ms=${B[p99_ms]:--} rps=${B[rps]:--} errors=${B[errors]:-1}"
  [ "${B[errors]:-1}" = 0 ] || STATUS=1

  # 2. the indicators under load, beside /health under the same load
  local health_rps before after
  wrk_run "health-load-$engine" "$CONNECTIONS" "$base/health" || { STATUS=1; stop_server; return 1; }
  health_rps=${B[rps]}
  echo "HEALTH engine=$engine connections=$CONNECTIONS p50_ms=${B[p50_ms]} p99_ms=${B[p99_ms]} rps=$health_rps"
  before=$(settled_xacts)
  wrk_run "api-$engine" "$CONNECTIONS" "$api" || STATUS=1
  after=$(settled_xacts)
  echo "API engine=$engine connections=$CONNECTIONS rps=${B[rps]:--} p50_ms=${B[p50_ms]:--} p99_ms=${B[p99_ms]:--}" \
    "errors=${B[errors]:-1} requests=${B[requests]:-0} vs_health_pct=$(pct "${B[rps]:-0}" "$health_rps") db_xacts=$(delta "$before" "$after")"
  [ "${B[errors]:-1}" = 0 ] || STATUS=1
  goal "$engine" api_vs_health "$(pct "${B[rps]:-0}" "$health_rps")" ">= 60" "%"

  # 3. revalidation with the ETag of a first GET, taken after the statistics settled (the wait
  # must not fall between the GET and the run)
  local etag
  before=$(settled_xacts)
  etag=$(curl -fsS -D - -o /dev/null "$api" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | head -1)
  if [ -z "$etag" ]; then
    echo "REVALIDATE engine=$engine connections=$CONNECTIONS rps=- p50_ms=- p99_ms=- status_304=0 status_other=0 vs_health_pct=- db_xacts=- etag=none"
    echo "dashboard: $api sends no ETag" >&2
    goal "$engine" revalidate_304 - "> 0" ""
    STATUS=1
  else
    B=()
    timeout $((DURATION + 60)) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s \
      -s scripts/bench/revalidate.lua "$api" -- "$etag" > "$TMP/wrk-revalidate-$engine.txt" 2>&1
    local line kv; line=$(grep '^BENCH ' "$TMP/wrk-revalidate-$engine.txt" | tail -1)
    for kv in ${line#BENCH }; do B[${kv%%=*}]=${kv#*=}; done
    after=$(settled_xacts)
    local db; db=$(delta "$before" "$after")
    local n304=${B[status_304]:-0} other=${B[status_other]:-1}
    echo "REVALIDATE engine=$engine connections=$CONNECTIONS rps=${B[rps]:--} p50_ms=${B[p50_ms]:--} p99_ms=${B[p99_ms]:--}" \
      "status_304=$n304 status_other=$other vs_health_pct=$(pct "${B[rps]:-0}" "$health_rps") db_xacts=$db"
    [ "$n304" -gt 0 ] && [ "$other" = 0 ] || STATUS=1
    # Every answer a 304; on PostgreSQL, fewer database transactions than one per 1,000 answers
    # (what else runs in the server, e.g. a session sweep, may still count a few).
    local ok=0
    [ "$n304" -gt 0 ] && [ "$other" = 0 ] && ok=1
    if [ "$db" != - ] && [ $((db * 1000)) -ge "$n304" ]; then ok=0; fi
    echo "GOAL engine=$engine what=revalidate_304_without_database value=\"$n304 x 304, $other other, db transactions ${db}\" target=\"all 304, no database\" result=$([ $ok = 1 ] && echo PASS || echo MISS)"
  fi
  stop_server
  if "$BIN" verify > "$TMP/verify-$engine.log" 2>&1; then echo "VERIFY engine=$engine result=ok"
  else echo "VERIFY engine=$engine result=FAIL"; tail -5 "$TMP/verify-$engine.log" >&2; STATUS=1; fi
}

for engine in $ENGINES; do measure "$engine" || STATUS=1; done
exit $STATUS
