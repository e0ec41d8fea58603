#!/usr/bin/env bash
# A mailing to SUBSCRIBERS confirmed subscribers (issue #14) through the outbox to the local SMTP
# sink at full speed (KRACHT_MAILING_RATE=0), SQLite, with the server stopped (SIGTERM) in the
# middle of sending and started again. Then the sink is counted: exactly SUBSCRIBERS messages,
# no recipient twice. Prints:
#   MAILING subscribers=N delivered=N duplicates=N seconds=S rate=MSG_PER_S result=ok|FAIL
#
#   scripts/bench/mailing.sh [--smoke] [--binary PATH]
#   --smoke: 2,000 subscribers (debug build).
# Exit status: non-zero when a message is missing or duplicated, or the server failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=.build/release/kracht SUBSCRIBERS=50000
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SUBSCRIBERS=2000 BIN=.build/debug/kracht ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "usage: scripts/bench/mailing.sh [--smoke] [--binary PATH]" >&2; exit 2 ;;
  esac
  shift
done
SUBSCRIBERS=${KRACHT_BENCH_SUBSCRIBERS:-$SUBSCRIBERS}
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "mailing: no kracht binary at $BIN" >&2; exit 1; }
. scripts/lib/stale-runs.sh
clean_stale_runs mailing
SERVICES_DIR=$(mktemp -d /tmp/kracht-mailing.XXXXXX)
echo $$ > "$SERVICES_DIR/owner"
unset POSTGRES_URL POSTGRES_DATA DATABASE_URL
. scripts/lib/services.sh
TMP=$SERVICES_DIR
SERVER_ENV=()
. scripts/lib/bench-server.sh
trap 'stop_server; services_cleanup' EXIT
key() { head -c 32 /dev/urandom | base64; }
export KRACHT_SECRET_KEY=$(key) KRACHT_SEAL_KEYS="1:$(key)" KRACHT_FUND_KEY="1:$(key)" KRACHT_FUND_IBAN=NL91ABNA0417164300 \
  LOG_LEVEL=warning KRACHT_MAILING_RATE=0
start_smtp_sink
export KRACHT_MAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP_SINK_PORT SMTP_SECURITY=plain
# bench-server.sh starts servers without the worker and with the file transport (for the
# sign-up benchmarks): this one's worker delivers to the sink, with the keys the commands use.
MAILING_SERVER=(KRACHT_WORKER=on KRACHT_MAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_SINK_PORT"
  SMTP_SECURITY=plain KRACHT_MAILING_RATE=0 KRACHT_SECRET_KEY="$KRACHT_SECRET_KEY" KRACHT_SEAL_KEYS="$KRACHT_SEAL_KEYS"
  KRACHT_FUND_KEY="$KRACHT_FUND_KEY")
DATA=$TMP/data
mkdir -p "$DATA"
KRACHT_DATA_DIR=$DATA "$BIN" newsletter fill "$SUBSCRIBERS" > "$TMP/fill.log" 2>&1 || { cat "$TMP/fill.log" >&2; exit 1; }
PORT=$(free_port)
start_server one "$DATA" "$PORT" "${MAILING_SERVER[@]}" || exit 1
START=$(date +%s.%N)
KRACHT_DATA_DIR=$DATA "$BIN" mailings send "Nieuws van Kracht" > "$TMP/send.log" 2>&1 || { cat "$TMP/send.log" >&2; exit 1; }
count() { find "$SMTP_SINK_DIR/new" -type f | wc -l; }
# The restart: once a third has arrived, SIGTERM, then start again on the same data.
for _ in $(seq 1200); do [ "$(count)" -ge $((SUBSCRIBERS / 3)) ] && break; sleep 0.1; done
echo "restart after $(count) messages" >&2
stop_server
start_server two "$DATA" "$PORT" "${MAILING_SERVER[@]}" || exit 1
# Until all have arrived and nothing more comes, or nothing has come for a minute (a miss).
LAST=-1 STILL=0
for _ in $(seq 3000); do
  NOW=$(count)
  [ "$NOW" -ge "$SUBSCRIBERS" ] && [ "$NOW" = "$LAST" ] && break
  if [ "$NOW" = "$LAST" ]; then STILL=$((STILL + 1)); else STILL=0; fi
  [ $STILL -ge 60 ] && break
  LAST=$NOW
  sleep 1
done
END=$(date +%s.%N)
stop_server
DELIVERED=$(count)
# find … +: 50,000 file names do not fit one command line.
DUPLICATES=$(find "$SMTP_SINK_DIR/new" -type f -exec grep -h -m1 -i '^To:' {} + | tr 'A-Z' 'a-z' | sort | uniq -d | wc -l)
SECONDS_TAKEN=$(python3 -c "print(round($END - $START, 1))")
RATE=$(python3 -c "print(round($DELIVERED / max($END - $START, 0.001)))")
RESULT=ok
[ "$DELIVERED" = "$SUBSCRIBERS" ] && [ "$DUPLICATES" = 0 ] || RESULT=FAIL
echo "MAILING subscribers=$SUBSCRIBERS delivered=$DELIVERED duplicates=$DUPLICATES seconds=$SECONDS_TAKEN rate=$RATE result=$RESULT"
[ $RESULT = ok ]
