#!/usr/bin/env bash
# Initiatives and matching at scale (issue #11): `kracht initiatives fill` makes 2,000 initiatives,
# 10,000 actions and 100,000 residents with profiles (all opted in to the digest); then, per
# engine, a resident's /voor-jou under concurrent load with /health in the same run as the
# ceiling, the search /initiatieven?q=buurthuis with one reader, and the weekly digest for every
# resident (`kracht initiatives digest --dry-run`, then for real: outbox rows written).
# Targets: /voor-jou p99 < 20 ms, search p50 < 10 ms, digest < 60 s. Prints one line each:
#   FILL engine=.. initiatives=N actions=N profiles=N seconds=S
#   FORYOU engine=.. connections=C health_p50_ms=.. health_p99_ms=.. p50_ms=.. p99_ms=.. rps=.. errors=..
#   SEARCH engine=.. p50_ms=.. p99_ms=.. rps=.. errors=..
#   DIGEST engine=.. mode=dry-run|mail profiles=N mails=N seconds=S
#   MISSED engine=.. what=.. value=.. target=..   (one line for each missed target)
#
#   scripts/bench/initiatives.sh [--smoke] [--binary PATH] [--sqlite-only]
#   --smoke: 200 initiatives, 1,000 actions, 2,000 profiles, 3-second runs, SQLite only (debug build)
#
# Exit status: non-zero when the fill, the login, a page or the digest failed; a missed target is
# reported, not a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht INITIATIVES=2000 ACTIONS=10000 PROFILES=100000 DURATION=15 CONNECTIONS=4 ENGINES="sqlite postgres"
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) INITIATIVES=200 ACTIONS=1000 PROFILES=2000 DURATION=3 CONNECTIONS=4 ENGINES=sqlite BIN=.build/debug/kracht ;;
    --sqlite-only) ENGINES=sqlite ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/initiatives.sh [--smoke] [--binary PATH] [--sqlite-only]" >&2; exit 2 ;;
  esac
  shift
done
PROFILES=${KRACHT_BENCH_PROFILES:-$PROFILES} DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "initiatives: no kracht binary at $BIN" >&2; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
SERVICES_DIR=$(mktemp -d /tmp/kracht-initiatives.XXXXXX)
unset POSTGRES_URL POSTGRES_DATA
. scripts/lib/services.sh
TMP=$SERVICES_DIR
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; services_cleanup' EXIT
key() { head -c 32 /dev/urandom | base64; }
export KRACHT_SECRET_KEY=$(key) KRACHT_SEAL_KEYS="1:$(key)" KRACHT_FUND_KEY="1:$(key)" KRACHT_FUND_IBAN=NL91ABNA0417164300 \
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off LOG_LEVEL=warning
unset DATABASE_URL
STATUS=0

