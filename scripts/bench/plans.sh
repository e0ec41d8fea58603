#!/usr/bin/env bash
# Plans at scale (issue #13). Per engine: `kracht plans fill` makes one published plan with
# SECTIONS sections (~300 words of Markdown each, three activities each), VERSIONS versions that
# each rewrite three sections, and REACTIONS reactions (a tenth replies) with supports; then, one
# reader under wrk each, the plan page /plannen/bench-plan, the diff between the first and the
# last version /plannen/bench-plan/verschil?van=1&tot=VERSIONS, and /health in the same run for
# the ceiling. Then `kracht verify`. Targets: plan page p50 < 25 ms, diff p50 < 50 ms.
# Prints one line per measurement:
#   FILL engine=.. sections=N versions=N reactions=N seconds=S
#   HEALTH engine=.. p50_ms=.. p99_ms=.. rps=..
#   PLAN engine=.. sections=N reactions=N p50_ms=.. p99_ms=.. rps=.. errors=..
#   DIFF engine=.. from=1 to=N p50_ms=.. p99_ms=.. rps=.. errors=..
#   VERIFY engine=.. result=ok|FAIL
#   MISSED engine=.. what=.. value=.. target=..   (one line for each missed speed target)
#
#   scripts/bench/plans.sh [--smoke] [--binary PATH] [--sqlite-only]
#   --smoke: 10 sections, 5 versions, 1,000 reactions, 2-second runs, SQLite only (debug build,
#   seconds); pass/fail on the pages answering and verify.
#
# Exit status: non-zero when a page answered with an error, verify found a problem, or a server
# or the fill failed; a missed speed target is reported, not a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht SECTIONS=50 VERSIONS=20 REACTIONS=10000 DURATION=10 ENGINES="sqlite postgres"
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SECTIONS=10 VERSIONS=5 REACTIONS=1000 DURATION=2 ENGINES=sqlite BIN=.build/debug/kracht ;;
    --sqlite-only) ENGINES=sqlite ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/plans.sh [--smoke] [--binary PATH] [--sqlite-only]" >&2; exit 2 ;;
  esac
  shift
done
DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
BENCH=plans
. scripts/lib/bench-prelude.sh
STATUS=0

wrk_line() { # label, url: one connection; prints "p50 p99 rps errors"
  wrk -t1 -c1 -d"${DURATION}s" --latency -s scripts/bench/report.lua "$2" > "$TMP/wrk-$1.txt" 2>&1
  local line; line=$(grep '^BENCH ' "$TMP/wrk-$1.txt" | tail -1)
  [ -n "$line" ] || { echo "0 0 0 1"; return 1; }
  declare -A B; local kv
  for kv in ${line#BENCH }; do B[${kv%%=*}]=${kv#*=}; done
  echo "${B[p50_ms]} ${B[p99_ms]} ${B[rps]} $((B[errors_status] + B[errors_connect] + B[errors_read] + B[errors_timeout]))"
}

missed() { # engine, what, value, target: a line when the value is not under the target
  awk -v v="$3" -v t="$4" 'BEGIN { exit !(v + 0 >= t + 0) }' && echo "MISSED engine=$1 what=$2 value=$3 target=$4"
  return 0
}

measure() { # engine: sqlite | postgres
  local engine=$1 started seconds base
  export KRACHT_DATA_DIR=$TMP/data-$engine
  mkdir -p "$KRACHT_DATA_DIR"
  if [ "$engine" = sqlite ]; then
    unset DATABASE_URL
  else
    start_postgres > "$TMP/postgres.log" 2>&1 || { echo "plans: PostgreSQL did not start" >&2; return 1; }
    export DATABASE_URL=$POSTGRES_URL
  fi
  started=$(date +%s.%N)
  "$BIN" plans fill --sections "$SECTIONS" --versions "$VERSIONS" --reactions "$REACTIONS" > "$TMP/fill-$engine.log" 2>&1 \
    || { echo "plans: fill failed: $(tail -3 "$TMP/fill-$engine.log")" >&2; return 1; }
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
  echo "FILL engine=$engine sections=$SECTIONS versions=$VERSIONS reactions=$REACTIONS seconds=$seconds"

  start_bench_server "$engine" || return 1
  local plan_url=$base/plannen/bench-plan diff_url="$base/plannen/bench-plan/verschil?van=1&tot=$VERSIONS" url
  for url in "$plan_url" "$diff_url"; do # a page that fails is a failure, not a figure
    curl -fsS -o /dev/null "$url" || { echo "plans: $url failed" >&2; STATUS=1; }
  done
  local health plan diff p50 p99 rps errors
  health=$(wrk_line "health-$engine" "$base/health")
  read -r p50 p99 rps _ <<< "$health"
  echo "HEALTH engine=$engine p50_ms=$p50 p99_ms=$p99 rps=$rps"
  plan=$(wrk_line "plan-$engine" "$plan_url")
  read -r p50 p99 rps errors <<< "$plan"
  echo "PLAN engine=$engine sections=$SECTIONS reactions=$REACTIONS p50_ms=$p50 p99_ms=$p99 rps=$rps errors=$errors"
  missed "$engine" plan_p50_ms "$p50" 25
  [ "$errors" = 0 ] || STATUS=1
  diff=$(wrk_line "diff-$engine" "$diff_url")
  read -r p50 p99 rps errors <<< "$diff"
  echo "DIFF engine=$engine from=1 to=$VERSIONS p50_ms=$p50 p99_ms=$p99 rps=$rps errors=$errors"
  missed "$engine" diff_p50_ms "$p50" 50
  [ "$errors" = 0 ] || STATUS=1
  stop_server
  if "$BIN" verify > "$TMP/verify-$engine.log" 2>&1; then echo "VERIFY engine=$engine result=ok"
  else echo "VERIFY engine=$engine result=FAIL"; tail -5 "$TMP/verify-$engine.log" >&2; STATUS=1; fi
}

for engine in $ENGINES; do measure "$engine" || STATUS=1; done
exit $STATUS
