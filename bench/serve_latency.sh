#!/usr/bin/env bash
# Edit-to-served latency of `briefbook serve --watch`: starts the server on a book, rewrites one
# article's title (write to a temp file, then rename, as editors do) and polls the article's page
# until the new title is served. Prints each run's milliseconds and the median.
#
# Usage: bench/serve_latency.sh BOOK_DIR [RUNS]   (build first: cargo build --release)
# A 10,000-article book: python3 gen_corpus.py 10000 /tmp/c10k --flavor briefbook
set -euo pipefail
book=${1:?usage: serve_latency.sh BOOK_DIR [RUNS]}
runs=${2:-10}
bin=${BRIEFBOOK:-$(dirname "$0")/../target/release/briefbook}
log=$(mktemp)
"$bin" serve --watch --port 0 --root "$book" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
until grep -q "Serving" "$log"; do sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2)
head -1 "$log"

python3 - "$book" "$port" "$runs" <<'PY'
import os, sys, time, urllib.request, statistics
book, port, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
folder = os.path.join(book, "content", "articles")
name = sorted(f for f in os.listdir(folder) if f.endswith(".md"))[len(os.listdir(folder)) // 2]
path = os.path.join(folder, name)
url = f"http://127.0.0.1:{port}/articles/{name[:-3]}/"
original = open(path, encoding="utf-8").read()
times = []
try:
    for run in range(runs):
        marker = f"Latency probe {run} {time.time_ns()}"
        lines = original.split("\n")
        lines = [f'title: "{marker}"' if l.startswith("title:") else l for l in lines]
        temp = os.path.join(folder, "." + name + ".tmp")
        open(temp, "w", encoding="utf-8").write("\n".join(lines))
        start = time.perf_counter()
        os.rename(temp, path)
        while True:
            body = urllib.request.urlopen(url).read().decode()
            if marker in body:
                break
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.5)
finally:
    open(path, "w", encoding="utf-8").write(original)
print("runs (ms):", " ".join(f"{t:.0f}" for t in times))
print(f"median edit-to-served: {statistics.median(times):.0f} ms")
PY
sleep 1
grep "^Changed" "$log" | tail -3
