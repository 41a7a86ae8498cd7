#!/usr/bin/env python3
"""How well `briefbook import` reads articles, measured on three labelled sets.

    bench/import_eval.sh [--set seeds|frozen|raw|html] [--raw DIR] [--dev DIR] [--verbose]

Each set is imported into a fresh temporary book and scored against its answer key; the script
prints one Markdown table, one row per set:

  seeds  seeds/*.txt, with the example book's actors, outlets and topics (copied into the temporary
         book, since import adds new people to its book's actors file), against
         tests/import_answers.yaml.
  raw    raw news texts NNN.txt against ../shared/import-dev/gold.yaml, scored the way that folder's
         score_text.py scores them; score_text.py's own totals line is printed under the table.
  html   saved pages against ../shared/import-dev/html-gold.yaml: Mozilla Readability's expected
         metadata and body for each page (NAME.html, NAME.expected.html).

Columns: articles written / in the key; title, outlet, byline: share correct among the entries that
label it; date exact: share with a date the key accepts (the raw key's date_ok, and no date where the
date came only from the url); date wrong: how many got a date the key does not accept (no date is
missing, not wrong); actors: precision / recall / F1 over all names; body recall: share of the
expected body's words that the article has; body leak: share of the article's words that are not in
the expected body (both means over pages). "–": the set has no labels for the column.

The raw texts are third-party pages and are never committed. Restore them, one NNN.txt per gold.yaml
entry id, into a scratch folder outside the repository, following the developers' instructions that
gold.yaml's header points to (each entry's url, query and rank identify the stored public page whose
excerpt is the text); then pass the folder with --raw DIR or IMPORT_DEV_RAW. Without it the raw row
is skipped.

The exit status is always 0: this is a measurement, not a test. The binary is $BRIEFBOOK, else
target/release/briefbook.
"""
import argparse
import collections
import html.parser
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
NONE = "–"
COLUMNS = ["set", "articles", "title", "outlet", "date exact", "date wrong", "byline",
           "actors P / R / F1", "body recall", "body leak"]
st = None  # score_text.py, loaded from the dev folder: its normalisations are the scoring rules


def load_score_text(dev):
    global st
    spec = importlib.util.spec_from_file_location("score_text", dev / "score_text.py")
    st = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(st)


def run_import(binary, root, inputs, notes):
    """Imports `inputs` into root/out; returns [(source, front matter, body)] in file order."""
    out = root / "out"
    r = subprocess.run([binary, "import", "--root", root, "--into", out, *inputs],
                       capture_output=True, text=True)
    if r.returncode:
        notes.append(f"import exited {r.returncode}: {(r.stderr.strip().splitlines() or [''])[-1]}")
    articles = []
    for p in sorted(out.rglob("*.md")):
        text = p.read_text(encoding="utf-8")
        m = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
        try:
            fm = m and yaml.safe_load(m.group(1))
        except yaml.YAMLError as e:
            notes.append(f"{p.name}: front matter does not parse ({e})")
            fm = None
        if fm:
            articles.append((str(fm.get("source", "")), fm, text[m.end():]))
    return out, articles


def match(articles, keys, is_source):
    """{key: (front matter, body)} for the articles whose source names a key (the last one wins)."""
    return {k: (fm, body) for src, fm, body in articles for k in keys if is_source(k, src)}


def as_list(v):
    return [v] if isinstance(v, str) else list(v or [])


def date_of(fm):
    d = fm.get("date")
    return None if d in (None, "") else str(d)


