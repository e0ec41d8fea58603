#!/usr/bin/env bash
# Events at scale (issue #12). Per engine: (a) the registration race: CLIENTS anonymous people
# post the registration form for one event with PLACES places at the same moment (each after
# opening the page for its CSRF cookie; scripts/bench/event_race.py), checked in the database
# (scripts/bench/event_race_check.py): every post stored once, exactly PLACES holding a place,
# the rest waitlisted, numbered in the order the server took them, counters equal to the rows;
# on SQLite, on PostgreSQL, and on TWO app instances sharing one PostgreSQL with the clients
# split between them. /health under wrk in the same run is the ceiling. (b) the agenda
# (/evenementen) with OCCURRENCES future events (`kracht events fill`), one reader, /health
# alongside. Then `kracht verify`. Targets: agenda p50 < 15 ms; no overbooking, ever.
# Prints one line per measurement:
#   FILL engine=.. events=N seconds=S
#   HEALTH engine=.. instances=1|2 connections=C rps=.. p50_ms=.. p99_ms=..
#   AGENDA engine=.. events=N p50_ms=.. p99_ms=.. rps=.. errors=.. health_p50_ms=..
#   RACE engine=.. instances=1|2 round=R clients=N places=P answered_303=N rps=.. p50_ms=.. p99_ms=.. holding=.. waitlisted=.. rows=.. positions=.. counters=.. result=PASS|FAIL
#   VERIFY engine=.. result=ok|FAIL
#   MISSED engine=.. what=.. value=.. target=..   (one line for each missed speed target)
#
#   scripts/bench/events.sh [--smoke] [--binary PATH] [--sqlite-only]
#   --smoke: 300 events, 60 clients for 15 places, one round, 2-second runs, SQLite only (debug
#   build, well under a minute); pass/fail on correctness.
#
# Exit status: non-zero when a race overbooked, lost or misnumbered a registration, verify found a
# problem, or a server or the fill failed; a missed speed target is reported, not a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht OCCURRENCES=5000 CLIENTS=200 PLACES=50 ROUNDS=3 DURATION=10 CONNECTIONS=64 ENGINES="sqlite postgres postgres-2"
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) OCCURRENCES=300 CLIENTS=60 PLACES=15 ROUNDS=1 DURATION=2 CONNECTIONS=8 ENGINES=sqlite BIN=.build/debug/kracht ;;
    --sqlite-only) ENGINES=sqlite ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/events.sh [--smoke] [--binary PATH] [--sqlite-only]" >&2; exit 2 ;;
  esac
  shift
done
OCCURRENCES=${KRACHT_BENCH_EVENTS:-$OCCURRENCES} DURATION=${KRACHT_BENCH_SECONDS:-$DURATION}
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "events: no kracht binary at $BIN" >&2; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
# Its own folder and PostgreSQL, also when scripts/bench.sh (which has its own) runs it; what a
# killed earlier run left (servers, its PostgreSQL) is cleaned first (scripts/lib/stale-runs.sh).
. scripts/lib/stale-runs.sh
clean_stale_runs events
SERVICES_DIR=$(mktemp -d /tmp/kracht-events.XXXXXX)
echo $$ > "$SERVICES_DIR/owner"
unset POSTGRES_URL POSTGRES_DATA
. scripts/lib/services.sh
TMP=$SERVICES_DIR
SERVERS=()
stop_servers() {
  local pid
  for pid in "${SERVERS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${SERVERS[@]}"; do wait "$pid" 2>/dev/null; done
  SERVERS=()
}
trap 'stop_servers; services_cleanup' EXIT
key() { head -c 32 /dev/urandom | base64; }
# Trusting the loopback proxy lets each racing client count as its own address (X-Forwarded-For).
export KRACHT_SECRET_KEY=$(key) KRACHT_SEAL_KEYS="1:$(key)" KRACHT_FUND_KEY="1:$(key)" KRACHT_FUND_IBAN=NL91ABNA0417164300 \
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off LOG_LEVEL=warning KRACHT_TRUST_PROXY=true
unset DATABASE_URL
STATUS=0

