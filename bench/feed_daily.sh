#!/usr/bin/env bash
# What a daily feed run costs: a local server on 127.0.0.1 serves a feed of 100 items and their
# pages (generated here); the first run fetches and imports all 100, the second finds them all
# in the book and fetches only the feed. A third feed carries each item's full text, so its run
# fetches nothing but the feed.
#
#   bench/feed_daily.sh [path/to/briefbook]     (default: builds and uses the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-}
if [[ -z "$BIN" ]]; then
  cargo build --release --quiet
  BIN="${CARGO_TARGET_DIR:-target}/release/briefbook"
fi
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

python3 - "$WORK/site" "$BASE" <<'EOF'
import os, sys, random
site, base = sys.argv[1], sys.argv[2]
os.makedirs(f"{site}/news", exist_ok=True)
random.seed(7)
towns = ["Port Ellis", "Linden Vale", "Northbrook", "Ashford Bay", "Kestrel Falls", "Glen Harrow"]
subjects = ["harbour council", "water board", "school board", "transport office", "library", "town hall"]
verbs = ["approved", "delayed", "rejected", "announced", "reviewed", "funded"]
things = ["a new pier", "a wider bridge", "a bus lane", "a night ferry", "a reading room", "a solar farm"]
def paragraph(town):
    return " ".join(
        f"The {random.choice(subjects)} of {town} {random.choice(verbs)} {random.choice(things)} "
        f"on {random.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}, "
        f"officials said, after {random.randint(2, 40)} months of debate."
        for _ in range(3))
items_link, items_full = [], []
for i in range(100):
    town = random.choice(towns)
    title = f"{town} {random.choice(subjects)} {random.choice(verbs)} {random.choice(things)} ({i})"
    day = 1 + i % 28
    body = "\n".join(f"<p>{paragraph(town)}</p>" for _ in range(6))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | Harbor Ledger</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Harbor Ledger">
<meta property="article:published_time" content="2026-03-{day:02d}T09:00:00+01:00">
<meta name="author" content="Ana Whitfield"></head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>{body}</article><footer>Harbor Ledger</footer></body></html>"""
    open(f"{site}/news/{i}.html", "w").write(page)
    date = f"<pubDate>Mon, 02 Mar 2026 09:00:00 +0100</pubDate>"
    item = f"<title>{title}</title><link>{base}/news/{i}.html</link><guid>ledger-{i}</guid>{date}"
    items_link.append(f"<item>{item}</item>")
    items_full.append(f"<item>{item.replace('/news/', '/full/')}<description><![CDATA[{body}]]></description></item>")
def rss(items):
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbor Ledger</title>'
            + "".join(items) + "</channel></rss>")
open(f"{site}/feed.xml", "w").write(rss(items_link))
open(f"{site}/full.xml", "w").write(rss([i.replace("ledger-", "full-") for i in items_full]))
EOF

python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/feed.xml" 2>/dev/null && break; sleep 0.1; done

run() {
  local label=$1 book=$2 feed=$3
  local start end summary
  start=$(date +%s%N)
  "$BIN" import --root "$book" "$feed" > "$WORK/out.txt" || true
  end=$(date +%s%N)
  summary=$(grep -E '^[0-9]+ (written|already|failed)|^nothing to import' "$WORK/out.txt" | tail -n 1)
  printf '%-46s %6d ms   %s\n' "$label" $(( (end - start) / 1000000 )) "$summary"
}
mkdir -p "$WORK/book" "$WORK/book-full"
echo 'title = "Feed bench"' > "$WORK/book/briefbook.toml"
echo 'title = "Feed bench"' > "$WORK/book-full/briefbook.toml"
run "first run: 100 items, each page fetched" "$WORK/book" "$BASE/feed.xml"
run "next day: the same 100 items, all known" "$WORK/book" "$BASE/feed.xml"
run "full-text feed: 100 items, no page fetched" "$WORK/book-full" "$BASE/full.xml"
run "full-text feed, next day" "$WORK/book-full" "$BASE/full.xml"
