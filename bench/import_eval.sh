#!/usr/bin/env bash
# Scores `briefbook import` on the seeds, the raw news texts and the saved HTML pages; prints one
# Markdown table (see bench/import_eval.py for the columns and how to restore the raw texts).
#
#   bench/import_eval.sh [--set seeds|raw|html] [--raw DIR] [--dev DIR] [--verbose]
#
# Uses $BRIEFBOOK when set; otherwise target/release/briefbook, built first if it is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${BRIEFBOOK:-}" ]; then
  BRIEFBOOK=$ROOT/target/release/briefbook
  [ -x "$BRIEFBOOK" ] || (cd "$ROOT" && cargo build --release)
fi
BRIEFBOOK=$BRIEFBOOK exec python3 "$ROOT/bench/import_eval.py" "$@"
