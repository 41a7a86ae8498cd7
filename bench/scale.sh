#!/usr/bin/env bash
# Scale of the editor's layer in one article: builds two generated books and prints their times.
#   annotations: one article of 10,000 paragraphs with 10,000 annotations, each anchored once;
#   actors:      one article naming 5,000 actors, each listed in actors.yaml and front matter.
# Usage: bench/scale.sh [WORK_DIR]   (build first: cargo build --release)
set -euo pipefail
work=${1:-$(mktemp -d)}
bin=${BRIEFBOOK:-$(dirname "$0")/../target/release/briefbook}
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
def book(name, articles, actors=""):
    root = os.path.join(work, name)
    os.makedirs(os.path.join(root, "content/articles"), exist_ok=True)
    open(os.path.join(root, "briefbook.toml"), "w").write('title = "Scale"\n')
    if actors:
        open(os.path.join(root, "content/actors.yaml"), "w").write(actors)
    open(os.path.join(root, "content/articles/a.md"), "w").write(articles)
n = 10000
body = "\n\n".join(f"Paragraph {i} says the phrase number{i} plainly and well." for i in range(n))
notes = "".join(f'  - quote: "phrase number{i} plainly"\n    note: "Note {i}."\n' for i in range(n))
book("annotations", f"---\ntitle: T\noutlet: O\ndate: 2017\nannotations:\n{notes}---\n\n{body}\n")
n = 5000
names = [f"Actor{i} Person{i}" for i in range(n)]
body = "\n\n".join(f"{x} met {names[(i + 1) % n]} and said nothing." for i, x in enumerate(names))
book("actors", f"---\ntitle: T\noutlet: O\ndate: 2017\nactors: [{', '.join(names)}]\n---\n\n{body}\n",
     "".join(f"- name: {x}\n" for x in names))
PY
for name in annotations actors; do
  rm -rf "$work/$name/public"
  start=$(date +%s.%N)
  "$bin" build --root "$work/$name" | tail -1
  end=$(date +%s.%N)
  printf '%-12s build %.2f s, output %s\n' "$name" "$(echo "$end - $start" | bc)" "$(du -sh "$work/$name/public" | cut -f1)"
done