class Tally:
    """Counts per field over one set, and what each entry got wrong."""

    def __init__(self, name, found, total, verbose):
        self.name, self.found, self.total, self.verbose = name, found, total, verbose
        self.wrong_dates = 0
        self.n, self.ok, self.actors = collections.Counter(), collections.Counter(), collections.Counter()
        self.recall, self.leak = [], []
        self.errs = []

    def field(self, name, ok, got=None, want=None):
        self.n[name] += 1
        self.ok[name] += bool(ok)
        if not ok:
            self.errs.append(f"{name} {got!r} want {want!r}")

    def date(self, got, accepted, want):
        ok = got in accepted
        self.wrong_dates += not ok and got is not None
        self.field("date", ok, got, want)

    def names(self, gold, got):
        """Actor names, compared as sets of score_text's norm_name."""
        ga, pa = {st.norm_name(x) for x in gold}, {st.norm_name(x) for x in got}
        self.actors.update(tp=len(ga & pa), fp=len(pa - ga), fn=len(ga - pa), n=1)
        if ga != pa:
            self.errs.append(f"actors -{sorted(ga - pa)} +{sorted(pa - ga)}")

    def body(self, recall, leak):
        self.recall.append(recall)
        self.leak.append(leak)
        self.errs.append(f"body recall {recall:.2f} leak {leak:.2f}")

    def done(self, entry):
        if self.verbose and self.errs:
            print(f"{self.name} {entry}: " + " | ".join(self.errs))
        self.errs = []

    def row(self):
        def share(f):
            return f"{self.ok[f] / self.n[f]:.2f} ({self.ok[f]}/{self.n[f]})" if self.n[f] else NONE
        a = self.actors
        p = a["tp"] / (a["tp"] + a["fp"]) if a["tp"] + a["fp"] else 1.0
        r = a["tp"] / (a["tp"] + a["fn"]) if a["tp"] + a["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        mean = lambda xs: f"{sum(xs) / len(xs):.2f}" if xs else NONE
        return [self.name, f"{self.found}/{self.total}", share("title"), share("outlet"), share("date"),
                str(self.wrong_dates) if self.n["date"] else NONE, share("byline"),
                f"{p:.2f} / {r:.2f} / {f1:.2f}" if a["n"] else NONE, mean(self.recall), mean(self.leak)]


def score_text_entry(t, g, fm, byline_key):
    """One entry of a score_text.py-style key (the seeds' key has the same shape, without ids)."""
    if fm is None:  # as score_text.py: every field wrong, every actor missed
        for f in ["title", "outlet", "date"] + (["byline"] if byline_key in g else []):
            t.field(f, False, "MISSING", g.get(f))
        t.names(g.get("actors") or [], [])
        return
    if g["title"] is None:  # no headline in the text: fine when flagged for review (or left empty)
        t.field("title", "title" in [str(x) for x in fm.get("review") or []] or not fm.get("title"),
                fm.get("title"), "null or 'title' in review")
    else:
        t.field("title", st.norm_text(fm.get("title")) == st.norm_text(g["title"]), fm.get("title"), g["title"])
    wants = [g["outlet"]] + list(g.get("outlet_aliases") or [])
    t.field("outlet", st.norm_outlet(fm.get("outlet")) in {st.norm_outlet(x) for x in wants},
            fm.get("outlet"), g["outlet"])
    want = None if g["date"] is None else str(g["date"])
    accepted = [want] + [str(x) for x in g.get("date_ok", [])] + ([None] if g.get("date_source") == "url" else [])
    t.date(date_of(fm), accepted, want)
    if byline_key in g:
        got, gold = as_list(fm.get("byline")), as_list(g[byline_key])
        t.field("byline", {st.norm_name(x) for x in got} == {st.norm_name(x) for x in gold}, got, gold)
    t.names(g.get("actors") or [], as_list(fm.get("actors")))


def score_key(name, key, root, inputs, binary, args, notes):
    """Imports `inputs` into the book at `root` and scores them against a key whose entries name
    their input file (`file: seeds/NAME.txt`)."""
    _, articles = run_import(binary, root, inputs, notes)
    names = [pathlib.Path(g["file"]).name for g in key]
    found = match(articles, names, lambda name, src: src.endswith(name))
    t = Tally(name, len(found), len(key), args.verbose)
    for n, g in zip(names, key):
        score_text_entry(t, g, found.get(n, (None,))[0], "byline")
        t.done(n)
    return t.row()


def eval_seeds(binary, tmp, args, notes):
    key = yaml.safe_load((REPO / "tests/import_answers.yaml").read_text(encoding="utf-8"))
    root = tmp / "book"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "briefbook.toml", root)
    for f in (REPO / "content").glob("*.yaml"):
        shutil.copy(f, root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    inputs = sorted((root / "seeds").glob("*.txt"))
    return score_key("seeds", key, root, inputs, binary, args, notes)


def eval_frozen(binary, tmp, args, notes):
    """The frozen held-out texts of tests/fixtures/import/frozen, imported into a new, empty book."""
    folder = REPO / "tests/fixtures/import/frozen"
    key = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
    root = tmp / "frozen-book"
    root.mkdir(parents=True)
    inputs = sorted(folder.glob("*.txt"))
    return score_key("frozen (held out)", key, root, inputs, binary, args, notes)


def eval_raw(binary, tmp, args, notes):
    if not args.raw or not args.raw.is_dir():
        notes.append("raw: skipped: no folder of raw texts (--raw DIR or IMPORT_DEV_RAW; see the docstring)")
        return None
    gold_path = args.dev / "gold.yaml"
    gold = {str(g["id"]): g for g in yaml.safe_load(gold_path.read_text(encoding="utf-8"))}
    inputs = [args.raw / f"{gid}.txt" for gid in gold if (args.raw / f"{gid}.txt").is_file()]
    if len(inputs) < len(gold):
        notes.append(f"raw: {len(gold) - len(inputs)} of {len(gold)} texts are not in the raw folder")
    root = tmp / "book"
    root.mkdir()
    out, articles = run_import(binary, root, inputs, notes)
    # score_text.py's rule: the gold id names the source's file.
    found = match(articles, gold, lambda gid, src: bool(
        re.search(rf"(^|[/_\-]){re.escape(gid)}(\.|_|$)", pathlib.Path(src).name) or pathlib.Path(src).stem == gid))
    t = Tally("raw", len(found), len(gold), args.verbose)
    for gid, g in gold.items():
        score_text_entry(t, g, found.get(gid, (None,))[0], "reporters")
        t.done(gid)
    r = subprocess.run([sys.executable, args.dev / "score_text.py", gold_path, out], capture_output=True, text=True)
    notes.append("raw, score_text.py: " + ((r.stdout.strip().splitlines() or [r.stderr.strip()])[-1]))
    return t.row()


BLOCKS = set("address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
             "header hr img li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


class Text(html.parser.HTMLParser):
    """The text of an HTML fragment, with a space at each block's edges (inline tags join words)."""

    def __init__(self, markup):
        super().__init__()
        self.parts, self.skip = [], 0
        self.feed(markup)
        self.close()
        self.text = "".join(self.parts)

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.parts.append(" " if tag in BLOCKS else "")

    def handle_endtag(self, tag):
        self.skip -= self.skip > 0 and tag in ("script", "style")
        self.parts.append(" " if tag in BLOCKS else "")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def words(text):
    return re.findall(r"\w+", text.lower().replace("_", " "))


def markdown_words(md):
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", md)  # images
    md = re.sub(r"\]\([^)]*\)", "] ", md)  # link targets
    md = re.sub(r"<[^>]+>", " ", md)  # autolinks, inline HTML
    return words(html.unescape(md))


def title_forms(title):
    """The gold title, and it without each trailing ' | Site' suffix in turn."""
    forms = [title]
    while (cut := max(title.rfind(s) for s in (" | ", " - ", " – ", " · "))) > 0:
        title = title[:cut]
        forms.append(title)
    return {st.norm_text(x) for x in forms}


MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


def norm_byline(s):
    """A Readability byline without its 'By', dates, times, digits and links."""
    s = st.norm_text(s)
    s = re.sub(r"\(?https?://[^\s)]*\)?|\b(?:last )?updated:?", " ", s)
    s = re.sub(r"(?:\bat\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?", " ", s)
    s = re.sub(rf"{MONTH}\s*\d[\d,]*|\d+\s*{MONTH}|\d+", " ", s)
    s = re.sub(r"^\s*by:?\s", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,")


def byline_ok(gold, got):
    want = norm_byline(gold)
    names = {st.norm_name(x) for x in re.split(r",|\band\b|&", want) if x.strip()}
    return names == {st.norm_name(x) for x in got} or norm_byline(", ".join(got)) == want


def eval_html(binary, tmp, args, notes):
    gold_path = args.dev / "html-gold.yaml"
    pages = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["pages"]
    root = tmp / "book"
    (root / "pages").mkdir(parents=True)
    for p in pages:
        shutil.copy(gold_path.parent / p["file"], root / "pages" / f"{p['name']}.html")
    _, articles = run_import(binary, root, [root / "pages" / f"{p['name']}.html" for p in pages], notes)
    is_page = lambda name, src: pathlib.Path(src).name == f"{name}.html"
    found = match(articles, [p["name"] for p in pages], is_page)
    # Two saved copies of one story (same text or address) are one article in a book: import
    # finds the second "already in the book". Each page is scored, so such a page is imported
    # again on its own.
    for p in pages:
        if p["name"] not in found:
            alone = tmp / f"alone-{p['name']}"
            (alone / "pages").mkdir(parents=True)
            page = alone / "pages" / f"{p['name']}.html"
            shutil.copy(root / "pages" / f"{p['name']}.html", page)
            _, more = run_import(binary, alone, [page], notes)
            found.update(match(more, [p["name"]], is_page))
    t = Tally("html", len(found), len(pages), args.verbose)
    for p in pages:
        fm, body = found.get(p["name"], ({}, None))
        if body is None:
            t.errs.append("MISSING")
        t.field("title", st.norm_text(fm.get("title")) in title_forms(p["title"]), fm.get("title"), p["title"])
        site = p["site_name"]
        if site and not re.match(r"https?://", site):
            got, want = st.norm_outlet(fm.get("outlet")), st.norm_outlet(site)
            t.field("outlet", got and (got == want or got in want or want in got), fm.get("outlet"), site)
        if p["date"]:
            t.date(date_of(fm), [str(p["date"])], str(p["date"]))
        if p["byline"]:
            got = as_list(fm.get("byline"))
            t.field("byline", byline_ok(p["byline"], got), got, p["byline"])
        if body is None:
            t.body(0.0, 0.0)
        else:
            want = collections.Counter(words(Text((gold_path.parent / p["expected"]).read_text(encoding="utf-8")).text))
            got = collections.Counter(markdown_words(body))
            common, n_want, n_got = sum((want & got).values()), sum(want.values()), sum(got.values())
            t.body(common / n_want if n_want else 0.0, (n_got - common) / n_got if n_got else 0.0)
        t.done(p["name"])
    return t.row()


SETS = {"seeds": eval_seeds, "frozen": eval_frozen, "raw": eval_raw, "html": eval_html}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=SETS, help="run only this set")
    ap.add_argument("--raw", type=pathlib.Path, default=os.environ.get("IMPORT_DEV_RAW") or None,
                    help="folder holding the raw texts NNN.txt (default: $IMPORT_DEV_RAW)")
    ap.add_argument("--dev", type=pathlib.Path, default=REPO.parent / "shared" / "import-dev",
                    help="folder of the dev keys and score_text.py (default: ../shared/import-dev)")
    ap.add_argument("--verbose", action="store_true", help="print what each entry got wrong")
    args = ap.parse_args()
    binary = pathlib.Path(os.environ.get("BRIEFBOOK") or REPO / "target/release/briefbook")
    if not os.access(binary, os.X_OK):
        print(f"no briefbook binary at {binary} (build it, or set BRIEFBOOK)")
        return
    if not (args.dev / "score_text.py").is_file():
        print(f"no score_text.py in {args.dev} (give the dev folder with --dev)")
        return
    load_score_text(args.dev)
    rows, notes = [], []
    for name, run in SETS.items():
        if args.set in (None, name):
            with tempfile.TemporaryDirectory(prefix=f"import-eval-{name}-") as tmp:
                rows.append(run(binary, pathlib.Path(tmp), args, notes))
    if args.verbose:
        print()
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in filter(None, rows):
        print("| " + " | ".join(row) + " |")
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a measurement: report the failure, never fail the caller
        traceback.print_exc()
