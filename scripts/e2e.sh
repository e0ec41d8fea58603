#!/usr/bin/env bash
# Browser journeys, accessibility, security checks and API fuzzing against a real server
# with a real SMTP sink, all on 127.0.0.1.
#   scripts/e2e.sh [path-to-kracht-binary]      # default .build/debug/kracht (swift build first)
#   scripts/e2e.sh .build/debug/kracht -k manifest   # arguments after the binary go to pytest
# Ends with one line: "N passed, N failed" (pytest tests, plus schemathesis as one test).
# Screenshots of failing browser tests, the phone screenshots and the server log: test-results/e2e/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:-.build/debug/kracht}
shift || true
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
RESULTS=$ROOT/test-results/e2e

finish() { # passed failed
  echo "$1 passed, $2 failed"
  [ "$2" -eq 0 ]
  exit $?
}

[ -x "$BIN" ] || { echo "no kracht binary at $BIN (run swift build first)"; finish 0 1; }

# --- tools ---------------------------------------------------------------------------------
if ! python3 -c 'import playwright, axe_playwright_python, aiosmtpd, schemathesis, pytest, requests, icalendar' 2>/dev/null; then
  python3 -m pip install --quiet -r tests/e2e/requirements.txt || { echo "pip install failed"; finish 0 1; }
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || { echo "no chromium"; finish 0 1; }
fi
SCHEMATHESIS=$(command -v schemathesis || command -v st || true)

# --- what a killed earlier run left behind ---------------------------------------------------
. scripts/lib/stale-runs.sh
clean_stale_runs e2e

# --- services ----------------------------------------------------------------------------------
TMP=$(mktemp -d /tmp/kracht-e2e.XXXXXX)
echo $$ > "$TMP/owner"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  mkdir -p "$RESULTS"
  cp "$TMP/server.log" "$RESULTS/server.log" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$RESULTS"
mkdir -p "$RESULTS" "$TMP/data" "$TMP/mail"/{new,cur,tmp}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for_port() { # port
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

SMTP_SINK_PORT=$(free_port)
python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_SINK_PORT" -c aiosmtpd.handlers.Mailbox "$TMP/mail" > "$TMP/smtp.log" 2>&1 &
PIDS+=($!); echo $! >> "$TMP/pids"
wait_for_port "$SMTP_SINK_PORT" || { echo "the SMTP sink did not start:"; cat "$TMP/smtp.log"; finish 0 1; }

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
# Exported: the server, `kracht users create` and the tests' own account helper share them.
export KRACHT_DATA_DIR=$TMP/data KRACHT_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export KRACHT_BASE_URL=$BASE KRACHT_MAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP_SINK_PORT
export SMTP_STARTTLS=false KRACHT_WORKER_INTERVAL_MS=200
# Short connection timeouts, so test_slowloris.py sees silent connections closed and dripped
# bodies refused within seconds (it reads them from here); 10 s leaves slow pages on a busy machine alone.
export KRACHT_IDLE_TIMEOUT=10 KRACHT_BODY_TIMEOUT=2

if "$BIN" users --help > /dev/null 2>&1; then
  admin_email=admin-e2e@example.test admin_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  if "$BIN" users create --email "$admin_email" --name "E2E Beheerder" --password "$admin_password" \
      --role admin --confirmed > "$TMP/users.log" 2>&1; then
    export KRACHT_E2E_ADMIN_EMAIL=$admin_email KRACHT_E2E_ADMIN_PASSWORD=$admin_password
  else
    echo "could not create an admin (admin pages will be skipped):"; cat "$TMP/users.log"
  fi
else
  echo "no 'kracht users' command: admin pages will be skipped"
fi

"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=($SERVER_PID); echo $SERVER_PID >> "$TMP/pids"
for _ in $(seq 600); do
  curl -fsS "$BASE/health" > /dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if ! curl -fsS "$BASE/health" > /dev/null 2>&1; then
  echo "the server did not become healthy at $BASE/health:"; tail -30 "$TMP/server.log"
  finish 0 1
fi
echo "== server at $BASE, mail sink on port $SMTP_SINK_PORT"

# --- pytest: journeys, accessibility, security -------------------------------------------------
export KRACHT_E2E_BASE_URL=$BASE KRACHT_E2E_MAIL_DIR=$TMP/mail KRACHT_E2E_BIN=$BIN
python3 -m pytest tests/e2e -q --junitxml="$TMP/junit.xml" "$@"
pytest_rc=$?
read -r passed failed skipped < <(python3 - "$TMP/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1, 0); sys.exit()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
count = lambda key: sum(int(s.get(key, 0)) for s in suites)
failed = count("failures") + count("errors")
skipped = count("skipped")
print(count("tests") - failed - skipped, failed, skipped)
EOF
)
if [ "$pytest_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi # pytest itself broke
echo "pytest: $passed passed, $failed failed, $skipped skipped"
server_gone() { # says why, if the server is no longer running
  kill -0 "$SERVER_PID" 2>/dev/null && return 1
  wait "$SERVER_PID"; local rc=$?
  local why="exit status $rc"
  [ "$rc" -gt 128 ] && why="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null))"
  echo "the server stopped during the tests: $why; its log ends with:"; tail -5 "$TMP/server.log"
}
server_gone && failed=$((failed + 1))

# --- schemathesis: the JSON API against its OpenAPI document -----------------------------------
run_schemathesis() {
  (cd "$TMP" && "$SCHEMATHESIS" run "$BASE/api/v1/openapi.json" --checks all --wait-for-schema 10 "$@") \
    > "$TMP/schemathesis.log" 2>&1
}
st_failed=1
if [ -z "$SCHEMATHESIS" ]; then
  echo "schemathesis: not installed"
elif run_schemathesis; then
  st_failed=0
elif grep -q "Unsupported method TRACE" "$TMP/schemathesis.log"; then
  # Its unsupported_method check wants 405 for TRACE; Kracht's CSRF guard answers 403 first.
  echo "schemathesis: TRACE is refused with 403, not 405; running again without the unsupported_method check"
  run_schemathesis --exclude-checks unsupported_method && st_failed=0
fi
if [ "$st_failed" -eq 0 ]; then
  echo "schemathesis: $(grep -E '[0-9]+ generated' "$TMP/schemathesis.log" | tail -1 | xargs)"
else
  echo "schemathesis failed:"; tail -40 "$TMP/schemathesis.log"
fi

[ "$failed" -eq 0 ] || echo "screenshots of failing browser tests: $RESULTS"
finish $((passed + 1 - st_failed)) $((failed + st_failed))
