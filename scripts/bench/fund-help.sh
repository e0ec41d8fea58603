#!/usr/bin/env bash
# The fund's help at scale (issue #10): the committee queue with 50,000 cases (10,000 open),
# on SQLite and PostgreSQL, and `kracht fund rotate-key` re-sealing all 50,000 cases
# under a new key. `kracht fund bench-cases` seeds each database with cases sealed as real
# ones are; a committee member logs in; one reader (-c1) measures the queue's latency with
# /health in the same run as the ceiling. Targets: queue p50 < 30 ms, rotation < 60 s.
# Prints one line per measurement:
#   QUEUE engine=sqlite|postgres cases=N open=M seed_s=S health_p50_ms=.. health_rps=.. p50_ms=.. p99_ms=.. rps=.. errors=..
#   ROTATE engine=sqlite|postgres cases=N seconds=S left_old=N
#
#   scripts/bench/fund-help.sh [--smoke] [--binary PATH] [--sqlite-only]
#   --smoke: 1,000 cases (200 open), 3-second runs, SQLite only (a debug build, well under a minute)
#
# Exit status: non-zero when seeding, the login, the queue page or the rotation failed; a missed
# target is reported by the caller, not a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht CASES=50000 OPEN=10000 DURATION=15 ENGINES="sqlite postgres"
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) CASES=1000 OPEN=200 DURATION=3 ENGINES=sqlite ;;
    --sqlite-only) ENGINES=sqlite ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/fund-help.sh [--smoke] [--binary PATH] [--sqlite-only]" >&2; exit 2 ;;
  esac
  shift
done
CASES=${KRACHT_BENCH_CASES:-$CASES} OPEN=${KRACHT_BENCH_OPEN:-$OPEN} DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "fund-help: no kracht binary at $BIN" >&2; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
# Its own folder and PostgreSQL, also when scripts/bench.sh (which has its own) runs it.
SERVICES_DIR=$(mktemp -d /tmp/kracht-fund-help.XXXXXX)
unset POSTGRES_URL POSTGRES_DATA
. scripts/lib/services.sh
TMP=$SERVICES_DIR
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; services_cleanup' EXIT

key() { head -c 32 /dev/urandom | base64; }
OLD_KEY=$(key) NEW_KEY=$(key) PASSWORD=$(key)
export KRACHT_SECRET_KEY=$(key) KRACHT_SEAL_KEYS="1:$(key)" KRACHT_FUND_KEY="1:$OLD_KEY" KRACHT_FUND_IBAN=NL91ABNA0417164300 \
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off LOG_LEVEL=warning
unset DATABASE_URL
STATUS=0