wrk_line() { # label, url, threads, connections: prints "p50 p99 rps errors"
  local label=$1 url=$2 threads=$3 connections=$4
  wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s scripts/bench/report.lua "$url" > "$TMP/wrk-$label.txt" 2>&1
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

start_instance() { # engine, n: one `kracht serve` on a free port; sets INSTANCE (its base URL)
  # Not called in $(…): the PID must reach SERVERS in this shell, or nobody stops the server.
  local port; port=$(free_port)
  INSTANCE=http://127.0.0.1:$port
  KRACHT_BASE_URL=$INSTANCE "$BIN" serve --env production --hostname 127.0.0.1 --port "$port" > "$TMP/server-$1-$2.log" 2>&1 &
  SERVERS+=($!)
  echo $! >> "$TMP/pids"
  wait_for_port "$port" 60 > /dev/null || { echo "events: the server ($1) did not start: $(tail -3 "$TMP/server-$1-$2.log")" >&2; return 1; }
}

measure() { # engine: sqlite | postgres | postgres-2 (two instances on one PostgreSQL)
  local engine=$1 instances=1 started seconds bases base check_args
  [ "$engine" = postgres-2 ] && instances=2
  export KRACHT_DATA_DIR=$TMP/data-$engine
  mkdir -p "$KRACHT_DATA_DIR"
  if [ "$engine" = sqlite ]; then
    unset DATABASE_URL
    check_args=(--sqlite "$KRACHT_DATA_DIR/kracht.sqlite")
  else
    if [ -z "${POSTGRES_URL:-}" ]; then
      start_postgres > "$TMP/postgres.log" 2>&1 || { echo "events: PostgreSQL did not start" >&2; return 1; }
    fi
    export DATABASE_URL=$POSTGRES_URL
    check_args=(--postgres "$POSTGRES_URL")
  fi
  if [ "$engine" != postgres-2 ]; then # the two instances race on the database the single one filled
    started=$(date +%s.%N)
    "$BIN" events fill --occurrences "$OCCURRENCES" > "$TMP/fill-$engine.log" 2>&1 \
      || { echo "events: fill failed: $(tail -3 "$TMP/fill-$engine.log")" >&2; return 1; }
    seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
    echo "FILL engine=$engine events=$OCCURRENCES seconds=$seconds"
  fi
  local slugs=() round slug
  for round in $(seq "$ROUNDS"); do
    slug=$("$BIN" events fill --occurrences 0 --race "$PLACES" 2>> "$TMP/fill-$engine.log" | sed -n 's/^Race event: //p')
    [ -n "$slug" ] || { echo "events: no race event made" >&2; return 1; }
    slugs+=("$slug")
  done

  bases=""
  local n
  for n in $(seq "$instances"); do
    start_instance "$engine" "$n" || { stop_servers; return 1; }
    bases=${bases:+$bases,}$INSTANCE
  done
  base=${bases%%,*}
  local health hp50 hp99 hrps
  health=$(wrk_line "health-$engine" "$base/health" 2 "$CONNECTIONS")
  read -r hp50 hp99 hrps _ <<< "$health"
  echo "HEALTH engine=$engine instances=$instances connections=$CONNECTIONS rps=$hrps p50_ms=$hp50 p99_ms=$hp99"
  if [ "$engine" != postgres-2 ]; then
    curl -fsS -o /dev/null "$base/evenementen" || { echo "events: the agenda failed" >&2; stop_servers; return 1; }
    local one one50 agenda p50 p99 rps errors
    one=$(wrk_line "health1-$engine" "$base/health" 1 1)
    agenda=$(wrk_line "agenda-$engine" "$base/evenementen" 1 1)
    read -r one50 _ <<< "$one"
    read -r p50 p99 rps errors <<< "$agenda"
    echo "AGENDA engine=$engine events=$OCCURRENCES p50_ms=$p50 p99_ms=$p99 rps=$rps errors=$errors health_p50_ms=$one50"
    missed "$engine" agenda_p50_ms "$p50" 15
    [ "$errors" = 0 ] || STATUS=1
  fi
  local race check
  round=0
  for slug in "${slugs[@]}"; do
    round=$((round + 1))
    race=$(python3 scripts/bench/event_race.py --bases "$bases" --slug "$slug" --clients "$CLIENTS" --tag "$engine$round$RANDOM" 2>&1 | grep '^RACE ')
    check=$(python3 scripts/bench/event_race_check.py "${check_args[@]}" --slug "$slug" --clients "$CLIENTS" --places "$PLACES" 2>&1 | grep '^CHECK ')
    [ -n "$race" ] && [ -n "$check" ] || { echo "events: the race or its check failed to run" >&2; STATUS=1; continue; }
    echo "RACE engine=$engine instances=$instances round=$round places=$PLACES ${race#RACE } health_rps=$hrps health_p99_ms=$hp99 ${check#CHECK }"
    grep -q 'result=PASS' <<< "$check" || STATUS=1
  done
  stop_servers
  if "$BIN" verify > "$TMP/verify-$engine.log" 2>&1; then echo "VERIFY engine=$engine result=ok"
  else echo "VERIFY engine=$engine result=FAIL"; tail -5 "$TMP/verify-$engine.log" >&2; STATUS=1; fi
}

for engine in $ENGINES; do measure "$engine" || STATUS=1; done
exit $STATUS
