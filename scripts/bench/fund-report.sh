# The fund's transparency page with a large ledger (issue #9): sourced by scripts/bench.sh,
# which provides BIN, TMP, DURATION, CONNECTIONS, SERVER_ENV, R, run_wrk, start_server,
# stop_server and free_port. `kracht fund seed-ledger` fills an empty SQLite ledger with
# balanced entries over 24 months (bulk SQL, the same rows posting writes), `kracht verify`
# proves the maintained totals equal the entries, then one reader (-c1) measures the page's
# latency with /health in the same run as the ceiling, and -c$CONNECTIONS its throughput.
# Sets R[fund.*]: seed_s, verify (ok|failed), health.*, page.*, page_load.*, failed.

measure_fund_report() { # entries
  local entries=$1 dir=$TMP/data-fund-report started
  echo "== /fonds/verantwoording with $entries ledger entries (SQLite)"
  mkdir -p "$dir"
  started=$(date +%s)
  if ! timeout 3600 env -u DATABASE_URL -u KRACHT_SQLITE_SYNCHRONOUS "${SERVER_ENV[@]}" KRACHT_DATA_DIR="$dir" \
      "$BIN" fund seed-ledger --entries "$entries" > "$TMP/seed-ledger.log" 2>&1; then
    echo "   seed-ledger failed:" >&2; tail -10 "$TMP/seed-ledger.log" >&2; R[fund.failed]=1; return 1
  fi
  R[fund.seed_s]=$(($(date +%s) - started))
  if env -u DATABASE_URL "${SERVER_ENV[@]}" KRACHT_DATA_DIR="$dir" "$BIN" verify > "$TMP/verify-ledger.log" 2>&1; then
    R[fund.verify]=ok
  else
    R[fund.verify]=failed; echo "   kracht verify found problems:" >&2; tail -10 "$TMP/verify-ledger.log" >&2
  fi
  echo "   seeded in ${R[fund.seed_s]} s; kracht verify: ${R[fund.verify]}"
  start_server fund-report "$dir" "$(free_port)" || { R[fund.failed]=1; return 1; }
  local status
  status=$(curl -s -m 30 -o /dev/null -w '%{http_code}' "$BASE/fonds/verantwoording")
  if [ "$status" != 200 ]; then
    echo "   GET /fonds/verantwoording answered $status" >&2; R[fund.failed]=1; stop_server; return 1
  fi
  run_wrk fund.health -t1 -c1 -d"${DURATION}s" --latency -s scripts/bench/report.lua "$BASE/health" || R[fund.failed]=1
  run_wrk fund.page -t1 -c1 -d"${DURATION}s" --latency -s scripts/bench/report.lua "$BASE/fonds/verantwoording" || R[fund.failed]=1
  run_wrk fund.page_load -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s scripts/bench/report.lua \
    "$BASE/fonds/verantwoording" || R[fund.failed]=1
  server_alive || { echo "   the server died during the transparency page run" >&2; R[fund.failed]=1; }
  stop_server
  echo "   GET /health (c1)                 p50 ${R[fund.health.p50_ms]:-?} ms  ${R[fund.health.rps]:-?} req/s"
  echo "   GET /fonds/verantwoording (c1)   p50 ${R[fund.page.p50_ms]:-?} ms  p99 ${R[fund.page.p99_ms]:-?} ms  ${R[fund.page.rps]:-?} req/s"
  echo "   GET /fonds/verantwoording (c$CONNECTIONS)  p50 ${R[fund.page_load.p50_ms]:-?} ms  p99 ${R[fund.page_load.p99_ms]:-?} ms  ${R[fund.page_load.rps]:-?} req/s"
  [ "${R[fund.verify]}" = ok ] && [ "${R[fund.failed]:-0}" = 0 ]
}

# Rows for the results table and the targets (called by bench.sh's table and targets).
fund_report_rows() { # entries
  echo "| GET /health (c1), same run as below | SQLite (synchronous=NORMAL) | $(val fund.health.rps) | $(val fund.health.p50_ms) | $(val fund.health.p99_ms) | | | |"
  echo "| GET /fonds/verantwoording (c1), $1 ledger entries | SQLite (synchronous=NORMAL) | $(val fund.page.rps) | $(val fund.page.p50_ms) | $(val fund.page.p99_ms) | | | |"
  echo "| GET /fonds/verantwoording (c$CONNECTIONS), $1 ledger entries | SQLite (synchronous=NORMAL) | $(val fund.page_load.rps) | $(val fund.page_load.p50_ms) | $(val fund.page_load.p99_ms) | | | |"
}

fund_report_targets() { # entries
  echo "| transparency page p50 < 20 ms with $1 ledger entries (c1) | $(val fund.page.p50_ms) ms | $(verdict "$(val fund.page.p50_ms) < 20") |"
  echo "| the seeded ledger passes \`kracht verify\` ($(val fund.seed_s) s to seed) | $(val fund.verify) | $([ "$(val fund.verify)" = ok ] && echo PASS || echo FAIL) |"
}