wrk_line() { # label, url, extra wrk args...: one reader, prints "p50 p99 rps errors"
  local label=$1 url=$2; shift 2
  wrk -t1 -c1 -d"${DURATION}s" --latency -s scripts/bench/report.lua "$@" "$url" > "$TMP/wrk-$label.txt" 2>&1
  local line; line=$(grep '^BENCH ' "$TMP/wrk-$label.txt" | tail -1)
  [ -n "$line" ] || { echo "0 0 0 1"; return 1; }
  declare -A B; local kv
  for kv in ${line#BENCH }; do B[${kv%%=*}]=${kv#*=}; done
  echo "${B[p50_ms]} ${B[p99_ms]} ${B[rps]} $((B[errors_status] + B[errors_connect] + B[errors_read] + B[errors_timeout]))"
}

sealed_left() { # engine: values still sealed under the old key (version 1)
  local query="SELECT COUNT(*) FROM support_applications WHERE name_sealed LIKE 'k1.%' OR details_sealed LIKE 'k1.%' OR status_token_sealed LIKE 'k1.%'"
  if [ "$1" = postgres ]; then psql "$POSTGRES_URL" -tA -c "$query"
  else python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$KRACHT_DATA_DIR/kracht.sqlite" "$query"; fi
}

measure() { # engine
  local engine=$1 started seed_s port base
  export KRACHT_DATA_DIR=$TMP/data-$engine KRACHT_FUND_KEY="1:$OLD_KEY"
  mkdir -p "$KRACHT_DATA_DIR"
  if [ "$engine" = postgres ]; then
    [ -n "${POSTGRES_URL:-}" ] || start_postgres > "$TMP/postgres.log" 2>&1 || { echo "fund-help: PostgreSQL did not start" >&2; return 1; }
    export DATABASE_URL=$POSTGRES_URL
  else
    unset DATABASE_URL
  fi
  echo "== committee queue with $CASES cases ($OPEN open), $engine" >&2
  started=$(date +%s.%N)
  "$BIN" fund bench-cases "$CASES" --open "$OPEN" > "$TMP/seed-$engine.log" 2>&1 \
    || { echo "fund-help: bench-cases failed: $(tail -3 "$TMP/seed-$engine.log")" >&2; return 1; }
  seed_s=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
  "$BIN" users create --email bench-fonds@example.org --name "Bench Fonds" --password "$PASSWORD" --role fund_committee \
    --confirmed > "$TMP/user-$engine.log" 2>&1 || { echo "fund-help: users create failed: $(tail -3 "$TMP/user-$engine.log")" >&2; return 1; }

  port=$(free_port) base=http://127.0.0.1:$port
  KRACHT_BASE_URL=$base "$BIN" serve --env production --hostname 127.0.0.1 --port "$port" > "$TMP/server-$engine.log" 2>&1 &
  SERVER=$!
  wait_for_port "$port" 60 || { echo "fund-help: the server did not start: $(tail -3 "$TMP/server-$engine.log")" >&2; return 1; }
  # Log in as the committee member: the form's CSRF token, then the session cookie for wrk.
  local jar=$TMP/cookies-$engine token cookie status
  token=$(curl -fsS -c "$jar" "$base/account/inloggen" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=bench-fonds@example.org" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$token" "$base/account/inloggen"
  cookie=$(awk -F'\t' 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  status=$(curl -s -o "$TMP/queue-$engine.html" -w '%{http_code}' -H "Cookie: $cookie" "$base/beheer/fonds/aanvragen")
  if [ "$status" != 200 ] || ! grep -q 'BENCH-' "$TMP/queue-$engine.html"; then
    echo "fund-help: the queue answered $status without the seeded cases (see $TMP/queue-$engine.html)" >&2
    kill "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""; return 1
  fi
  local health queue
  health=$(wrk_line "health-$engine" "$base/health")
  queue=$(wrk_line "queue-$engine" "$base/beheer/fonds/aanvragen" -H "Cookie: $cookie")
  kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""
  read -r hp50 _ hrps _ <<< "$health"
  read -r qp50 qp99 qrps qerr <<< "$queue"
  echo "QUEUE engine=$engine cases=$CASES open=$OPEN seed_s=$seed_s health_p50_ms=$hp50 health_rps=$hrps p50_ms=$qp50 p99_ms=$qp99 rps=$qrps errors=$qerr"

  # The rotation: a new key first in KRACHT_FUND_KEY, the old one still there to open with.
  echo "== kracht fund rotate-key over $CASES cases, $engine" >&2
  export KRACHT_FUND_KEY="2:$NEW_KEY,1:$OLD_KEY"
  started=$(date +%s.%N)
  "$BIN" fund rotate-key > "$TMP/rotate-$engine.log" 2>&1 \
    || { echo "fund-help: rotate-key failed: $(tail -3 "$TMP/rotate-$engine.log")" >&2; return 1; }
  local seconds left
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
  left=$(sealed_left "$engine")
  echo "ROTATE engine=$engine cases=$CASES seconds=$seconds left_old=$left"
  [ "$qerr" = 0 ] && [ "$left" = 0 ]
}

for engine in $ENGINES; do measure "$engine" || STATUS=1; done
exit $STATUS
