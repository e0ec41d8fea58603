# The start that the one-feature benchmarks (scripts/bench/<name>.sh) share: the binary checked,
# wrk installed, what a killed earlier run left cleaned (scripts/lib/stale-runs.sh), the run's
# own folder and PostgreSQL (scripts/lib/services.sh), stop_server and the cleanup trap for the
# server the benchmark starts (its PID in SERVER), and the production settings it runs with.
# Source it at the top level (services.sh declares globals) after setting BENCH (the name), BIN
# and ROOT; it sets TMP (the run's folder) and SERVER="", and gives start_bench_server.
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "$BENCH: no kracht binary at $BIN" >&2; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
. scripts/lib/stale-runs.sh
clean_stale_runs "$BENCH"
SERVICES_DIR=$(mktemp -d /tmp/kracht-$BENCH.XXXXXX)
echo $$ > "$SERVICES_DIR/owner"
unset POSTGRES_URL POSTGRES_DATA
. scripts/lib/services.sh
TMP=$SERVICES_DIR
SERVER=""
stop_server() {
  [ -n "$SERVER" ] || return 0
  kill -TERM "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; SERVER=""
}
trap 'stop_server; services_cleanup' EXIT
key() { head -c 32 /dev/urandom | base64; }
export KRACHT_SECRET_KEY=$(key) KRACHT_SEAL_KEYS="1:$(key)" KRACHT_FUND_KEY="1:$(key)" KRACHT_FUND_IBAN=NL91ABNA0417164300 \
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off LOG_LEVEL=warning
unset DATABASE_URL

start_bench_server() { # engine: the production server on a free port (its log server-<engine>.log); sets SERVER and base
  # SERVER_WRAPPER, e.g. "taskset -c 0", runs it pinned (taskset execs: $! stays the server)
  local port; port=$(free_port)
  base=http://127.0.0.1:$port
  KRACHT_BASE_URL=$base ${SERVER_WRAPPER:-} "$BIN" serve --env production --hostname 127.0.0.1 --port "$port" > "$TMP/server-$1.log" 2>&1 &
  SERVER=$!
  echo "$SERVER" >> "$TMP/pids"
  wait_for_port "$port" 60 > /dev/null || { echo "$BENCH: the server ($1) did not start: $(tail -3 "$TMP/server-$1.log")" >&2; stop_server; return 1; }
}
