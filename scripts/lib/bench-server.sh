# The server that the benchmark and the crash test start: how it is configured (SERVER_ENV) and
# how it is started and stopped. Source this file after setting BIN (the binary) and TMP (the
# run's folder: server logs, and the PIDs a later run may have to clean up).
# Sign-ups come from one address, as fast as a machine can send them: the per-IP limit and
# the "too fast for a person" check would otherwise turn a benchmark into a test of those.
SERVER_ENV=(KRACHT_SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  KRACHT_FUND_IBAN=NL91ABNA0417164300 KRACHT_SEAL_KEYS="1:$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
  KRACHT_FUND_KEY="1:$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
  KRACHT_MAIL_TRANSPORT=file KRACHT_WORKER=off
  KRACHT_SIGNING_LIMIT_PER_IP=1000000000 KRACHT_SIGNING_MIN_FILL_SECONDS=0 LOG_LEVEL=warning)

start_server() { # name, data dir, port, extra VAR=value...: sets SERVER_PID, PORT, BASE
  local name=$1 dir=$2; PORT=$3; shift 3
  BASE=http://127.0.0.1:$PORT
  mkdir -p "$dir"
  # `env` executes the binary in place, so $! is the server process itself (a SIGKILL must hit
  # the server, not a wrapper). -u: a DATABASE_URL or synchronous setting from the caller's
  # environment must not leak into an engine.
  env -u DATABASE_URL -u KRACHT_SQLITE_SYNCHRONOUS "${SERVER_ENV[@]}" KRACHT_DATA_DIR="$dir" \
    KRACHT_BASE_URL="$BASE" "$@" "$BIN" serve --env production --hostname 127.0.0.1 --port "$PORT" \
    >> "$TMP/server-$name.log" 2>&1 &
  SERVER_PID=$!
  echo "$SERVER_PID" >> "$TMP/pids"
  local _
  for _ in $(seq 600); do # 60 s: the first start migrates the database
    curl -fsS -m 2 -o /dev/null "$BASE/health" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server ($name) did not become healthy at $BASE/health:" >&2
  tail -20 "$TMP/server-$name.log" >&2
  return 1
}

stop_server() { # graceful: SIGTERM, then SIGKILL after 15 s
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  local _
  for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

server_alive() { [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; }
