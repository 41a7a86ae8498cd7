#!/usr/bin/env bash
# Edit-to-served-page latency of `briefbook serve --watch`, in milliseconds (median of EDITS edits).
#
#   bench/serve_latency.sh BOOK [PORT]
#
# Copies BOOK to a temporary folder, starts the server there, then repeatedly appends a unique
# word to one article and polls that article's page until the word is served. Prints the median.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BB=${BB:-$ROOT/target/release/briefbook}
BOOK=${1:?usage: serve_latency.sh BOOK [PORT]}
PORT=${2:-$((20000 + RANDOM % 20000))}
EDITS=${EDITS:-5}

WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r "$BOOK" "$WORK/book"
"$BB" serve --watch --root "$WORK/book" --port "$PORT" >"$WORK/serve.log" 2>&1 &
PID=$!

# Wait for the first build and the listener.
for _ in $(seq 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/" || { echo "server did not start" >&2; exit 1; }

article=$(find "$WORK/book/content/articles" -name '*.md' | sort | head -1)
slug=$(basename "$article" .md)
url="http://127.0.0.1:$PORT/articles/$slug/"

times=()
for edit in $(seq "$EDITS"); do
  marker="latencyprobe${edit}x$RANDOM"
  start=$EPOCHREALTIME
  printf '\n%s\n' "$marker" >> "$article"
  until curl -sf "$url" | grep -q "$marker"; do
    if awk -v s="$start" -v n="$EPOCHREALTIME" 'BEGIN { exit !(n - s > 30) }'; then
      echo "edit $edit not served within 30 s" >&2; exit 1
    fi
    sleep 0.002
  done
  end=$EPOCHREALTIME
  times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", (e - s) * 1000 }')")
  sleep 0.3
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
