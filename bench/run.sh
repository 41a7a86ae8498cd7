#!/usr/bin/env bash
# Times briefbook against Hugo on generated books and prints one Markdown table.
#
#   bench/run.sh                 books of 1,000 and 10,000 articles
#   bench/run.sh 1000            chosen sizes
#   bench/run.sh --full          adds 100,000 articles
#
# Builds run alternately (briefbook, Hugo, briefbook, ...) into a fresh output folder each time,
# so both tools see the same machine load; the table shows the median wall time of RUNS runs
# (default 3) and the highest peak RSS; then each tool builds RUNS times more into its last output
# (the everyday rebuild), and, when run as root, again with that output dropped from the page
# cache. Nothing on the disk is deleted until the end. Up to 10k articles, both
# tools also build into a tmpfs (BENCH_MEM, default /dev/shm), and `cp -r` of briefbook's site
# times what the disk alone charges for its files. Corpora are generated once with
# ../shared/bench/gen_corpus.py and cached in BENCH_CACHE (default ~/.cache/briefbook-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=${BENCH_GEN:-$ROOT/../shared/bench/gen_corpus.py}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/briefbook-bench}
RUNS=${RUNS:-3}
HUGO=${HUGO:-hugo}
BB=$ROOT/target/release/briefbook

sizes=()
for arg in "$@"; do
  case $arg in
    --full) sizes+=(1000 10000 100000) ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *[!0-9]*|'') echo "unknown argument: $arg" >&2; exit 2 ;;
    *) sizes+=("$arg") ;;
  esac
done
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
# Unique, ascending.
mapfile -t sizes < <(printf '%s\n' "${sizes[@]}" | sort -n -u)

[ -f "$GEN" ] || { echo "corpus generator not found at $GEN (set BENCH_GEN)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
have_hugo=1
command -v "$HUGO" >/dev/null || have_hugo=0

echo "Building briefbook (release)..." >&2
(cd "$ROOT" && cargo build --release --quiet)

mkdir -p "$CACHE"
WORK=$(mktemp -d)
# A tmpfs for the output-in-memory rows (BENCH_MEM, default /dev/shm); none, no such rows.
MEM=
mem_base=${BENCH_MEM:-/dev/shm}
if [ "$(stat -f -c %T "$mem_base" 2>/dev/null)" = tmpfs ] && [ -w "$mem_base" ]; then
  MEM=$(mktemp -d -p "$mem_base")
fi
cleanup() { rm -rf "$WORK"; [ -z "$MEM" ] || rm -rf "$MEM"; }
trap cleanup EXIT

gen_stamp=$(cksum < "$GEN" | cut -d' ' -f1)

# corpus FLAVOR N → prints the cached corpus folder, generating it when missing or stale.
corpus() {
  local dir=$CACHE/$1-$2
  if [ "$(cat "$dir/.stamp" 2>/dev/null || true)" != "$gen_stamp" ]; then
    echo "Generating $2 articles ($1)..." >&2
    rm -rf "$dir"
    python3 "$GEN" "$2" "$dir" --flavor "$1" >&2
    echo "$gen_stamp" > "$dir/.stamp"
  fi
  echo "$dir"
}

# measure NAME CMD... → runs CMD once, appends "seconds rss_kb cpu_seconds" to $WORK/NAME.
measure() {
  local name=$1; shift
  local start end
  start=$EPOCHREALTIME
  if ! /usr/bin/time -f "%M %U %S" -o "$WORK/rss" "$@" >"$WORK/out.log" 2>&1; then
    echo "command failed: $*" >&2
    tail -20 "$WORK/out.log" >&2
    return 1
  fi
  end=$EPOCHREALTIME
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }') $(tail -1 "$WORK/rss" | awk '{ print $1, $2 + $3 }')" >> "$WORK/$name"
}

