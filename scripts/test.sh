#!/usr/bin/env bash
# The test command: builds once, starts real SMTP sinks (plain, and one with TLS and a login;
# PostgreSQL too with --postgres), and runs the whole suite against them.
#   scripts/test.sh              # on SQLite
#   scripts/test.sh --postgres   # on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
trap services_cleanup EXIT

database=sqlite
[ "${1:-}" = "--postgres" ] && database=postgres

swift build --build-tests 2>&1 | grep -E "error|warning: unre|Compiling kracht|Build complete" || true
start_smtp_sink
export KRACHT_TEST_SMTP_PORT=$SMTP_SINK_PORT KRACHT_TEST_SMTP_DIR=$SMTP_SINK_DIR
start_smtp_tls_sink
export KRACHT_TEST_SMTP_STARTTLS_PORT=$SMTP_TLS_SINK_STARTTLS_PORT KRACHT_TEST_SMTP_TLS_PORT=$SMTP_TLS_SINK_PORT \
  KRACHT_TEST_SMTP_TLS_CA=$SMTP_TLS_SINK_CA KRACHT_TEST_SMTP_TLS_DIR=$SMTP_TLS_SINK_DIR \
  KRACHT_TEST_SMTP_USER=$SMTP_TLS_SINK_USER KRACHT_TEST_SMTP_PASSWORD=$SMTP_TLS_SINK_PASSWORD
if [ "$database" = postgres ]; then
  start_postgres
  export KRACHT_TEST_DATABASE_URL=$POSTGRES_URL
fi

echo "== swift test on $database"
swift test --skip-build 2>&1 | tee "$SERVICES_DIR/test.log" | grep -E "error:|failed|Executed .* tests|skipped" | grep -v "^Test Suite .* passed" || true
summary=$(grep -E "^\s*Executed [0-9]+ tests?" "$SERVICES_DIR/test.log" | tail -1)
executed=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failures=$(echo "$summary" | grep -oE '[0-9]+ failures?' | grep -oE '^[0-9]+')
skipped=$(echo "$summary" | grep -oE '[0-9]+ tests? skipped' | grep -oE '^[0-9]+' || echo 0)
[ -n "$executed" ] || { echo "swift test did not run"; tail -30 "$SERVICES_DIR/test.log"; echo "0 passed, 1 failed"; exit 1; }
failed_tests=$(grep -cE "^Test Case .* failed" "$SERVICES_DIR/test.log" || true)
echo "$database: $((executed - failed_tests - skipped)) passed, $failed_tests failed, $skipped skipped"
[ "$failures" = 0 ] && [ "$failed_tests" = 0 ]
