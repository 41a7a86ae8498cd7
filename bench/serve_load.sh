#!/usr/bin/env bash
# Load on the preview server: requests per second and latency (p50, p99) with many concurrent
# clients, first alone, then while 1,000 half-sent requests (slowloris: headers sent a byte at a
# time, never finished) hold connections open. Prints wrk's figures for both runs and what became
# of the half-sent requests (the server cuts each off after its 5-second header deadline).
#
# Usage: bench/serve_load.sh [BOOK_DIR] [SECONDS] [CONNECTIONS]
#   defaults: the example book in the repository root, 10 s, 256 connections.
# Needs wrk (Debian: apt-get install wrk) and python3; build first: cargo build --release.
set -euo pipefail
book=${1:-$(dirname "$0")/..}
seconds=${2:-10}
connections=${3:-256}
bin=${BRIEFBOOK:-$(dirname "$0")/../target/release/briefbook}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
ulimit -n 8192 2>/dev/null || true
log=$(mktemp)
"$bin" serve --port 0 --root "$book" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
until grep -q "Serving" "$log"; do sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2)
base="http://127.0.0.1:$port"
page=$(curl -s "$base/" | grep -o 'href="[^"]*articles/[^"]*/"' | head -1 | sed 's/href="//; s/"$//; s#^\./#/#; s#^\([^/]\)#/\1#')
echo "server: $bin on $base; page: $page; ${connections} connections, ${seconds} s, $(nproc) cores"

run() {
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$page" | awk -v label="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { non2xx = $NF }
    /Socket errors/ { errors = $0 }
    /requests in/ { total = $1 }
    END { printf "%-22s %10s req/s  p50 %8s  p99 %8s  requests %s  non-2xx %s  %s\n", label, rps, p50, p99, total, (non2xx ? non2xx : 0), (errors ? errors : "socket errors: none") }'
}

run "alone"

# 1,000 half-sent requests, opened before the measured run and dribbled a byte a second.
python3 - "$port" "$seconds" >"$log.slow" 2>&1 <<'PY' &
import socket, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
sockets, refused = [], 0
for _ in range(1000):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(s)
    except OSError:
        refused += 1
opened = time.monotonic()
alive = list(sockets)
cut_at = []
while alive and time.monotonic() - opened < seconds + 8:
    time.sleep(0.5)
    still = []
    for s in alive:
        try:
            s.sendall(b"X")
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    raise OSError("closed")
            except BlockingIOError:
                pass
            s.setblocking(True)
            still.append(s)
        except OSError:
            cut_at.append(time.monotonic() - opened)
    alive = still
cut_at.sort()
median = cut_at[len(cut_at) // 2] if cut_at else float("nan")
print(f"half-sent requests: {len(sockets)} opened, {refused} refused, {len(cut_at)} cut off by the server "
      f"(median after {median:.1f} s), {len(alive)} still open at the end")
PY
slow=$!
sleep 2
run "with 1,000 slowloris"
wait $slow
cat "$log.slow"
rm -f "$log.slow"