# median NAME [FIELD]: median wall time (field 1) or CPU time (field 3) of the runs.
median() { cut -d' ' -f"${2:-1}" "$WORK/$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max_rss_mb() { cut -d' ' -f2 "$WORK/$1" | sort -g | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'; }
fmt_time() { awk -v t="$1" 'BEGIN { if (t < 1) printf "%.0f ms", t * 1000; else printf "%.2f s", t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "n/a" }'; }
count() { awk -v n="$1" 'BEGIN { if (n >= 1000) printf "%gk", n / 1000; else print n }'; }

# Import of 10k raw articles into an empty book, when this build has the command. It runs before
# the builds, and each run imports into a new book deleted only after the last: ext4 without a
# journal skips inodes freed in the last 30 seconds when creating files, so deleting the previous
# run's 10,000 files (or a build's output) just before would time the file system, not import.
import_cell="n/a"
import_mem_cell=
if "$BB" import --help >/dev/null 2>&1; then
  raw=$(corpus raw 10000)
  ok=1
  for run in $(seq "$RUNS"); do
    book=$WORK/import-book-$run
    mkdir -p "$book/content/articles"
    echo "Import, run $run/$RUNS..." >&2
    measure import "$BB" import --root "$book" "$raw" || { ok=0; break; }
  done
  [ $ok = 1 ] && import_cell=$(fmt_time "$(median import)")
  # The same into a tmpfs: on a disk slow to create files, the disk's share shows.
  if [ $ok = 1 ] && [ -n "$MEM" ]; then
    for run in $(seq "$RUNS"); do
      mkdir -p "$MEM/import-book/content/articles"
      measure import-mem "$BB" import --root "$MEM/import-book" "$raw" || break
      rm -rf "$MEM/import-book"
    done
    [ -f "$WORK/import-mem" ] && import_mem_cell=$(fmt_time "$(median import-mem)")
  fi
fi

rows=()
for n in "${sizes[@]}"; do
  bb_src=$(corpus briefbook "$n")
  [ $have_hugo = 1 ] && hugo_src=$(corpus hugo "$n")
  # Every run writes a new folder, and nothing is deleted until the whole bench is done: on some
  # file systems (ext4 without a journal) creating files within 30 seconds of deleting thousands
  # is much slower, for both tools.
  for run in $(seq "$RUNS"); do
    echo "Size $n, run $run/$RUNS..." >&2
    measure "bb-$n" "$BB" build --root "$bb_src" --output "$WORK/out-bb-$n-$run"
    if [ $have_hugo = 1 ]; then
      measure "hugo-$n" "$HUGO" --quiet -s "$hugo_src" -d "$WORK/out-hugo-$n-$run"
    fi
  done
  # The everyday case: building again into the last output, nothing changed.
  for run in $(seq "$RUNS"); do
    echo "Size $n, rebuild $run/$RUNS..." >&2
    measure "bb-re-$n" "$BB" build --root "$bb_src" --output "$WORK/out-bb-$n-1"
    if [ $have_hugo = 1 ]; then
      measure "hugo-re-$n" "$HUGO" --quiet -s "$hugo_src" -d "$WORK/out-hugo-$n-1"
    fi
  done
  # The rebuild of the next morning: the last output no longer in the page cache, the sources
  # (just edited) and the programs still there. Needs root to drop the cache; skipped otherwise.
  if [ -w /proc/sys/vm/drop_caches ] && [ "$n" -le 10000 ]; then
    for run in $(seq "$RUNS"); do
      echo "Size $n, rebuild with a cold output $run/$RUNS..." >&2
      cold() { sync; echo 3 > /proc/sys/vm/drop_caches; find "$1" -type f -exec cat {} + > /dev/null; cat "$2" > /dev/null; }
      cold "$bb_src" "$BB"
      measure "bb-cold-$n" "$BB" build --root "$bb_src" --output "$WORK/out-bb-$n-1"
      if [ $have_hugo = 1 ]; then
        cold "$hugo_src" "$(command -v "$HUGO")"
        measure "hugo-cold-$n" "$HUGO" --quiet -s "$hugo_src" -d "$WORK/out-hugo-$n-1"
      fi
    done
  fi
  # The same builds with the output in memory (tmpfs), for books up to 10k: what each tool costs
  # apart from the disk, which on ext4 without a journal charges much for every new file.
  if [ -n "$MEM" ] && [ "$n" -le 10000 ]; then
    for run in $(seq "$RUNS"); do
      echo "Size $n, output in memory, run $run/$RUNS..." >&2
      measure "bb-mem-$n" "$BB" build --root "$bb_src" --output "$MEM/out-bb"
      rm -rf "$MEM/out-bb"
      if [ $have_hugo = 1 ]; then
        measure "hugo-mem-$n" "$HUGO" --quiet -s "$hugo_src" -d "$MEM/out-hugo"
        rm -rf "$MEM/out-hugo"
      fi
    done
  fi
  # The floor the disk sets: copying briefbook's finished site into a new folder, which creates
  # the same files and folders with no generator at all.
  for run in $(seq "$RUNS"); do
    measure "copy-$n" cp -r "$WORK/out-bb-$n-1" "$WORK/copy-$n-$run"
  done
  bb_t=$(median "bb-$n")
  if [ $have_hugo = 1 ]; then
    hugo_t=$(median "hugo-$n")
    rows+=("| full build, $(count "$n") articles | $(fmt_time "$bb_t") | $(fmt_time "$hugo_t") | $(ratio "$bb_t" "$hugo_t") faster |")
    rows+=("| CPU time (user + sys), $(count "$n") articles | $(fmt_time "$(median "bb-$n" 3)") | $(fmt_time "$(median "hugo-$n" 3)") | $(ratio "$(median "bb-$n" 3)" "$(median "hugo-$n" 3)") less |")
    rows+=("| peak RSS, $(count "$n") articles | $(max_rss_mb "bb-$n") MB | $(max_rss_mb "hugo-$n") MB | $(ratio "$(max_rss_mb "bb-$n")" "$(max_rss_mb "hugo-$n")") less |")
    rows+=("| rebuild into the last output, $(count "$n") articles | $(fmt_time "$(median "bb-re-$n")") | $(fmt_time "$(median "hugo-re-$n")") | $(ratio "$(median "bb-re-$n")" "$(median "hugo-re-$n")") faster |")
    if [ -f "$WORK/bb-cold-$n" ]; then
      rows+=("| rebuild, last output not in the page cache, $(count "$n") articles | $(fmt_time "$(median "bb-cold-$n")") | $(fmt_time "$(median "hugo-cold-$n")") | $(ratio "$(median "bb-cold-$n")" "$(median "hugo-cold-$n")") faster |")
    fi
    if [ -f "$WORK/bb-mem-$n" ]; then
      rows+=("| full build, output in memory, $(count "$n") articles | $(fmt_time "$(median "bb-mem-$n")") | $(fmt_time "$(median "hugo-mem-$n")") | $(ratio "$(median "bb-mem-$n")" "$(median "hugo-mem-$n")") faster |")
    fi
  else
    rows+=("| full build, $(count "$n") articles | $(fmt_time "$bb_t") | n/a | n/a |")
    rows+=("| peak RSS, $(count "$n") articles | $(max_rss_mb "bb-$n") MB | n/a | n/a |")
    rows+=("| rebuild into the last output, $(count "$n") articles | $(fmt_time "$(median "bb-re-$n")") | n/a | n/a |")
  fi
  rows+=("| copying briefbook's $(count "$n") site on the disk (\`cp -r\`, no generator) | $(fmt_time "$(median "copy-$n")") | | |")
done

rows+=("| import, 10k raw articles | $import_cell | – | |")
[ -n "$import_mem_cell" ] && rows+=("| import, 10k raw articles, into memory | $import_mem_cell | – | |")

# Edit-to-served-page latency of serve --watch on the 10k book.
serve_cell="n/a"
if "$BB" serve --help 2>/dev/null | grep -q -- --watch && [ -x "$ROOT/bench/serve_latency.sh" ]; then
  # The probe edits the book (and restores it): give it a copy, not the cached corpus.
  cp -r "$(corpus briefbook 10000)" "$WORK/serve-book"
  if out=$(BRIEFBOOK=$BB "$ROOT/bench/serve_latency.sh" "$WORK/serve-book" 5 2>"$WORK/serve.log"); then
    serve_cell=$(echo "$out" | sed -n 's/^median edit-to-served: \([0-9]*\) ms$/\1 ms/p')
    [ -n "$serve_cell" ] || serve_cell="n/a"
  else
    tail -5 "$WORK/serve.log" >&2
  fi
fi
rows+=("| serve --watch, edit → served page, 10k | $serve_cell | – | |")

# Cold start: the smallest real book (the example book when the repository has one).
example=
for candidate in "$ROOT"/example "$ROOT"/examples/* "$ROOT"; do
  if [ -d "$candidate/content/articles" ]; then example=$candidate; break; fi
done
if [ -z "$example" ]; then
  example=$WORK/sample
  "$BB" init "$example" >/dev/null
fi
for run in $(seq 5); do
  rm -rf "$WORK/out"
  measure example "$BB" build --root "$example" --output "$WORK/out"
done
rows+=("| build, $([ "$example" = "$ROOT" ] && echo example || basename "$example") book (cold start) | $(fmt_time "$(median example)") | – | |")

hugo_version=$([ $have_hugo = 1 ] && "$HUGO" version | awk '{ print $2 }' || echo "not installed")
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) cores ($cpu), $mem RAM, $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "briefbook $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') vs Hugo $hugo_version; median of $RUNS runs, alternating."
echo
echo "| Benchmark | briefbook | Hugo | Ratio |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