wrk_line() { # label, url, threads, connections, extra wrk args...: prints "p50 p99 rps errors"
  local label=$1 url=$2 threads=$3 connections=$4; shift 4
  wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s scripts/bench/report.lua "$@" "$url" > "$TMP/wrk-$label.txt" 2>&1
  local line; line=$(grep '^BENCH ' "$TMP/wrk-$label.txt" | tail -1)
  [ -n "$line" ] || { echo "0 0 0 1"; return 1; }
  declare -A B; local kv
  for kv in ${line#BENCH }; do B[${kv%%=*}]=${kv#*=}; done
  echo "${B[p50_ms]} ${B[p99_ms]} ${B[rps]} $((B[errors_status] + B[errors_connect] + B[errors_read] + B[errors_timeout]))"
}

missed() { # engine, what, value, target: a line when the value is not under the target
  awk -v v="$3" -v t="$4" 'BEGIN { exit !(v + 0 >= t + 0) }' && echo "MISSED engine=$1 what=$2 value=$3 target=$4"
  return 0
}

digest() { # engine, mode (dry-run|mail)
  local flag=""; [ "$2" = dry-run ] && flag=--dry-run
  local line; line=$("$BIN" initiatives digest $flag 2> "$TMP/digest-$1-$2.err" | grep -o 'DIGEST .*' | head -1)
  [ -n "$line" ] || { echo "initiatives: the digest failed: $(tail -3 "$TMP/digest-$1-$2.err")" >&2; return 1; }
  line=${line% (dry run*}
  echo "DIGEST engine=$1 mode=$2 ${line#DIGEST }"
}

measure() { # engine
  local engine=$1 started seconds port base account
  export KRACHT_DATA_DIR=$TMP/data-$engine
  mkdir -p "$KRACHT_DATA_DIR"
  if [ "$engine" = postgres ]; then
    [ -n "${POSTGRES_URL:-}" ] || start_postgres > "$TMP/postgres.log" 2>&1 || { echo "initiatives: PostgreSQL did not start" >&2; return 1; }
    export DATABASE_URL=$POSTGRES_URL
  else
    unset DATABASE_URL
  fi
  echo "== initiatives fill ($INITIATIVES initiatives, $ACTIONS actions, $PROFILES profiles), $engine" >&2
  started=$(date +%s.%N)
  "$BIN" initiatives fill --initiatives "$INITIATIVES" --actions "$ACTIONS" --profiles "$PROFILES" > "$TMP/fill-$engine.log" 2>&1 \
    || { echo "initiatives: fill failed: $(tail -3 "$TMP/fill-$engine.log")" >&2; return 1; }
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
  echo "FILL engine=$engine initiatives=$INITIATIVES actions=$ACTIONS profiles=$PROFILES seconds=$seconds"
  account=$(sed -n 's/^Bench account[^:]*: \([^,]*\),.*/\1/p' "$TMP/fill-$engine.log")
  [ -n "$account" ] || { echo "initiatives: the fill printed no bench account" >&2; return 1; }

  port=$(free_port) base=http://127.0.0.1:$port
  KRACHT_BASE_URL=$base "$BIN" serve --env production --hostname 127.0.0.1 --port "$port" > "$TMP/server-$engine.log" 2>&1 &
  SERVER=$!
  wait_for_port "$port" 60 || { echo "initiatives: the server did not start: $(tail -3 "$TMP/server-$engine.log")" >&2; return 1; }
  local jar=$TMP/cookies-$engine token cookie status
  token=$(curl -fsS -c "$jar" "$base/account/inloggen" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$account" --data-urlencode "password=kracht-demo-2026" \
    --data-urlencode "_csrf=$token" "$base/account/inloggen"
  cookie=$(awk -F'\t' 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  status=$(curl -s -o "$TMP/for-you-$engine.html" -w '%{http_code}' -H "Cookie: $cookie" "$base/voor-jou")
  if [ "$status" != 200 ] || ! grep -q '/acties/' "$TMP/for-you-$engine.html"; then
    echo "initiatives: /voor-jou answered $status without actions (see $TMP/for-you-$engine.html)" >&2
    kill "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""; return 1
  fi
  curl -fsS -o /dev/null "$base/initiatieven?q=buurthuis" || { echo "initiatives: the search failed" >&2; return 1; }
  local health page search
  health=$(wrk_line "health-$engine" "$base/health" 2 "$CONNECTIONS")
  page=$(wrk_line "for-you-$engine" "$base/voor-jou" 2 "$CONNECTIONS" -H "Cookie: $cookie")
  search=$(wrk_line "search-$engine" "$base/initiatieven?q=buurthuis" 1 1)
  kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""
  read -r hp50 hp99 _ _ <<< "$health"
  read -r p50 p99 rps errors <<< "$page"
  echo "FORYOU engine=$engine connections=$CONNECTIONS health_p50_ms=$hp50 health_p99_ms=$hp99 p50_ms=$p50 p99_ms=$p99 rps=$rps errors=$errors"
  missed "$engine" for_you_p99_ms "$p99" 20
  read -r p50 p99 rps serrors <<< "$search"
  echo "SEARCH engine=$engine p50_ms=$p50 p99_ms=$p99 rps=$rps errors=$serrors"
  missed "$engine" search_p50_ms "$p50" 10
  digest "$engine" dry-run || return 1
  digest "$engine" mail || return 1
  [ "$errors" = 0 ] && [ "$serrors" = 0 ]
}

for engine in $ENGINES; do measure "$engine" || STATUS=1; done
exit $STATUS
