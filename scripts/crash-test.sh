#!/usr/bin/env bash
# Crash test: every sign-up the server answered with 303 ("you signed") must survive a SIGKILL
# of the server. On SQLite, twice: synchronous=NORMAL (the default) and FULL.
#
#   scripts/crash-test.sh [--binary PATH]     # default .build/debug/kracht
#
# Per case: start the server on a fresh data folder; scripts/bench/crash_client.py signs with
# 16 threads and writes down every address that got a 303; after ~2 s of load the server
# process gets SIGKILL (no shutdown, no flush); the client runs on into connection errors and
# stops; the server restarts on the same folder (and recovers the database); every written-down
# address must be in `signatures`. Ends with one line: "crash: N passed, N failed".
# A SIGKILL kills the process, not the machine: this proves nothing is acknowledged before it is
# committed; it does not simulate a power cut (that is what synchronous=FULL is for).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=.build/debug/kracht
while [ $# -gt 0 ]; do
  case $1 in
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (usage: scripts/crash-test.sh [--binary PATH])" >&2; exit 2 ;;
  esac
  shift
done
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
RESULTS=$ROOT/test-results/crash
CLIENT_SECONDS=6 # the client's whole run; the kill comes after KILL_AFTER of it
KILL_AFTER=2

PASSED=0 FAILED=0
finish() {
  echo "crash: $PASSED passed, $FAILED failed"
  [ $FAILED -eq 0 ]; exit $?
}
[ -x "$BIN" ] || { echo "no kracht binary at $BIN (run swift build first)"; FAILED=1; finish; }

# --- what a killed earlier run left behind -------------------------------------------------------
. scripts/lib/stale-runs.sh
clean_stale_runs crash

TMP=$(mktemp -d /tmp/kracht-crash.XXXXXX)
echo $$ > "$TMP/owner"
SERVICES_DIR=$TMP
. scripts/lib/services.sh # free_port, services_cleanup

SERVER_PID="" CLIENT_PID=""
cleanup() {
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null
  stop_server
  mkdir -p "$RESULTS"
  cp "$TMP"/*.log "$TMP"/*.txt "$RESULTS"/ 2>/dev/null
  services_cleanup # removes $TMP
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$RESULTS"

. scripts/lib/bench-server.sh # SERVER_ENV, start_server (sets SERVER_PID, PORT, BASE), stop_server

crash_case() { # name, extra server VAR=value...: one test
  local name=$1; shift
  local dir=$TMP/data-$name port acked=$TMP/acked-$name.txt run_id
  port=$(free_port)
  run_id=$(date +%s)$RANDOM
  echo "== $name"
  start_server "$name" "$dir" "$port" "$@" || return 1
  local status
  status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/manifest")
  [ "$status" = 200 ] || { echo "   GET /manifest answered $status" >&2; return 1; }

  : > "$acked"
  python3 scripts/bench/crash_client.py --base "http://127.0.0.1:$port" \
    --run-id "$run_id" --acked "$acked" --threads 16 --duration $CLIENT_SECONDS > "$TMP/client-$name.txt" 2>&1 &
  CLIENT_PID=$!
  sleep $KILL_AFTER

  # The real server: refuse to "crash" anything that is not the kracht binary.
  if [ "$(readlink -f "/proc/$SERVER_PID/exe")" != "$(readlink -f "$BIN")" ]; then
    echo "   PID $SERVER_PID is not the server ($(readlink -f "/proc/$SERVER_PID/exe"))" >&2; return 1
  fi
  local before
  before=$(wc -l < "$acked")
  kill -KILL "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  echo "   SIGKILL after ${KILL_AFTER}s, $before sign-ups acknowledged by then"

  wait "$CLIENT_PID"; CLIENT_PID=""
  echo "   client: $(cat "$TMP/client-$name.txt")"

  # Restart on the same folder: the server must come up on what the crash left.
  start_server "$name-restart" "$dir" "$port" "$@" || { echo "   the server did not restart after the crash" >&2; return 1; }
  local counts
  counts=$(python3 - "$dir/kracht.sqlite" "$acked" <<'EOF'
import sqlite3, sys
acked = [line.strip() for line in open(sys.argv[2]) if line.strip()]
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
stored = {row[0].lower() for row in db.execute("select email from signatures")}
missing = [email for email in acked if email.lower() not in stored]
for email in missing[:10]:
    print("   missing:", email, file=sys.stderr)
print(len(acked), len(acked) - len(missing), len(missing))
EOF
)
  stop_server
  local acknowledged found missing
  read -r acknowledged found missing <<< "$counts"
  echo "   acknowledged $acknowledged, found $found, missing $missing"
  [ -n "$missing" ] || return 1
  if [ "$acknowledged" -eq 0 ]; then echo "   no sign-up was acknowledged: the test proved nothing" >&2; return 1; fi
  if [ "$before" -eq 0 ]; then echo "   nothing was acknowledged before the kill: the test proved nothing" >&2; return 1; fi
  [ "$missing" -eq 0 ]
}

run_case() { # name, extra VAR=value...
  if crash_case "$@"; then PASSED=$((PASSED + 1)); echo "   ok"; else FAILED=$((FAILED + 1)); echo "   FAIL"; fi
  [ -n "$CLIENT_PID" ] && { kill "$CLIENT_PID" 2>/dev/null; wait "$CLIENT_PID" 2>/dev/null; CLIENT_PID=""; }
  stop_server
}

echo "== crash test: $BIN, SQLite, 16 client threads, SIGKILL after ${KILL_AFTER}s"
run_case sqlite-normal
run_case sqlite-full KRACHT_SQLITE_SYNCHRONOUS=FULL
finish
