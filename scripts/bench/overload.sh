#!/usr/bin/env bash
# Overload: past its capacity the server must shed load at once (503 with Retry-After), not
# let requests queue until they time out, and recover by itself when the load drops.
#   scripts/bench/overload.sh [--binary PATH]     # default .build/release/kracht
# Drives /manifest (a page that renders and reads the database) with 512 connections against
# a server allowed 64 requests in flight, then with 8 connections again. Prints the share of
# 503s, how fast they came, and whether every request afterwards succeeded.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=.build/release/kracht
[ "${1:-}" = "--binary" ] && BIN=${2:?--binary needs a path}
[ -x "$BIN" ] || { echo "overload: no binary at $BIN"; exit 1; }
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
. scripts/lib/services.sh
trap services_cleanup EXIT
ulimit -n 4096 2>/dev/null || true

PORT=$(free_port)
mkdir -p "$SERVICES_DIR/data"
KRACHT_DATA_DIR="$SERVICES_DIR/data" KRACHT_SECRET_KEY=overload-benchmark-only KRACHT_FUND_IBAN=NL91ABNA0417164300 KRACHT_SEAL_KEYS="1:$(head -c 32 /dev/urandom | base64)" KRACHT_FUND_KEY="1:$(head -c 32 /dev/urandom | base64)" KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off KRACHT_MAX_IN_FLIGHT=64 \
  LOG_LEVEL=error "$BIN" serve --env production --hostname 127.0.0.1 --port "$PORT" > "$SERVICES_DIR/server.log" 2>&1 &
SERVICE_PIDS+=($!)
wait_for_port "$PORT" 30 || { echo "overload: the server did not start"; exit 1; }

cat > "$SERVICES_DIR/status.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; busy = 0; other = 0; retry = 0 end
function response(status, headers)
  if status == 200 then ok = ok + 1
  elseif status == 503 then busy = busy + 1; if headers["Retry-After"] or headers["retry-after"] then retry = retry + 1 end
  else other = other + 1 end
end
function done(summary, latency, requests)
  local t = {ok = 0, busy = 0, other = 0, retry = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  io.write(string.format("statuses ok=%d busy=%d other=%d retry_after=%d errors=%d timeouts=%d\n",
    t.ok, t.busy, t.other, t.retry, summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
LUA

run() { # connections seconds
  wrk -t2 -c"$1" -d"$2"s --timeout 5s --latency -s "$SERVICES_DIR/status.lua" "http://127.0.0.1:$PORT/manifest" 2>&1
}
echo "== overload: 512 connections, at most 64 requests in flight"
over=$(run 512 10); echo "$over" | grep -E "Requests/sec|50%|99%|statuses"
echo "== afterwards: 8 connections"
after=$(run 8 5); echo "$after" | grep -E "Requests/sec|99%|statuses"

busy=$(echo "$over" | sed -nE 's/.*busy=([0-9]+).*/\1/p')
retry=$(echo "$over" | sed -nE 's/.*retry_after=([0-9]+).*/\1/p')
timeouts=$(echo "$over" | sed -nE 's/.*timeouts=([0-9]+).*/\1/p')
after_ok=$(echo "$after" | sed -nE 's/.*ok=([0-9]+) busy=([0-9]+) other=([0-9]+).*/\1 \2 \3/p')
verdict=PASS
[ "${busy:-0}" -gt 0 ] && [ "$busy" = "$retry" ] && [ "${timeouts:-1}" = 0 ] || verdict=MISS
set -- $after_ok
[ "${1:-0}" -gt 0 ] && [ "${2:-1}" = 0 ] && [ "${3:-1}" = 0 ] || verdict=MISS
echo "overload: shed=${busy:-0} (all with Retry-After: $([ "$busy" = "$retry" ] && echo yes || echo no)), timeouts=${timeouts:-?}, recovered: $([ "${2:-1}" = 0 ] && echo yes || echo no) -> $verdict"
[ $verdict = PASS ]
