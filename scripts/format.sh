#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's `swift format` and the committed
# `.swift-format`; `--lint` changes nothing and fails on any difference (CI runs that).
#   scripts/format.sh          # format in place
#   scripts/format.sh --lint   # check only
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
files=$(git ls-files --cached --others --exclude-standard '*.swift')
if [ "${1:-}" = "--lint" ]; then
  swift format lint --strict --parallel --configuration .swift-format $files
  echo "swift format: $(echo "$files" | wc -l) files clean"
else
  swift format format --in-place --parallel --configuration .swift-format $files
fi
