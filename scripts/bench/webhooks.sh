#!/usr/bin/env bash
# Webhook replay (issue #9): 10,000 Mollie webhook calls for 2,000 paid payments, concurrent
# and out of order, against the local fake Mollie (`fake-mollie`). Must end with exactly one
# posting per payment and a balanced ledger (`kracht verify`); reports calls/s against the
# /health ceiling measured in the same run (target: >= 25% on SQLite).
#   scripts/bench/webhooks.sh [--binary PATH] [--smoke]   # default .build/release/kracht
# --smoke: 200 payments, 1,000 calls, 8 connections, 3-second ceiling (a debug build, < 30 s).
# The last line is "webhooks: … -> PASS|MISS|FAIL"; exit status non-zero only on FAIL (a
# posting missing or doubled, the ledger unbalanced, a server that failed).
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=.build/release/kracht SMOKE=0
while [ $# -gt 0 ]; do
  case $1 in
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    --smoke) SMOKE=1 ;;
    *) echo "usage: scripts/bench/webhooks.sh [--binary PATH] [--smoke]" >&2; exit 2 ;;
  esac
  shift
done
[[ $BIN = /* ]] || BIN=$PWD/$BIN
MOLLIE_BIN=$(dirname "$BIN")/fake-mollie
[ -x "$BIN" ] && [ -x "$MOLLIE_BIN" ] || { echo "webhooks: no kracht or fake-mollie binary next to $BIN -> FAIL"; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
if [ $SMOKE = 1 ]; then PAYMENTS=200 CALLS_PER=5 CONNECTIONS=8 HEALTH_SECONDS=3
else PAYMENTS=2000 CALLS_PER=5 CONNECTIONS=64 HEALTH_SECONDS=15; fi
THREADS=2
. scripts/lib/services.sh
trap services_cleanup EXIT
ulimit -n 4096 2>/dev/null || true
fail() { echo "webhooks: $* -> FAIL"; exit 1; }

# The local Mollie, then the app pointed at it.
MOLLIE_PORT=$(free_port) PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"$MOLLIE_BIN" --port "$MOLLIE_PORT" > "$SERVICES_DIR/mollie.log" 2>&1 &
SERVICE_PIDS+=($!)
wait_for_port "$MOLLIE_PORT" 10 || fail "fake-mollie did not start"
export KRACHT_DATA_DIR=$SERVICES_DIR/data KRACHT_BASE_URL=$BASE KRACHT_WORKER=off KRACHT_MAIL_TRANSPORT=file LOG_LEVEL=error \
  KRACHT_SECRET_KEY=webhook-benchmark-only KRACHT_FUND_IBAN=NL91ABNA0417164300 KRACHT_SEAL_KEYS="1:$(head -c 32 /dev/urandom | base64)" KRACHT_FUND_KEY="1:$(head -c 32 /dev/urandom | base64)" \
  MOLLIE_API_KEY=test_krachtFakeMollieKey0123456789 MOLLIE_API_URL=http://127.0.0.1:$MOLLIE_PORT/v2
unset DATABASE_URL
mkdir -p "$KRACHT_DATA_DIR"

# The payments: asked for through the app's own Mollie provider, then paid at the fake Mollie
# (without its webhook: the replay below is the only one).
"$BIN" fund bench-gifts --count $PAYMENTS --env production > "$SERVICES_DIR/ids.txt" 2> "$SERVICES_DIR/gifts.log" \
  || fail "bench-gifts failed: $(tail -3 "$SERVICES_DIR/gifts.log")"
grep -c '^tr_' "$SERVICES_DIR/ids.txt" | grep -qx "$PAYMENTS" || fail "bench-gifts made $(grep -c '^tr_' "$SERVICES_DIR/ids.txt") payments, not $PAYMENTS"
python3 - "$MOLLIE_PORT" "$SERVICES_DIR/ids.txt" "$CALLS_PER" "$SERVICES_DIR/calls.txt" <<'PY' || fail "could not mark the payments paid"
import http.client, random, sys
port, ids, per, out = int(sys.argv[1]), [l.strip() for l in open(sys.argv[2]) if l.startswith("tr_")], int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port)
for pid in ids:
    conn.request("POST", f"/_control/payments/{pid}", "status=paid", {"Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse(); r.read()
    assert r.status == 200, (pid, r.status)
calls = ids * per
random.shuffle(calls)
open(out, "w").write("\n".join(calls) + "\n")
PY

"$BIN" serve --env production --hostname 127.0.0.1 --port "$PORT" > "$SERVICES_DIR/server.log" 2>&1 &
SERVER=$!
SERVICE_PIDS+=($SERVER)
wait_for_port "$PORT" 60 || fail "the server did not start: $(tail -3 "$SERVICES_DIR/server.log")"

echo "== ceiling: GET /health, ${HEALTH_SECONDS}s, -c$CONNECTIONS"
health=$(wrk -t$THREADS -c$CONNECTIONS -d${HEALTH_SECONDS}s "$BASE/health" 2>&1)
health_rps=$(echo "$health" | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p')
echo "   /health $health_rps req/s"
echo "== replay: $((PAYMENTS * CALLS_PER)) webhook calls for $PAYMENTS paid payments, shuffled, -c$CONNECTIONS"
cpu() { ps -o times= -p "$1" | tr -d ' '; } # CPU seconds a process has used so far
server_cpu=$(cpu $SERVER) mollie_cpu=$(cpu ${SERVICE_PIDS[0]})
# A small asyncio client rather than wrk: wrk runs for a duration, not for a number of calls.
replay=$( { time -p timeout 600 python3 scripts/bench/webhook_replay.py "$BASE" "$SERVICES_DIR/calls.txt" $CONNECTIONS; } 2>&1)
echo "   CPU seconds during the replay: kracht $(( $(cpu $SERVER) - server_cpu )), fake-mollie $(( $(cpu ${SERVICE_PIDS[0]}) - mollie_cpu )), client $(echo "$replay" | awk '/^user/ { u = $2 } /^sys/ { s = $2 } END { printf "%.0f", u + s }')"
line=$(echo "$replay" | grep '^WEBHOOKS ' | tail -1)
[ -n "$line" ] || fail "the replay printed no result: $(echo "$replay" | tail -3)"
echo "   $line"
declare -A W
for kv in ${line#WEBHOOKS }; do W[${kv%%=*}]=${kv#*=}; done
kill -0 $SERVER 2>/dev/null || fail "the server died"
kill -TERM $SERVER; wait $SERVER 2>/dev/null

postings=$(python3 - "$KRACHT_DATA_DIR/kracht.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*db.execute("""select (select count(*) from fund_ledger_entries where kind = 'gift' and cause_type = 'mollie_payment'),
  (select count(distinct cause_id) from fund_ledger_entries where kind = 'gift' and cause_type = 'mollie_payment'),
  (select count(*) from fund_gifts where status = 'paid')""").fetchone())
PY
)
read -r entries distinct paid <<< "$postings"
verify=$("$BIN" verify --env production 2>&1); verified=$?
percent=$(awk "BEGIN { printf \"%.0f\", 100 * ${W[rps]:-0} / ${health_rps:-1} }")
echo "   postings $entries (distinct payments $distinct), gifts paid $paid; kracht verify: $([ $verified = 0 ] && echo ok || echo "$verify")"
verdict=PASS
[ "${entries:-x}" = "$PAYMENTS" ] && [ "${distinct:-x}" = "$PAYMENTS" ] && [ "${paid:-x}" = "$PAYMENTS" ] && [ $verified = 0 ] \
  && [ "${W[ok]:-0}" -ge $((PAYMENTS * CALLS_PER)) ] && [ "${W[other]:-1}" = 0 ] || verdict=FAIL
[ $verdict = PASS ] && ! awk "BEGIN { exit !(${W[rps]:-0} >= 0.25 * ${health_rps:-0}) }" && verdict=MISS
echo "webhooks: ${W[calls]:-0} calls at ${W[rps]:-0}/s = ${percent}% of /health ($health_rps/s), p50 ${W[p50_ms]:-?} ms, p99 ${W[p99_ms]:-?} ms; postings $entries for $PAYMENTS payments -> $verdict"
[ $verdict != FAIL ]
