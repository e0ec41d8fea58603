#!/usr/bin/env bash
# Benchmark "statement import" (issue #9): a CAMT.053 file of 50,000 entries (every tenth a
# batch of three transfers: 60,000 lines) imported with `kracht fund import-statement` into a
# fresh SQLite database; wall time and peak memory (max RSS) from /usr/bin/time -v. Targets:
# under 10 s and under 200 MB. `kracht verify` must pass afterwards. Prints one line:
#   STATEMENT entries=N lines=N seconds=S max_rss_mb=M verify=ok|FAIL
#
#   scripts/bench/statement-import.sh [--smoke] [--binary PATH]   # --smoke: 2,000 entries
#
# Exit status: non-zero when the import failed or verify found a difference; a missed target
# is reported by the caller, not a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ENTRIES=50000
BIN=""
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) ENTRIES=2000 ;;
    --binary) BIN=${2:?--binary needs a path}; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
ENTRIES=${KRACHT_BENCH_STATEMENT_ENTRIES:-$ENTRIES}
[ -n "$BIN" ] || BIN=.build/release/kracht
[[ $BIN = /* ]] || BIN=$ROOT/$BIN
[ -x "$BIN" ] || { echo "statement-import: no kracht binary at $BIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time > /dev/null; }

TMP=$(mktemp -d /tmp/kracht-statement.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
python3 scripts/bench/camt_statement.py "$ENTRIES" "$TMP/statement.xml"
# Migrate first, so the measured run is the import alone.
KRACHT_DATA_DIR=$TMP "$BIN" migrate --yes --log warning > "$TMP/migrate.log" 2>&1 || { cat "$TMP/migrate.log" >&2; exit 1; }
if ! KRACHT_DATA_DIR=$TMP /usr/bin/time -v "$BIN" fund import-statement "$TMP/statement.xml" --log warning \
  > "$TMP/import.log" 2> "$TMP/time.log"; then
  cat "$TMP/import.log" "$TMP/time.log" >&2
  echo "STATEMENT entries=$ENTRIES failed"
  exit 1
fi
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$TMP/time.log")
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$TMP/time.log")
lines=$(sqlite3 "$TMP/kracht.sqlite" "SELECT COUNT(*) FROM fund_statement_lines" 2> /dev/null || echo "?")
verify=ok
KRACHT_DATA_DIR=$TMP "$BIN" verify --log warning > "$TMP/verify.log" 2>&1 || { verify=FAIL; cat "$TMP/verify.log" >&2; }
echo "STATEMENT entries=$ENTRIES lines=$lines seconds=$seconds max_rss_mb=$rss verify=$verify"
[ $verify = ok ]
